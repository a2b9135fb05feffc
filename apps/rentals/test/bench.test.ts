/**
 * The dashboard bench's three ways, each run once: what a reader of its table relies on. The
 * naive view's statements grow with the rows (1 + 3 per row), the JIT's and the hand-written
 * view's do not, and all three render the same table, with the leases the query names.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { renderOnce, newJit } from '../bench/once.js';
import { openBenchDb, type BenchDb } from '../bench/setup.js';
import { WAYS, WINDOW_DAYS } from '../bench/ways.js';
import { addDays } from '../src/dates.js';

let db: BenchDb;

before(async () => {
  // Today's date, as the bench runs: the seed lays its leases out around it, and a lease's days left count from it.
  db = await openBenchDb();
});
after(() => db.close());

type Row = Record<string, unknown>;

/** The leases the table should show, straight from SQL: active, ending by the window's end, soonest first. */
async function expected(limit: number): Promise<Row[]> {
  return (await db.orm.em.fork().getConnection().execute(
    `select p.name, u.email from leases l join properties p on p.id = l.property_id join tenants t on t.id = l.tenant_id join users u on u.id = t.user_id
     where l.status = 'active' and l.end_date <= ? order by l.end_date, l.id limit ?`,
    [addDays(db.today, WINDOW_DAYS), limit],
  )) as Row[];
}

test('the naive view runs 1 + 3 statements per row; the JIT and the hand-written view run the same number for 2 rows as for 5', async () => {
  const jit = newJit(db);
  const two = await renderOnce(db, jit, 2);
  const five = await renderOnce(db, jit, 5);
  assert.equal(two['naive N+1'].queries, 1 + 3 * 2);
  assert.equal(five['naive N+1'].queries, 1 + 3 * 5);
  assert.equal(five.JIT.queries, two.JIT.queries);
  assert.equal(five['hand-written'].queries, two['hand-written'].queries);
  assert.equal(five.JIT.queries, 1, 'the JIT loads the table in one statement');
});

test('all three ways render the same table, listing the leases that end soonest with their property and tenant', async () => {
  const once = await renderOnce(db, newJit(db));
  for (const name of WAYS) assert.equal(once[name].html, once.JIT.html, `${name} renders what the JIT renders`);
  const rows = await expected(5);
  assert.equal(rows.length, 5, 'the seed has five leases ending within the window');
  const html = once.JIT.html;
  let at = 0;
  for (const row of rows) {
    const found = html.indexOf(String(row.email), at);
    assert.ok(found > at, `${String(row.email)} is listed, in order`);
    assert.ok(html.lastIndexOf(String(row.name), found) > at, `${String(row.name)} is on the row of ${String(row.email)}`);
    at = found;
  }
  assert.match(html, /[A-Z][a-z]{2} \d{2}, \d{4}/, 'end dates are formatted as "M d, Y"');
  const daysLeft = [...html.matchAll(/>(-?\d+) days?</g)].map((m) => Number(m[1]));
  assert.equal(daysLeft.length, 5);
  assert.ok(daysLeft.every((d) => d >= 0 && d <= WINDOW_DAYS), `days left within the window: ${daysLeft.join(', ')}`);
  assert.deepEqual(daysLeft, [...daysLeft].sort((a, b) => a - b), 'soonest first');
});
