/** The tenants list and a tenant's page, driven over a real socket with LiveClient. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lease, Payment, Tenant } from '../src/entities.js';
import { rentalsForTests } from './leases-harness.js';
import { notFoundPage } from './support/html.js';

const r = rentalsForTests();

const names = (html: string): string[] => [...html.matchAll(/<td><a href="\/rentals\/tenants\/\d+" dj-navigate>([^<]+)<\/a><\/td>/g)].map((m) => m[1]);

test('the search narrows the list by name or email, puts q in the URL, and says when nothing matches', async () => {
  const someone = await r.orm.em.fork().findOneOrFail(Tenant, { id: 33 }, { populate: ['user'] });
  const { firstName, lastName } = someone.user;
  const lv = await r.connect('/rentals/tenants');
  assert.equal(names(lv.html()).length, 15);
  const q = `${firstName.toLowerCase()} ${lastName.slice(0, 3).toUpperCase()}`;
  await lv.change('#tenant-search', { q });
  assert.equal(lv.path, `/rentals/tenants?q=${q.replace(' ', '+')}&sort=name`);
  const found = names(lv.html());
  assert.ok(found.includes(someone.user.getFullName()), found.join(', '));
  assert.ok(found.every((n) => n.startsWith(firstName) && n.includes(lastName.slice(0, 3))), found.join(', '));
  await lv.change('#tenant-search', { q: 'zzzz-nobody' });
  assert.match(lv.html(), /No tenant matches “zzzz-nobody”/);
  assert.match(lv.html(), /href="\/rentals\/tenants\?sort=name" dj-patch>Show every tenant/);
});

test('sorting by name both ways and paging keep their state in the URL', async () => {
  const lv = await r.connect('/rentals/tenants?sort=name');
  const asc = names(lv.html());
  await lv.patch('/rentals/tenants?sort=-name');
  const desc = names(lv.html());
  assert.notDeepEqual(asc, desc);
  const lastNames = (list: string[]) => list.map((n) => n.split(' ').slice(1).join(' '));
  assert.deepEqual(lastNames(asc), [...lastNames(asc)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  assert.match(lv.html(), /aria-sort="descending"><a class="sort" href="\/rentals\/tenants\?sort=name"/);
  await lv.patch('/rentals/tenants?sort=-name&page=2');
  assert.match(lv.html(), /Showing 16–30 of 200 tenants/);
  assert.equal(names(lv.html()).filter((n) => desc.includes(n)).length < 15, true);
});

test('each row counts that tenant\'s active leases', async () => {
  const em = r.orm.em.fork();
  const lease = await em.findOneOrFail(Lease, { status: 'active' }, { orderBy: { id: 'asc' }, populate: ['tenant.user'] });
  const active = await em.count(Lease, { tenant: lease.tenant.id, status: 'active' });
  const lv = await r.connect(`/rentals/tenants?q=${encodeURIComponent(lease.tenant.user.email)}`);
  assert.match(lv.html(), new RegExp(`<span class="badge badge-active">${active} active</span>`));
});

test("a tenant's page shows contact facts, emergency contact, every lease and their payments", async () => {
  const em = r.orm.em.fork();
  const tenant = await em.findOneOrFail(Tenant, { leases: { status: 'active' } }, { populate: ['user', 'leases'], orderBy: { id: 'asc' } });
  const payments = await em.count(Payment, { lease: { tenant: tenant.id } });
  const lv = await r.connect(`/rentals/tenants/${tenant.id}`);
  const html = lv.html();
  assert.match(html, new RegExp(`<h1>${tenant.user.getFullName()}</h1>`));
  assert.match(html, new RegExp(`mailto:${tenant.user.email.replace(/\./g, '\\.')}`));
  assert.match(html, new RegExp(tenant.emergencyContactName));
  for (const lease of tenant.leases) assert.match(html, new RegExp(`href="/rentals/leases/${lease.id}" dj-navigate>#${lease.id}<`));
  const rows = html.slice(html.indexOf('id="tenant-payments"'), html.indexOf('id="requests-h"')).match(/<tr>/g) ?? [];
  assert.equal(rows.length - 1, Math.min(payments, 36), 'a row per payment (after the header), at most 36');
  assert.match(html, /href="\/rentals\/leases\/new\?tenant=\d+"/);
});

test('a missing or malformed tenant id answers 404 with the app\'s not-found page', async () => {
  for (const path of ['/rentals/tenants/424242', '/rentals/tenants/nope']) {
    await notFoundPage(r.url, path, 'Tenant not found');
  }
});

test('the list and the tenant page run as many SQL queries on any page', async () => {
  const counts: number[] = [];
  for (const path of ['/rentals/tenants', '/rentals/tenants?page=9&sort=-email', '/rentals/tenants/1', '/rentals/tenants/7']) {
    r.resetQueries();
    await r.connect(path);
    counts.push(r.queries.length);
  }
  assert.equal(counts[0], counts[1]);
  assert.equal(counts[2], counts[3]);
});
