/**
 * The properties list and page over the live protocol: search, filters, sort and paging change
 * the rows and the URL (and the URL alone restores them), and the property page shows its
 * current lease, history, payments and maintenance. Expectations come from SQL run apart.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { find, LiveClient } from '@djust/server/testing';
import { today } from '../src/entities.js';
import { startRentalsServer, type RentalsServer } from './support/rentals-server.js';
import { cellTexts, definitions, djangoDate, money, notFoundPage, pageQueries, textOf } from './support/html.js';

let s: RentalsServer;
before(async () => {
  s = await startRentalsServer();
});
after(() => s.close());

interface Row {
  id: number;
  name: string;
  city: string;
  monthly_rent: number;
  status: string;
}

const ids = (html: string): number[] =>
  find(html, 'table.properties').querySelectorAll('tbody tr').map((tr) => Number(tr.getAttribute('dj-key')));
const sqlIds = async (where: string, order: string, params: unknown[] = [], limit = 15, offset = 0): Promise<number[]> =>
  (await s.sql<Row>(`select id from properties ${where} order by ${order} limit ${limit} offset ${offset}`, params)).map((r) => r.id);

test('the list opens on the first 15 properties by name, with the total', async () => {
  const [{ n }] = await s.sql<{ n: number }>('select count(*) as n from properties');
  const lv = await s.connect('/rentals/properties');
  assert.deepEqual(ids(lv.html()), await sqlIds('', 'name, id'));
  assert.equal(textOf(lv.html(), '.result-count'), `${n} properties`);
  assert.equal(textOf(lv.html(), '.pagination-summary'), `1–15 of ${n}`);
  assert.equal(find(lv.html(), 'th[aria-sort="ascending"]').text.trim().startsWith('Name'), true);
});

test('each row shows its address, city, units, rent with two decimals, status and current tenant', async () => {
  const lv = await s.connect('/rentals/properties');
  const [first] = cellTexts(lv.html(), 'table.properties');
  const [row] = await s.sql<Row & { address: string; units: number }>('select * from properties order by name, id limit 1');
  const tenants = await s.sql<{ first_name: string; last_name: string }>(
    `select u.first_name, u.last_name from leases l join tenants t on t.id = l.tenant_id join users u on u.id = t.user_id where l.property_id = ? and l.status = 'active'`,
    [row.id],
  );
  const status = row.status[0].toUpperCase() + row.status.slice(1);
  const tenant = row.status === 'occupied' ? tenants.map((t) => `${t.first_name} ${t.last_name}`).join('') : 'Vacant';
  assert.deepEqual(first, [row.name, row.address, row.city, String(row.units), `$${money(row.monthly_rent)}`, status, tenant]);
});

test('typing a search narrows the list to name, address or city matches and puts q in the URL', async () => {
  const lv = await s.connect('/rentals/properties');
  await lv.change('#property-filters', { q: 'oak' });
  assert.equal(lv.path, '/rentals/properties?q=oak');
  const expected = await sqlIds(`where name like '%oak%' or address like '%oak%' or city like '%oak%'`, 'name, id', [], 100);
  assert.ok(expected.length > 0 && expected.length < 50, `a search that narrows: ${expected.length}`);
  assert.deepEqual(ids(lv.html()), expected.slice(0, 15));
  for (const row of cellTexts(lv.html(), 'table.properties')) assert.match(row.slice(0, 3).join(' '), /oak/i);
  assert.match(textOf(lv.html(), '.result-count'), new RegExp(`^${expected.length} propert(y|ies) match(es)? your filters$`));
  assert.equal(find(lv.html(), '#property-q').getAttribute('value'), 'oak');
});

test('the status and city filters combine with the search, and back to page 1', async () => {
  const [{ city }] = await s.sql<{ city: string }>(`select city from properties group by city order by count(*) desc limit 1`);
  const lv = await s.connect('/rentals/properties?page=2');
  await lv.change('#property-filters', { status: 'occupied', city });
  assert.equal(lv.path, `/rentals/properties?status=occupied&city=${city}`);
  assert.deepEqual(ids(lv.html()), await sqlIds(`where status = 'occupied' and city = ?`, 'name, id', [city]));
  assert.equal(find(lv.html(), '#property-city option[selected]').getAttribute('value'), city);
  assert.equal(find(lv.html(), '#property-status option[selected]').getAttribute('value'), 'occupied');
});

test('a sortable header sorts, flips on a second click, and says so in aria-sort', async () => {
  const lv = await s.connect('/rentals/properties');
  const rentHeader = () => find(lv.html(), 'th:nth-child(5)');
  assert.equal(rentHeader().getAttribute('aria-sort'), 'none');
  await lv.patch(rentHeader().querySelector('a')!.getAttribute('href')!);
  assert.equal(lv.path, '/rentals/properties?sort=rent');
  assert.equal(rentHeader().getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(ids(lv.html()), await sqlIds('', 'monthly_rent, id'));
  await lv.patch(rentHeader().querySelector('a')!.getAttribute('href')!);
  assert.equal(lv.path, '/rentals/properties?sort=-rent');
  assert.equal(rentHeader().getAttribute('aria-sort'), 'descending');
  assert.deepEqual(ids(lv.html()), await sqlIds('', 'monthly_rent desc, id'));
  assert.equal(find(lv.html(), 'th:nth-child(1)').getAttribute('aria-sort'), 'none');
});

test('the pager moves between pages and keeps the sort', async () => {
  const lv = await s.connect('/rentals/properties?sort=city');
  const next = find(lv.html(), '.pagination a[rel="next"]').getAttribute('href')!;
  assert.equal(next, '/rentals/properties?sort=city&page=2');
  await lv.patch(next);
  assert.deepEqual(ids(lv.html()), await sqlIds('', 'city, id', [], 15, 15));
  assert.equal(find(lv.html(), '.pagination [aria-current="page"]').text, '2');
  assert.match(textOf(lv.html(), '.pagination-summary'), /^16–30 of /);
  const overlap = (await sqlIds('', 'city, id')).filter((id) => ids(lv.html()).includes(id));
  assert.deepEqual(overlap, [], 'no row on two pages');
});

test('the URL alone restores the state: a fresh load of it shows the same rows (what reload, back and forward rely on)', async () => {
  const lv = await s.connect('/rentals/properties');
  await lv.change('#property-filters', { q: 'a', status: 'occupied' });
  await lv.patch(find(lv.html(), 'th:nth-child(4) a').getAttribute('href')!);
  await lv.patch(find(lv.html(), '.pagination a[rel="next"]').getAttribute('href')!);
  assert.equal(lv.path, '/rentals/properties?q=a&status=occupied&sort=units&page=2');
  const again = await s.connect(lv.path);
  assert.deepEqual(ids(again.html()), ids(lv.html()));
  const page = await fetch(new URL(lv.path, s.url)).then((r) => r.text());
  assert.deepEqual(ids(page), ids(lv.html()), 'the HTTP render too, for a page loaded without JavaScript');
});

test('no match gives an empty state naming the search, with a link that clears the filters', async () => {
  const lv = await s.connect('/rentals/properties');
  await lv.change('#property-filters', { q: 'zzqx' });
  assert.equal(find(lv.html(), '.panel').querySelector('table'), null);
  assert.match(textOf(lv.html(), '.empty'), /^No property matches “zzqx” Try another search, or clear the filters\.$/);
  assert.equal(textOf(lv.html(), '.result-count'), '0 properties match your filters');
  await lv.patch(find(lv.html(), '.empty a').getAttribute('href')!);
  assert.equal(lv.path, '/rentals/properties');
  assert.equal(ids(lv.html()).length, 15);
});

test('bad values in the URL fall back to the defaults instead of failing', async () => {
  const lv = await s.connect('/rentals/properties?sort=password&page=-3&status=%3Cscript%3E&city=Atlantis');
  assert.deepEqual(ids(lv.html()), await sqlIds('', 'name, id'));
  assert.doesNotMatch(lv.html(), /<script>/);
  const far = await s.connect('/rentals/properties?page=99');
  assert.equal(find(far.html(), '.pagination [aria-current="page"]').text, '4', 'the last page');
  assert.deepEqual(lv.errors, []);
});

test('a search for a quote or an HTML tag is escaped in the field and the empty state', async () => {
  const lv = await s.connect('/rentals/properties');
  await lv.change('#property-filters', { q: '"><b>x' });
  assert.match(lv.html(), /<input id="property-q"[^>]* value="&quot;&gt;&lt;b&gt;x"/);
  assert.match(textOf(lv.html(), '.empty'), /^No property matches “"><b>x”/);
  assert.doesNotMatch(lv.html(), /<b>x/);
});

test('the list runs the same number of queries at three times the data', async () => {
  const path = '/rentals/properties?q=e&sort=-rent&page=2';
  const small = await pageQueries(s, path);
  const big = await startRentalsServer({ scale: 3 });
  try {
    assert.equal(await pageQueries(big, path), small);
    assert.equal(await pageQueries(big, '/rentals/properties/7'), await pageQueries(s, '/rentals/properties/7'));
  } finally {
    await big.close();
  }
});

test('a let property shows its current lease, the lease\'s payments, its history and maintenance', async () => {
  const [lease] = await s.sql<{ id: number; property_id: number; email: string; first_name: string; last_name: string; end_date: string }>(
    `select l.id, l.property_id, u.email, u.first_name, u.last_name, l.end_date from leases l join tenants t on t.id = l.tenant_id join users u on u.id = t.user_id where l.status = 'active' order by l.id limit 1`,
  );
  const payments = await s.sql<{ due_on: string; amount: number; status: string }>('select due_on, amount, status from payments where lease_id = ? order by id', [lease.id]);
  const [{ leases }] = await s.sql<{ leases: number }>('select count(*) as leases from leases where property_id = ?', [lease.property_id]);
  const [{ requests }] = await s.sql<{ requests: number }>('select count(*) as requests from maintenance_requests where property_id = ?', [lease.property_id]);

  const html = (await s.connect(`/rentals/properties/${lease.property_id}`)).html();
  const current = definitions(html, '.current-lease');
  assert.equal(current.Tenant, `${lease.first_name} ${lease.last_name}`);
  assert.equal(current.Email, lease.email);
  assert.match(current.Term, new RegExp(`^[A-Z][a-z]{2} \\d{2}, \\d{4} – ${djangoDate(lease.end_date)}$`));
  const days = Math.round((Date.parse(lease.end_date) - Date.parse(today())) / 86_400_000);
  assert.equal(current['Days left'], `${days} day${days === 1 ? '' : 's'}`);
  assert.deepEqual(
    cellTexts(html, 'table.payments').map((r) => [r[0], r[1], r[2].toLowerCase()]),
    payments.map((p) => [djangoDate(p.due_on), `$${money(p.amount)}`, p.status]),
  );
  assert.equal(cellTexts(html, 'table.lease-history').length, leases);
  assert.equal(cellTexts(html, 'table.lease-history')[0][0], `${lease.first_name} ${lease.last_name}`, 'the newest lease first');
  assert.equal(cellTexts(html, 'table.requests').length, requests);
  assert.ok(cellTexts(html, 'table.lease-history').every((r) => r[5] === '10'), 'each lease counts its payments');
});

test('a property without an active lease says it is vacant', async () => {
  const [row] = await s.sql<{ id: number }>(`select id from properties where id not in (select property_id from leases where status = 'active') limit 1`);
  const html = (await s.connect(`/rentals/properties/${row.id}`)).html();
  assert.match(textOf(html, '.current-lease .empty'), /^Vacant ?No active lease\. Start a lease$/);
  assert.deepEqual(definitions(html, '.current-lease'), {});
  assert.equal(find(html, 'main').querySelector('table.payments'), null);
});

test('an unknown or malformed property id answers 404 with the app\'s not-found page', async () => {
  for (const path of ['/rentals/properties/99999', '/rentals/properties/abc', '/rentals/properties/-1', '/rentals/properties/1.5']) {
    const html = await notFoundPage(s.url, path, 'Property not found');
    assert.equal(find(html, 'nav.sidebar a[href="/rentals/properties"]').text, 'Properties', 'inside the site, its navigation kept');
    assert.doesNotMatch(html, /data-dj-view/, 'no live view on an error page');
  }
});

test('a property removed between the page load and the join sends the browser to its 404 page', async () => {
  const [{ id }] = await s.sql<{ id: number }>(
    `insert into properties (name, address, city, units, monthly_rent, status) values ('Short Lived 1', '1 Gone Road', 'Boise', 1, 1000, 'available') returning id`,
  );
  const path = `/rentals/properties/${id}`;
  const lv = await LiveClient.open(s.url, path);
  try {
    await s.sql('delete from properties where id = ?', [id]);
    const answer = await lv.join();
    assert.equal(answer.t, 'redirect');
    assert.deepEqual(lv.redirects.map((r) => [r.to, r.kind]), [[path, 'redirect']]);
    assert.equal((await fetch(new URL(path, s.url))).status, 404);
  } finally {
    await lv.close();
  }
});
