/** The lease form, list and page, driven over a real socket with LiveClient. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAnswers } from '@djust/protocol';
import { addDays } from '../src/dates.js';
import { Lease, Property, Tenant, today } from '../src/entities.js';
import { rentalsForTests } from './leases-harness.js';
import { notFoundPage } from './support/html.js';

const r = rentalsForTests();

/** The text of the element with this id in the HTML, tags dropped, or null when absent. */
function textOf(html: string, id: string): string | null {
  const m = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</(p|div|span|dd)>`).exec(html);
  return m ? m[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : null;
}

/** A property with no lease that is not ended (free from today on), and a tenant. */
async function vacantProperty(): Promise<{ property: number; tenant: number }> {
  const em = r.orm.em.fork();
  const busy = (await em.find(Lease, { status: { $ne: 'ended' } })).map((l) => l.property.id);
  const free = await em.findOneOrFail(Property, { id: { $nin: busy } }, { orderBy: { id: 'asc' } });
  const tenant = await em.findOneOrFail(Tenant, { id: { $gt: 0 } }, { orderBy: { id: 'asc' } });
  return { property: free.id, tenant: tenant.id };
}

test('typing an end date before the start date shows the message next to the end date, marked invalid', async () => {
  const lv = await r.connect('/rentals/leases/new');
  assert.equal(textOf(lv.html(), 'end_date-error'), null, 'a fresh form shows no message');
  await lv.change('#lease-form', { start_date: '2031-05-10' });
  await lv.change('#lease-form', { end_date: '2031-05-01' });
  assert.equal(textOf(lv.html(), 'end_date-error'), 'The end date must be after the start date.');
  assert.match(lv.html(), /id="end_date" name="end_date" type="date" value="2031-05-01" aria-invalid="true" aria-describedby="end_date-error"/);
  await lv.change('#lease-form', { end_date: '2032-05-09' });
  assert.equal(textOf(lv.html(), 'end_date-error'), null);
  assert.deepEqual(checkAnswers(lv.conversation), []);
});

test('rent and deposit are checked as they are typed', async () => {
  const lv = await r.connect('/rentals/leases/new');
  await lv.change('#lease-form', { monthly_rent: '0' });
  assert.equal(textOf(lv.html(), 'monthly_rent-error'), 'The rent must be more than 0.');
  await lv.change('#lease-form', { monthly_rent: 'twelve' });
  assert.equal(textOf(lv.html(), 'monthly_rent-error'), 'Enter an amount such as 1450 or 1450.50.');
  await lv.change('#lease-form', { monthly_rent: '1450', deposit: '-5' });
  assert.equal(textOf(lv.html(), 'monthly_rent-error'), null);
  assert.equal(textOf(lv.html(), 'deposit-error'), 'The deposit cannot be negative.');
});

test('a property or tenant that does not exist is refused by name', async () => {
  const lv = await r.connect('/rentals/leases/new');
  await lv.change('#lease-form', { property: '99999' });
  assert.equal(textOf(lv.html(), 'property-error'), 'That property does not exist.');
  await lv.change('#lease-form', { tenant: '-3' });
  assert.equal(textOf(lv.html(), 'tenant-error'), 'That tenant does not exist.');
});

test('dates that intersect another lease of the property show which lease, with a link, and block saving', async () => {
  const em = r.orm.em.fork();
  const active = await em.findOneOrFail(Lease, { status: 'active' }, { orderBy: { id: 'asc' }, populate: ['tenant.user'] });
  const before = await em.count(Lease, {});
  const lv = await r.connect('/rentals/leases/new');
  const overlapping = { property: String(active.property.id), tenant: String(active.tenant.id), start_date: addDays(active.endDate, -10), end_date: addDays(active.endDate, 300), monthly_rent: '1200', deposit: '0' };
  await lv.change('#lease-form', overlapping);
  const message = textOf(lv.html(), 'overlap-error') ?? '';
  assert.match(message, new RegExp(`overlap lease #${active.id} of this property: ${active.tenant.user.getFullName()}`));
  assert.match(lv.html(), new RegExp(`href="/rentals/leases/${active.id}" dj-navigate>lease #${active.id}</a>`));
  await lv.submit('#lease-form');
  assert.equal(await r.orm.em.fork().count(Lease, {}), before, 'nothing was written');
  assert.match(textOf(lv.html(), 'form-error') ?? '', /Please fix 1 problem below/);
  // The day after the other lease ends is free.
  await lv.change('#lease-form', { start_date: addDays(active.endDate, 1) });
  assert.equal(textOf(lv.html(), 'overlap-error'), null);
  // An ended lease occupies nothing: the same dates are accepted for a lease recorded as ended.
  await lv.change('#lease-form', { start_date: overlapping.start_date, status: 'ended' });
  assert.equal(textOf(lv.html(), 'overlap-error'), null);
});

test('submitting an empty form shows every required message and writes nothing', async () => {
  const before = await r.orm.em.fork().count(Lease, {});
  const lv = await r.connect('/rentals/leases/new');
  await lv.submit('#lease-form');
  const html = lv.html();
  assert.match(textOf(html, 'form-error') ?? '', /Please fix 6 problems below/);
  for (const [id, text] of [['property-error', 'Choose a property.'], ['tenant-error', 'Choose a tenant.'], ['start_date-error', 'Enter the start date.'], ['end_date-error', 'Enter the end date.'], ['monthly_rent-error', 'Enter the monthly rent.'], ['deposit-error', 'Enter the deposit (0 if there is none).']]) {
    assert.equal(textOf(html, id), text);
  }
  assert.equal(await r.orm.em.fork().count(Lease, {}), before);
});

test('saving a valid lease writes the row and goes to its page, which says so', async () => {
  const { property, tenant } = await vacantProperty();
  const start = addDays(today(), 30);
  const end = addDays(start, 364);
  const lv = await r.connect('/rentals/leases/new');
  const fields = { property: String(property), tenant: String(tenant), start_date: start, end_date: end, monthly_rent: '1,875.50', deposit: '3751', status: 'pending' };
  await lv.change('#lease-form', fields);
  assert.doesNotMatch(lv.html(), /class="error"/);
  await lv.submit('#lease-form', fields);
  const lease = await r.orm.em.fork().findOneOrFail(Lease, { property, startDate: start });
  assert.deepEqual(
    { tenant: lease.tenant.id, endDate: lease.endDate, monthlyRent: lease.monthlyRent, deposit: lease.deposit, status: lease.status },
    { tenant, endDate: end, monthlyRent: 1875.5, deposit: 3751, status: 'pending' },
  );
  assert.deepEqual(lv.redirects.map((x) => [x.kind, x.to]), [['navigate', `/rentals/leases/${lease.id}`]]);
  // The browser follows the live navigation on the same socket: the lease's page says it was created.
  await lv.navigate(`/rentals/leases/${lease.id}`);
  assert.match(lv.html(), new RegExp(`Lease #${lease.id} created\\.`));
  assert.match(lv.html(), /\$1,875\.50/);
  // A later visit of the page shows no flash.
  assert.doesNotMatch((await r.connect(`/rentals/leases/${lease.id}`)).html(), /created\./);
});

test('editing a lease shows its values, and saving changes that row only', async () => {
  const { property, tenant } = await vacantProperty();
  const em = r.orm.em.fork();
  const lease = em.create(Lease, { property, tenant, startDate: '2040-01-01', endDate: '2040-12-31', monthlyRent: 1000, deposit: 2000, status: 'pending' });
  await em.flush();
  const count = await r.orm.em.fork().count(Lease, {});
  const lv = await r.connect(`/rentals/leases/${lease.id}/edit`);
  assert.match(lv.html(), /id="monthly_rent" name="monthly_rent"[^>]*value="1000.00"/);
  assert.match(lv.html(), /id="start_date" name="start_date" type="date" value="2040-01-01"/);
  await lv.submit('#lease-form', { monthly_rent: '1100', status: 'active' });
  const saved = await r.orm.em.fork().findOneOrFail(Lease, { id: lease.id });
  assert.deepEqual([saved.monthlyRent, saved.status, saved.startDate], [1100, 'active', '2040-01-01']);
  assert.equal(await r.orm.em.fork().count(Lease, {}), count);
  assert.deepEqual(lv.redirects.map((x) => x.to), [`/rentals/leases/${lease.id}`]);
  await lv.navigate(`/rentals/leases/${lease.id}`);
  assert.match(lv.html(), new RegExp(`Lease #${lease.id} saved\\.`));
});

test('a lease cannot overlap itself: editing its rent keeps its own dates valid', async () => {
  const em = r.orm.em.fork();
  const active = await em.findOneOrFail(Lease, { status: 'active' }, { orderBy: { id: 'desc' } });
  const lv = await r.connect(`/rentals/leases/${active.id}/edit`);
  await lv.change('#lease-form', { monthly_rent: '999' });
  assert.equal(textOf(lv.html(), 'overlap-error'), null);
});

test('"End lease" ends it today, shows it, and hides the button', async () => {
  const { property, tenant } = await vacantProperty();
  const em = r.orm.em.fork();
  const lease = em.create(Lease, { property, tenant, startDate: addDays(today(), -100), endDate: addDays(today(), 200), monthlyRent: 1000, deposit: 0, status: 'active' });
  await em.flush();
  const lv = await r.connect(`/rentals/leases/${lease.id}`);
  assert.match(lv.html(), /dj-confirm="End lease #\d+ today\?/);
  await lv.click('#end-lease');
  const ended = await r.orm.em.fork().findOneOrFail(Lease, { id: lease.id });
  assert.deepEqual([ended.status, ended.endDate], ['ended', today()]);
  assert.match(lv.html(), new RegExp(`Lease #${lease.id} ended on ${today()}\\.`));
  assert.match(lv.html(), /id="lease-status">Ended</);
  assert.doesNotMatch(lv.html(), /id="end-lease"/);
});

test('garbage sent to the form gets messages, never a failed handler', async () => {
  const lv = await r.connect('/rentals/leases/new');
  for (const payload of [{ form: null }, { form: 'x' }, { form: { property: { $gt: 0 }, start_date: ['2031-01-01', 'x'], monthly_rent: 1e308 } }, {}]) {
    await lv.event('validate', payload);
    await lv.event('save', payload);
  }
  assert.deepEqual(lv.errors, []);
  assert.match(textOf(lv.html(), 'form-error') ?? '', /Please fix \d+ problems below/);
});

test('a missing or malformed lease id answers 404 with the app\'s not-found page, for the lease and its edit form', async () => {
  for (const path of ['/rentals/leases/987654', '/rentals/leases/abc', '/rentals/leases/0', '/rentals/leases/987654/edit']) {
    await notFoundPage(r.url, path, 'Lease not found');
  }
});

test('the leases list filters by status and sorts by end date, as the dashboard links to it', async () => {
  const lv = await r.connect('/rentals/leases?status=active&sort=end_date');
  const rows = [...lv.html().matchAll(/<span class="badge badge-(\w+)">/g)].map((m) => m[1]);
  assert.ok(rows.length > 0);
  assert.ok(rows.every((s) => s === 'active'), 'only active leases');
  const em = r.orm.em.fork();
  const soonest = await em.find(Lease, { status: 'active' }, { orderBy: { endDate: 'asc', id: 'asc' }, limit: 3 });
  const ids = [...lv.html().matchAll(/<td><a href="\/rentals\/leases\/(\d+)" dj-navigate>/g)].slice(0, 3).map((m) => Number(m[1]));
  assert.deepEqual(ids, soonest.map((l) => l.id));
  assert.match(lv.html(), /aria-sort="ascending"><a class="sort" href="\/rentals\/leases\?status=active&amp;sort=-end_date"/);
});

test('the list pages through pushPatch, and the status tabs carry the count of each status', async () => {
  const lv = await r.connect('/rentals/leases?sort=rent');
  const counts = await r.orm.em.fork().count(Lease, { status: 'ended' });
  assert.match(lv.html(), new RegExp(`Ended <span class="tab-count">${counts}</span>`));
  const firstPage = [...lv.html().matchAll(/leases\/(\d+)" dj-navigate>#/g)].map((m) => m[1]);
  await lv.patch('/rentals/leases?sort=rent&page=2');
  const secondPage = [...lv.html().matchAll(/leases\/(\d+)" dj-navigate>#/g)].map((m) => m[1]);
  assert.equal(secondPage.length, 15);
  assert.equal(secondPage.filter((id) => firstPage.includes(id)).length, 0, 'page 2 shows other leases');
  assert.match(lv.html(), /Showing 16–30 of/);
});

test('the leases list and a lease page run the same number of SQL queries whatever the rows', async () => {
  const counts: number[] = [];
  for (const path of ['/rentals/leases?page=1', '/rentals/leases?status=ended&page=3', '/rentals/leases/1', '/rentals/leases/2']) {
    r.resetQueries();
    await r.connect(path);
    counts.push(r.queries.length);
  }
  assert.equal(counts[0], counts[1]);
  assert.equal(counts[2], counts[3]);
});
