/**
 * The benchmark's premises, checked on real SQLite: the hand-written serializer it compares
 * against produces exactly what the JIT produces, and the naive view it compares against
 * really makes 1 + 3N statements while the JIT view makes one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize as ormSerialize, wrap } from '@mikro-orm/core';
import { Jit, query } from '@djust/jit';
import { Lease } from '../src/entities.js';
import { openDb } from '../src/seed.js';
import { assertCovers } from '../src/check.js';
import { dashboardTemplate, handSerialize, handView, jitView, loadPopulated, naiveView, POPULATE, VARIABLE } from '../src/views.js';

test('the JIT serializer and the hand-written one produce deep-equal output (and the same JSON)', async () => {
  // Every 4th lease without a tenant, so the null-safe branches are compared too.
  const db = await openDb(12, { withoutTenantEvery: 4 });
  try {
    const jit = new Jit({ orm: db.orm, debug: false, onIssue: () => assert.fail('the dashboard paths should all resolve') });
    const template = dashboardTemplate();
    const { serialize } = await jit.serializerFor(template, VARIABLE, db.orm.getMetadata().get(Lease.name));
    const leases = await loadPopulated(db.orm.em.fork());
    const byHand = leases.map(handSerialize);
    assert.equal(byHand.filter((l) => l.tenant === null).length, 3);
    const byJit = leases.map(serialize);
    assert.deepStrictEqual(byJit, byHand);
    assert.equal(JSON.stringify(byJit), JSON.stringify(byHand));
    // What serializeContext returns from its own partial load is the same data again.
    const data = await jit.serializeContext({ [VARIABLE]: query(Lease).orderBy({ endDate: 'asc', id: 'asc' }) }, template, db.orm.em.fork());
    assert.deepStrictEqual(data[VARIABLE], byHand);
  } finally {
    await db.close();
  }
});

test('the generic serializers carry the dashboard values plus fields the page never reads', async () => {
  const db = await openDb(6, { withoutTenantEvery: 3 });
  try {
    const leases = await loadPopulated(db.orm.em.fork());
    const expected = leases.map(handSerialize);
    const generic = { toObject: leases.map((l) => wrap(l).toObject()), serialize: ormSerialize(leases, { populate: POPULATE }) };
    for (const [name, rows] of Object.entries(generic)) {
      assertCovers(name, rows, expected);
      assert.match(JSON.stringify(rows), /passwordHash/, `${name} should include the password hash the JIT leaves out`);
    }
    assert.throws(() => assertCovers('truncated', generic.toObject.slice(1), expected));
  } finally {
    await db.close();
  }
});

test('the naive view issues 1 + 3N statements, the JIT and hand-written views one, for the same page', async () => {
  for (const n of [5, 20]) {
    const db = await openDb(n);
    try {
      const template = dashboardTemplate();
      const jit = new Jit({ orm: db.orm, debug: false });
      db.reset();
      const naive = await naiveView(template, db.orm.em.fork());
      assert.equal(db.queries, 1 + 3 * n, `naive view, ${n} leases`);
      db.reset();
      const viaJit = await jitView(jit, template, db.orm.em.fork());
      assert.equal(db.queries, 1, `JIT view, ${n} leases`);
      db.reset();
      const byHand = await handView(template, db.orm.em.fork());
      assert.equal(db.queries, 1, `hand-written view, ${n} leases`);
      assert.equal(naive, viaJit);
      assert.equal(byHand, viaJit);
      assert.equal((viaJit.match(/<li>/g) ?? []).length, n);
      assert.match(viaJit, /tenant0@example\.com \| First0 Last0 \| [A-Z][a-z]{2} \d{2}, 2026/);
    } finally {
      await db.close();
    }
  }
});
