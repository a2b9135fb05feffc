/** The development report of serializeContext: per planned value, its plan, its cache outcome and its rows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { Jit, MemoryCache, TieredCache, query, type VariableReport } from '../src/index.js';
import { openDb, Lease } from './fixtures/db.js';

const engine = new Engine({
  templates: {
    'leases.html': '{% for lease in leases %}{{ lease.property.name }} {{ lease.end_date }} {% for p in lease.payments.all %}{{ p.amount }}{% endfor %};{% endfor %}',
    'one.html': '{{ lease.tenant.user.email }}',
  },
});

async function reported(jit: Jit, values: Record<string, unknown>, name: string, em: Parameters<Jit['serializeContext']>[2]): Promise<{ reports: VariableReport[]; data: Record<string, unknown> }> {
  const reports: VariableReport[] = [];
  const data = await jit.serializeContext(values, engine.getTemplate(name), em, { report: (r) => reports.push(r) });
  return { reports, data };
}

test('a query is reported with its entity, paths, populate hints, fields and rows; planned once, then a hit', async () => {
  const db = await openDb(7);
  try {
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const leases = (): unknown => query(Lease).orderBy({ id: 'asc' });
    const first = await reported(jit, { leases: leases(), title: 'x' }, 'leases.html', db.orm.em.fork());
    assert.equal(first.reports.length, 1, 'only the planned value is reported, not the plain one');
    const [r] = first.reports;
    assert.equal(r.variable, 'leases');
    assert.equal(r.entity, 'Lease');
    assert.equal(r.shape, 'many');
    assert.equal(r.cache, 'miss');
    assert.equal(r.rows, 7);
    assert.ok(r.paths.includes('property.name') && r.paths.includes('end_date'), JSON.stringify(r.paths));
    assert.ok(r.populate.includes('property') && r.populate.includes('payments'), JSON.stringify(r.populate));
    assert.ok(r.fields.includes('property.name') && r.fields.includes('endDate'), JSON.stringify(r.fields));
    assert.ok(!r.fields.includes('status'), 'a column the template does not read is not selected');

    const again = await reported(jit, { leases: leases() }, 'leases.html', db.orm.em.fork());
    assert.deepEqual(again.reports.map((x) => [x.cache, 'from' in x ? x.from : '']), [['hit', 'compiled']]);
  } finally {
    await db.close();
  }
});

test('a serializer found in a shared cache backend is a hit named by its backend', async () => {
  const db = await openDb(3);
  try {
    const cache = new TieredCache([new MemoryCache()]);
    await reported(new Jit({ orm: db.orm, cache, onIssue: () => undefined }), { leases: query(Lease) }, 'leases.html', db.orm.em.fork());
    const { reports } = await reported(new Jit({ orm: db.orm, cache, onIssue: () => undefined }), { leases: query(Lease) }, 'leases.html', db.orm.em.fork());
    assert.equal(reports[0].cache, 'hit');
    assert.equal('from' in reports[0] && reports[0].from, 'memory');
  } finally {
    await db.close();
  }
});

test('an entity the view loaded is reported as one row; two renders planning at once share one compile', async () => {
  const db = await openDb(4);
  try {
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const lease = await db.orm.em.fork().findOneOrFail(Lease, { id: 2 });
    const [a, b] = await Promise.all([
      reported(jit, { lease }, 'one.html', db.orm.em.fork()),
      reported(jit, { lease }, 'one.html', db.orm.em.fork()),
    ]);
    const outcomes = [a.reports[0].cache, b.reports[0].cache].sort();
    assert.deepEqual(outcomes, ['miss', 'shared']);
    assert.equal(a.reports[0].shape, 'one');
    assert.equal(a.reports[0].rows, 1);
    assert.deepEqual(a.reports[0].populate, ['tenant', 'tenant.user']);
    assert.equal(engine.getTemplate('one.html').render(a.data), 'tenant1@example.com');
  } finally {
    await db.close();
  }
});

test('the report does not change what is serialized or how many statements run', async () => {
  const db = await openDb(5);
  try {
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const template = engine.getTemplate('leases.html');
    await jit.serializeContext({ leases: query(Lease) }, template, db.orm.em.fork()); // compiled once
    db.reset();
    const plain = await jit.serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, template, db.orm.em.fork());
    const plainQueries = db.queries;
    db.reset();
    const { data } = await reported(jit, { leases: query(Lease).orderBy({ id: 'asc' }) }, 'leases.html', db.orm.em.fork());
    assert.equal(db.queries, plainQueries);
    assert.equal(template.render(data), template.render(plain));
  } finally {
    await db.close();
  }
});
