/** Django idioms on relations and query results (.all, .count, .first, .last, .exists, numeric indexes), in constant queries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { Jit, query, type PlanIssue } from '../src/index.js';
import { openDb, Lease, type TestDb } from './fixtures/db.js';

const IDIOMS = `{% for lease in leases %}{{ lease.id }}:{{ lease.payments.count }}/{{ lease.payments.all|length }}/{% for p in lease.payments.all %}{{ p.amount }},{% endfor %}/{{ lease.payments.first.amount }}/{{ lease.payments.last.amount }}/{{ lease.payments.0.amount }}/{% if lease.payments.exists %}yes{% endif %}
{% endfor %}{{ leases.0.property.name }}|{{ leases.first.status }}|{{ leases.last.status }}|{{ leases.count }}|{{ leases.all|length }}`;
// The same reads written without idioms: what the query count is compared against.
const PLAIN = `{% for lease in leases %}{{ lease.id }}{{ lease.status }}{{ lease.property.name }}{% for p in lease.payments %}{{ p.amount }}{% endfor %}{% endfor %}`;

const engine = new Engine({ templates: { 'idioms.html': IDIOMS, 'plain.html': PLAIN, 'collection.html': '{{ payments.count }} {{ payments.first.amount }} {% for p in payments.all %}{{ p.amount }};{% endfor %}' } });

/** The page as Django would render it, computed from fully loaded entities. */
async function expected(db: TestDb): Promise<string> {
  const leases = await db.orm.em.fork().find(Lease, {}, { populate: ['payments', 'property'], orderBy: { id: 'asc' } });
  const rows = leases.map((l) => {
    const ps = l.payments.getItems().map((p) => p.amount);
    return `${l.id}:${ps.length}/${ps.length}/${ps.map((a) => `${a},`).join('')}/${ps[0] ?? ''}/${ps.at(-1) ?? ''}/${ps[0] ?? ''}/${ps.length ? 'yes' : ''}\n`;
  });
  const first = leases[0];
  const last = leases[leases.length - 1];
  return `${rows.join('')}${first.property.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}|${first.status}|${last.status}|${leases.length}|${leases.length}`;
}

async function render(db: TestDb, name: string): Promise<{ html: string; queries: number; issues: PlanIssue[] }> {
  const issues: PlanIssue[] = [];
  const jit = new Jit({ orm: db.orm, onIssue: (i) => issues.push(i) });
  const tpl = engine.getTemplate(name);
  db.reset();
  const data = await jit.serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, tpl, db.orm.em.fork());
  return { html: tpl.render(data), queries: db.queries, issues };
}

test('.all, .count, .first, .last, .exists and numeric indexes render as in Django, in the same queries as plain reads', async () => {
  const counts: number[] = [];
  for (const n of [5, 40]) {
    const db = await openDb(n);
    try {
      const want = await expected(db);
      const idioms = await render(db, 'idioms.html');
      assert.deepEqual(idioms.issues, []);
      assert.equal(idioms.html, want);
      const plain = await render(db, 'plain.html');
      assert.equal(idioms.queries, plain.queries);
      counts.push(idioms.queries);
    } finally {
      await db.close();
    }
  }
  assert.deepEqual(counts, [2, 2]);
});

test('an entity array handed to the template: numeric indexes', async () => {
  const db = await openDb(4);
  try {
    const em = db.orm.em.fork();
    const leases = await em.find(Lease, {}, { orderBy: { id: 'desc' } });
    const tpl = new Engine({ templates: { t: '{{ books.0.property.name }}|{{ books.1.payments.0.amount }}' } }).getTemplate('t');
    const issues: PlanIssue[] = [];
    const data = await new Jit({ orm: db.orm, onIssue: (i) => issues.push(i) }).serializeContext({ books: leases }, tpl, em);
    assert.equal(tpl.render(data), 'Unit 3 &lt;Main &amp; 5th&gt;|100.25');
    assert.deepEqual(issues, []);
  } finally {
    await db.close();
  }
});

test('a Collection handed to the template answers .count, .first and .all', async () => {
  const db = await openDb(6);
  try {
    const em = db.orm.em.fork();
    const lease = await em.findOneOrFail(Lease, { id: 6 }); // the sixth lease has two payments
    const tpl = engine.getTemplate('collection.html');
    db.reset();
    const data = await new Jit({ orm: db.orm }).serializeContext({ payments: lease.payments }, tpl, em);
    assert.equal(tpl.render(data), '2 100.25 100.25;101.25;');
    assert.equal(db.queries, 1);
  } finally {
    await db.close();
  }
});

// A list also read with an idiom (.count, .first) is a PlainQuerySet: filters, loops and printing treat it as a list.
const WITH_FILTERS = `{% for lease in leases %}{{ lease.payments.count }}={{ lease.payments|length }}/{% with p=lease.payments|first %}{{ p.amount }}{% endwith %}/{% with p=lease.payments|last %}{{ p.amount }}{% endwith %}/{% for p in lease.payments|slice:":2" %}{{ p.amount }},{% endfor %}/{% for p in lease.payments|dictsort:"amount" reversed %}{{ p.amount }},{% endfor %}/{% for p in lease.payments %}{{ p.amount }};{% empty %}none{% endfor %}
{% endfor %}{{ leases.count }}={{ leases|length }}|{% with l=leases|first %}{{ l.status }}{% endwith %}|{% with l=leases|last %}{{ l.status }}{% endwith %}|{{ leases|slice:"1:"|length }}|{{ leases.first.status }}`;

test('a list read with .count or .first still works with |length, |first, |last, |slice, |dictsort and {% for %}', async () => {
  const db = await openDb(6);
  try {
    const leases = await db.orm.em.fork().find(Lease, {}, { populate: ['payments'], orderBy: { id: 'asc' } });
    const rows = leases.map((l) => {
      const ps = l.payments.getItems().map((p) => p.amount);
      const byAmountDesc = [...ps].sort((a, b) => Number(b) - Number(a));
      const loop = ps.length ? ps.map((a) => `${a};`).join('') : 'none';
      return `${ps.length}=${ps.length}/${ps[0] ?? ''}/${ps.at(-1) ?? ''}/${ps.slice(0, 2).map((a) => `${a},`).join('')}/${byAmountDesc.map((a) => `${a},`).join('')}/${loop}\n`;
    });
    const want = `${rows.join('')}${leases.length}=${leases.length}|${leases[0].status}|${leases.at(-1)!.status}|${leases.length - 1}|${leases[0].status}`;
    const issues: PlanIssue[] = [];
    const tpl = new Engine({ templates: { t: WITH_FILTERS } }).getTemplate('t');
    const data = await new Jit({ orm: db.orm, onIssue: (i) => issues.push(i) }).serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, tpl, db.orm.em.fork());
    assert.equal(tpl.render(data), want);
    assert.deepEqual(issues, []);
  } finally {
    await db.close();
  }
});

test('a list read with an idiom prints as a list does, not as an object', async () => {
  const db = await openDb(2);
  try {
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const render = async (src: string): Promise<string> => {
      const tpl = new Engine({ templates: { t: src } }).getTemplate('t');
      return tpl.render(await jit.serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, tpl, db.orm.em.fork()));
    };
    // The same rows, the same fields (id, status), once as a plain list and once also read with .count.
    const list = await render('{% for l in leases %}{{ l.id }}{{ l.status }}{% endfor %}{{ leases }}');
    const queryset = await render('{% for l in leases %}{{ l.id }}{{ l.status }}{% endfor %}{{ leases }}{{ leases.count }}');
    assert.equal(queryset, `${list}2`);
    assert.doesNotMatch(queryset, /object/);
  } finally {
    await db.close();
  }
});

test('.all is a query set again, as in Django: .all.count, .all.first and .all.exists', async () => {
  const db = await openDb(3);
  try {
    const tpl = new Engine({ templates: { t: '{% for l in leases %}{{ l.payments.all.count }}/{{ l.payments.all.first.amount }}/{{ l.payments.all.exists }};{% endfor %}{{ leases.all.count }}' } }).getTemplate('t');
    const issues: PlanIssue[] = [];
    const data = await new Jit({ orm: db.orm, onIssue: (i) => issues.push(i) }).serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, tpl, db.orm.em.fork());
    // The fixture gives lease i (from 0) i % 3 payments of 100.25, 101.25, ...
    assert.equal(tpl.render(data), '0//False;1/100.25/True;2/100.25/True;3');
    assert.deepEqual(issues, []);
  } finally {
    await db.close();
  }
});
