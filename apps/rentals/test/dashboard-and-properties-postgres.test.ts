/**
 * The dashboard and the properties pages on PostgreSQL (a database of this run's own on the
 * local server): the aggregate queries, the case-insensitive search, sorting and paging.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entities, today } from '../src/entities.js';
import { addDays } from '../src/dates.js';
import { startRentalsServer, type RentalsServer } from './support/rentals-server.js';
import { cellTexts, definitions, money, textOf } from './support/html.js';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
const NAME = `rentals_pages_${process.pid}_${Date.now().toString(36)}`;
let admin: MikroORM;
let s: RentalsServer;

before(async () => {
  admin = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: `${SERVER}/test`, entities, allowGlobalContext: false });
  await admin.getSchemaGenerator().createDatabase(NAME);
  s = await startRentalsServer({ url: `${SERVER}/${NAME}` });
});

after(async () => {
  await s?.close();
  await admin.getSchemaGenerator().dropDatabase(NAME);
  await admin.close();
});

test('the dashboard\'s figures and expiring-soon table on PostgreSQL', async () => {
  const [props] = await s.sql<{ total: string; occupied: string }>(
    `select count(*) as total, count(*) filter (where status = 'occupied') as occupied from properties`,
  );
  const [late] = await s.sql<{ n: string; amount: string }>(
    `select count(*) as n, sum(amount) as amount from payments where status <> 'paid' and due_on < ?`,
    [today()],
  );
  const [first] = await s.sql<{ email: string }>(
    `select u.email from leases l join tenants t on t.id = l.tenant_id join users u on u.id = t.user_id
     where l.status = 'active' and l.end_date <= ? order by l.end_date, l.id limit 1`,
    [addDays(today(), 60)],
  );
  const html = (await s.connect('/rentals')).html();
  assert.match(textOf(html, '[aria-labelledby="stat-occupancy"]'), new RegExp(`${props.occupied} of ${props.total} properties let`));
  assert.match(textOf(html, '[aria-labelledby="stat-overdue"]'), new RegExp(`^Overdue payments ${late.n} \\$${money(Number(late.amount))} past due`));
  const rows = cellTexts(html, 'table.expiring-soon');
  assert.equal(rows[0][2], first.email);
  for (const row of rows) assert.ok(row.every((cell) => cell !== ''), `no empty cell: ${row.join(' | ')}`);
});

test('the search ignores case on PostgreSQL, and sort and paging work', async () => {
  const expected = await s.sql<{ id: number }>(
    `select id from properties where name ilike '%oak%' or address ilike '%oak%' or city ilike '%oak%' order by name, id`,
  );
  assert.ok(expected.length > 0);
  const lv = await s.connect('/rentals/properties');
  await lv.change('#property-filters', { q: 'OAK' });
  assert.equal(lv.path, '/rentals/properties?q=OAK');
  const rowCount = cellTexts(lv.html(), 'table.properties').length;
  assert.equal(rowCount, Math.min(15, expected.length));
  assert.match(textOf(lv.html(), '.result-count'), new RegExp(`^${expected.length} propert`));

  const byRent = await s.sql<{ name: string }>('select name from properties order by monthly_rent desc, id limit 15 offset 15');
  await lv.patch('/rentals/properties?sort=-rent&page=2');
  assert.deepEqual(cellTexts(lv.html(), 'table.properties').map((r) => r[0]), byRent.map((r) => r.name));
});

test('a property\'s page on PostgreSQL shows its current lease', async () => {
  const [lease] = await s.sql<{ property_id: number; email: string }>(
    `select l.property_id, u.email from leases l join tenants t on t.id = l.tenant_id join users u on u.id = t.user_id where l.status = 'active' order by l.id limit 1`,
  );
  const html = (await s.connect(`/rentals/properties/${lease.property_id}`)).html();
  assert.equal(definitions(html, '.current-lease').Email, lease.email);
  assert.equal(cellTexts(html, 'table.lease-history').length, 6);
});
