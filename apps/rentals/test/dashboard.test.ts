/**
 * The dashboard over the live protocol: its figures agree with SQL run apart from the view, the
 * expiring-soon table holds the nested values (names, emails, dates), and the page keeps to a
 * constant number of queries.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { find } from '@djust/server/testing';
import { today } from '../src/entities.js';
import { addDays } from '../src/dates.js';
import { startRentalsServer, type RentalsServer } from './support/rentals-server.js';
import { cellTexts, djangoDate, money, pageQueries } from './support/html.js';

let s: RentalsServer;
before(async () => {
  s = await startRentalsServer();
});
after(() => s.close());

interface Expiring {
  id: number;
  property: string;
  email: string;
  first_name: string;
  last_name: string;
  end_date: string;
}

const expiringSql = `select l.id, p.name as property, u.email, u.first_name, u.last_name, l.end_date
  from leases l join properties p on p.id = l.property_id join tenants t on t.id = l.tenant_id join users u on u.id = t.user_id
  where l.status = 'active' and l.end_date <= ? order by l.end_date, l.id limit 5`;

test('the expiring-soon table shows each lease\'s property, tenant name and email, end date and days left', async () => {
  const day = today();
  const expected = await s.sql<Expiring>(expiringSql, [addDays(day, 60)]);
  assert.ok(expected.length > 0, 'the seed has leases ending within 60 days');
  const lv = await s.connect('/rentals');
  const rows = cellTexts(lv.html(), 'table.expiring-soon');
  assert.deepEqual(
    rows,
    expected.map((l) => {
      const days = Math.round((Date.parse(l.end_date) - Date.parse(day)) / 86_400_000);
      return [l.property, `${l.first_name} ${l.last_name}`, l.email, djangoDate(l.end_date), `${days} day${days === 1 ? '' : 's'}`, 'View lease'];
    }),
  );
  for (const row of rows) for (const cell of row) assert.notEqual(cell, '', 'no empty cell');
  const links = find(lv.html(), 'table.expiring-soon tbody tr').querySelectorAll('a').map((a) => a.getAttribute('href'));
  assert.ok(links.includes(`/rentals/leases/${expected[0].id}`), `the first row links its lease: ${links.join(' ')}`);
});

test('the stat cards agree with the database: occupancy, this month\'s rent, overdue payments, open maintenance', async () => {
  const day = today();
  const first = `${day.slice(0, 7)}-01`;
  const [props] = await s.sql<{ total: number; occupied: number }>(`select count(*) as total, sum(status = 'occupied') as occupied from properties`);
  const [rent] = await s.sql<{ due: number; collected: number }>(
    `select sum(amount) as due, sum(case when status = 'paid' then amount else 0 end) as collected from payments where due_on >= ? and due_on < date(?, '+1 month')`,
    [first, first],
  );
  const [late] = await s.sql<{ n: number; amount: number }>(`select count(*) as n, sum(amount) as amount from payments where status <> 'paid' and due_on < ?`, [day]);
  const open = await s.sql<{ priority: string; n: number }>(`select priority, count(*) as n from maintenance_requests where status <> 'resolved' group by priority`);

  const html = (await s.connect('/rentals')).html();
  const card = (label: string): string => {
    const el = find(html, `.card.stat[aria-labelledby="stat-${label}"]`);
    return el.text.replace(/\s+/g, ' ').trim();
  };
  assert.match(card('occupancy'), new RegExp(`^Occupancy ${Math.round((props.occupied / props.total) * 100)}% ${props.occupied} of ${props.total} properties let$`));
  assert.match(card('rent'), new RegExp(`\\$${money(rent.collected)} of \\$${money(rent.due)} due`));
  assert.match(card('overdue'), new RegExp(`^Overdue payments ${late.n} \\$${money(late.amount)} past due`));
  const total = open.reduce((sum, r) => sum + r.n, 0);
  const byPriority = Object.fromEntries(open.map((r) => [r.priority, r.n]));
  assert.equal(
    card('maintenance'),
    `Open maintenance ${total} Urgent ${byPriority.urgent ?? 0} High ${byPriority.high ?? 0} Medium ${byPriority.medium ?? 0} Low ${byPriority.low ?? 0}`,
  );
  assert.equal(find(html, '.card.stat[aria-labelledby="stat-overdue"] a').getAttribute('href'), '/rentals/payments?status=late');
});

test('recent maintenance requests are the newest unresolved ones, with their property', async () => {
  const expected = await s.sql<{ title: string; name: string }>(
    `select m.title, p.name from maintenance_requests m join properties p on p.id = m.property_id where m.status <> 'resolved' order by m.created_at desc limit 5`,
  );
  const rows = cellTexts((await s.connect('/rentals')).html(), 'table.recent-requests');
  assert.deepEqual(rows.map((r) => [r[0], r[1]]), expected.map((r) => [r.title, r.name]));
});

test('the dashboard runs the same number of queries at three times the data', async () => {
  const small = await pageQueries(s, '/rentals');
  const big = await startRentalsServer({ scale: 3 });
  try {
    assert.equal(await pageQueries(big, '/rentals'), small);
  } finally {
    await big.close();
  }
  assert.ok(small <= 16, `${small} queries for two renders`);
});

test('with no lease ending soon, the table gives way to an empty state', async () => {
  const empty = await startRentalsServer();
  try {
    await empty.sql(`update leases set end_date = ? where status = 'active'`, [addDays(today(), 400)]);
    const html = (await empty.connect('/rentals')).html();
    assert.equal(find(html, '[aria-labelledby="expiring-soon-title"]').querySelector('table'), null);
    assert.match(html, /No lease ends in the next 60 days/);
  } finally {
    await empty.close();
  }
});
