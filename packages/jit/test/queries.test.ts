/** Query counts, output shape and column selection for the dashboard template, on real SQLite. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PyDate } from '@djust/templates';
import { Jit, query } from '../src/index.js';
import { openDb, Lease, type TestDb } from './fixtures/db.js';

const DASHBOARD = `<ul>{% for lease in expiring_soon %}
<li>{{ lease.property.name }} | {{ lease.tenant.user.email }} | {{ lease.tenant.user.get_full_name }} | {{ lease.end_date|date:"M d, Y" }}</li>{% endfor %}
</ul>`;

const engine = new Engine({ templates: { 'dashboard.html': DASHBOARD, 'payments.html': '{% for lease in leases %}{% for p in lease.payments %}{{ p.amount }};{% endfor %}{% endfor %}' } });

async function renderDashboard(db: TestDb): Promise<{ html: string; queries: number; data: Record<string, unknown> }> {
  const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
  const template = engine.getTemplate('dashboard.html');
  db.reset();
  const data = await jit.serializeContext({ expiring_soon: query(Lease).orderBy({ endDate: 'asc', id: 'asc' }) }, template, db.orm.em.fork());
  return { html: template.render(data), queries: db.sql.length, data };
}

test('the dashboard costs the same single query for 5, 50 and 500 leases', async () => {
  const counts: number[] = [];
  for (const n of [5, 50, 500]) {
    const db = await openDb(n);
    try {
      const { html, queries } = await renderDashboard(db);
      assert.equal((html.match(/<li>/g) ?? []).length, n);
      counts.push(queries);
    } finally {
      await db.close();
    }
  }
  assert.deepEqual(counts, [1, 1, 1]);
});

test('each to-many path adds exactly one query, however many rows', async () => {
  for (const n of [5, 50]) {
    const db = await openDb(n);
    try {
      const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
      const template = engine.getTemplate('payments.html');
      db.reset();
      const data = await jit.serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, template, db.orm.em.fork());
      assert.equal(db.sql.length, 2, db.sql.join('\n'));
      const expected = Array.from({ length: n }, (_, i) => Array.from({ length: i % 3 }, (_, k) => `${100 + k}.25;`).join('')).join('');
      assert.equal(template.render(data), expected);
    } finally {
      await db.close();
    }
  }
});

test('output equals a hand-written serializer of the same paths', async () => {
  const db = await openDb(12);
  try {
    const { data } = await renderDashboard(db);
    const em = db.orm.em.fork();
    const leases = await em.find(Lease, {}, { populate: ['property', 'tenant.user'], orderBy: { endDate: 'asc', id: 'asc' } });
    const byHand = leases.map((l) => ({
      id: l.id,
      property: { id: l.property.id, name: l.property.name },
      tenant: l.tenant ? { id: l.tenant.id, user: { id: l.tenant.user.id, email: l.tenant.user.email, get_full_name: l.tenant.user.getFullName() } } : null,
      end_date: PyDate.parse(l.endDate),
    }));
    assert.deepEqual(data.expiring_soon, byHand);
  } finally {
    await db.close();
  }
});

test('a missing relation along a path renders an empty cell, not an error', async () => {
  const db = await openDb(6, { withoutTenantEvery: 3 });
  try {
    const { html } = await renderDashboard(db);
    assert.match(html, /<li>Unit 0 &lt;Main &amp; 5th&gt; \|  \|  \| /);
    assert.match(html, /tenant1@example\.com \| First1 Last1 \| /);
  } finally {
    await db.close();
  }
});

test('columns the template does not read are neither selected nor serialized', async () => {
  const db = await openDb(5);
  try {
    const { data } = await renderDashboard(db);
    const sql = db.sql.join('\n');
    assert.doesNotMatch(sql, /password_hash/);
    assert.doesNotMatch(sql, /`address`|`city`|`rent`|`phone`|`is_staff`/);
    assert.match(sql, /`first_name`/); // get_full_name declares what it reads
    const text = JSON.stringify(data);
    assert.doesNotMatch(text, /secret|passwordHash|password_hash|address|Springfield/);
  } finally {
    await db.close();
  }
});

test('entities already loaded get missing relations in one query per relation level', async () => {
  const db = await openDb(40);
  try {
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const em = db.orm.em.fork();
    const leases = await em.find(Lease, {}, { orderBy: { id: 'asc' } });
    db.reset();
    const template = engine.getTemplate('dashboard.html');
    const data = await jit.serializeContext({ expiring_soon: leases }, template, em);
    assert.ok(db.sql.length <= 3, `${db.sql.length} queries:\n${db.sql.join('\n')}`);
    assert.equal((template.render(data).match(/@example\.com/g) ?? []).length, 40);
  } finally {
    await db.close();
  }
});

test('entities loaded through another fork (say in mount) are merged, then populated in batches', async () => {
  const db = await openDb(30);
  try {
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const leases = await db.orm.em.fork().find(Lease, {}, { orderBy: { id: 'asc' } });
    db.reset();
    const template = engine.getTemplate('dashboard.html');
    const data = await jit.serializeContext({ expiring_soon: leases }, template, db.orm.em.fork());
    assert.ok(db.sql.length <= 3, `${db.sql.length} queries`);
    assert.equal((template.render(data).match(/@example\.com/g) ?? []).length, 30);
  } finally {
    await db.close();
  }
});

test('entities the view loaded itself (findOne, find) are populated with only the columns the template reads', async () => {
  const db = await openDb(6);
  try {
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const tpl = new Engine({ templates: { t: '{{ lease.property.name }}|{{ lease.tenant.user.email }}' } }).getTemplate('t');
    const em = db.orm.em.fork();
    const one = await em.findOneOrFail(Lease, { id: 2 });
    const many = await db.orm.em.fork().find(Lease, { id: { $in: [2, 3] } }, { orderBy: { id: 'asc' } });
    db.reset();
    const fromFindOne = await jit.serializeContext({ lease: one }, tpl, em);
    const fromFind = await Promise.all(many.map((lease) => jit.serializeContext({ lease }, tpl, db.orm.em.fork())));
    assert.deepEqual(
      [fromFindOne, ...fromFind].map((d) => tpl.render(d)),
      ['Unit 1 &lt;Main &amp; 5th&gt;|tenant1@example.com', 'Unit 1 &lt;Main &amp; 5th&gt;|tenant1@example.com', 'Unit 2 &lt;Main &amp; 5th&gt;|tenant2@example.com'],
    );
    const sql = db.sql.join('\n');
    assert.ok(db.sql.length > 0);
    assert.doesNotMatch(sql, /password_hash|first_name|`address`|`city`|`phone`/, sql);
  } finally {
    await db.close();
  }
});

test('an array of entities the view loaded is populated with only the columns read', async () => {
  const db = await openDb(6);
  try {
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const em = db.orm.em.fork();
    const leases = await em.find(Lease, {}, { orderBy: { id: 'asc' } });
    db.reset();
    const tpl = engine.getTemplate('dashboard.html');
    const html = tpl.render(await jit.serializeContext({ expiring_soon: leases }, tpl, em));
    assert.equal((html.match(/@example\.com/g) ?? []).length, 6);
    assert.doesNotMatch(db.sql.join('\n'), /password_hash|`address`|`city`|`phone`|`is_staff`/, db.sql.join('\n'));
  } finally {
    await db.close();
  }
});
