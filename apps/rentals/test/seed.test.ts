/** The seed: the counts the demo promises, the same rows for the same day, and sizes that scale. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../src/db.js';

async function snapshot(scale: number, today: string): Promise<{ counts: unknown; sample: unknown }> {
  const { orm, seeded } = await openDatabase({ url: ':memory:', scale, today });
  try {
    const sample = await orm.em.fork().getConnection().execute(
      'select l.id, l.start_date, l.end_date, l.status, p.name, u.email from leases l join properties p on p.id = l.property_id join tenants t on t.id = l.tenant_id join users u on u.id = t.user_id where l.id % 37 = 0 order by l.id',
    );
    return { counts: seeded, sample };
  } finally {
    await orm.close();
  }
}

test('the default seed writes about 50 properties, 200 tenants, 300 leases, 3,000 payments and 400 requests', async () => {
  const { counts } = await snapshot(1, '2026-06-15');
  assert.deepEqual(counts, { users: 200, tenants: 200, properties: 50, leases: 300, payments: 3000, requests: 400 });
});

test('the same day and scale give the same rows; another day moves the dates', async () => {
  const a = await snapshot(1, '2026-06-15');
  const b = await snapshot(1, '2026-06-15');
  const c = await snapshot(1, '2026-09-01');
  assert.deepEqual(a.sample, b.sample);
  assert.notDeepEqual(a.sample, c.sample);
});

test('a scale of 10 writes ten times as much', async () => {
  const { counts } = await snapshot(10, '2026-06-15');
  assert.deepEqual(counts, { users: 2000, tenants: 2000, properties: 500, leases: 3000, payments: 30000, requests: 4000 });
});
