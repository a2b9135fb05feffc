/**
 * The payments page through the test client: the overdue list and this month's totals, finding
 * a lease, live validation, recording (which settles the lease's oldest unpaid payment, or adds
 * one when nothing is unpaid), and a constant number of SQL statements per render.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveClient } from '@djust/server/testing';
import { Lease, Payment, today } from '../src/entities.js';
import { addMonths } from '../src/dates.js';
import { startRentalsServer, type RentalsServer } from './support/rentals-server.js';
import { money } from './support/html.js';

const DAY = today();
let server: RentalsServer;

const serve = (scale: number): Promise<RentalsServer> => startRentalsServer({ scale, today: DAY });

before(async () => {
  server = await serve(1);
});
after(() => server.close());

const connect = (path = '/rentals/payments'): Promise<LiveClient> => server.connect(path);

/** Overdue payments as the database has them, latest due first. */
function overdueRows(): Promise<Payment[]> {
  return server.orm.em.fork().find(Payment, { status: { $ne: 'paid' }, dueOn: { $lt: DAY } }, { orderBy: { dueOn: 'desc', id: 'desc' }, populate: ['lease.property', 'lease.tenant.user'] });
}

/** A lease's unpaid payments, oldest first. */
function unpaidOf(leaseId: number): Promise<Payment[]> {
  return server.orm.em.fork().find(Payment, { lease: leaseId, status: { $ne: 'paid' } }, { orderBy: { dueOn: 'asc', id: 'asc' } });
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const rowOf = (html: string, id: number): string | undefined => new RegExp(`<tr id="overdue-${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
const statOf = (html: string, id: string): string => new RegExp(`id="${id}">([^<]*)<`).exec(html)![1]!;

test('the overdue list shows the latest overdue payments with property, tenant name and email, due date, days overdue and amount', async () => {
  const rows = await overdueRows();
  assert.ok(rows.length > 10, 'the seed has more overdue payments than one page');
  const lv = await connect();
  const html = lv.html();
  for (const p of rows.slice(0, 10)) {
    const row = rowOf(html, p.id);
    assert.ok(row, `payment ${p.id} is listed`);
    const days = Math.round((Date.parse(DAY) - Date.parse(p.dueOn)) / 86_400_000);
    const [y, m, d] = p.dueOn.split('-');
    const due = `${new Date(Date.UTC(+y!, +m! - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${d}, ${y}`;
    assert.equal(
      text(row).trim(),
      `${p.lease.property.name} ${p.lease.tenant.user.firstName} ${p.lease.tenant.user.lastName} ${p.lease.tenant.user.email} ${due} ${days} day${days === 1 ? '' : 's'} ${money(p.amount)} Record`,
    );
  }
  assert.equal(rowOf(html, rows[10]!.id), undefined, 'the eleventh is on page 2');
  assert.match(text(html), new RegExp(`1–10 of ${rows.length} Previous 1 / ${Math.ceil(rows.length / 10)} Next`));
  await lv.close();
});

test('page 2 of the overdue list, by a live link, shows the next ten', async () => {
  const rows = await overdueRows();
  const lv = await connect();
  await lv.patch('/rentals/payments?page=2');
  const html = lv.html();
  assert.ok(rowOf(html, rows[10]!.id));
  assert.equal(rowOf(html, rows[0]!.id), undefined);
  assert.match(text(html), new RegExp(`11–20 of ${rows.length}`));
  await lv.close();
});

test('this month\'s totals are what the payments table holds', async () => {
  const em = server.orm.em.fork();
  const first = `${DAY.slice(0, 7)}-01`;
  const next = addMonths(first, 1);
  const sum = (ps: Payment[]): string => money(ps.reduce((a, p) => a + p.amount, 0));
  const due = await em.find(Payment, { dueOn: { $gte: first, $lt: next } });
  const received = await em.find(Payment, { status: 'paid', paidOn: { $gte: first, $lt: next } });
  const overdue = await overdueRows();
  const lv = await connect();
  const html = lv.html();
  assert.equal(statOf(html, 'total-due'), sum(due));
  assert.equal(statOf(html, 'total-received'), sum(received));
  assert.equal(statOf(html, 'total-overdue'), sum(overdue));
  assert.match(text(html), new RegExp(`${overdue.length} payments past due`));
  await lv.close();
});

test('searching by tenant or property offers matching leases; choosing one fills the amount its oldest unpaid payment asks', async () => {
  const [late] = await overdueRows();
  const lease = late!.lease;
  const lv = await connect();
  await lv.event('search', { value: lease.tenant.user.email });
  assert.match(lv.html(), new RegExp(`dj-value-id="${lease.id}"`));
  await lv.event('search', { value: 'zzz-no-such' });
  assert.match(text(lv.html()), /No lease matches “zzz-no-such”/);
  await lv.event('search', { value: lease.property.name });
  await lv.click(`button[dj-value-id="${lease.id}"]`);
  const [oldest] = await unpaidOf(lease.id);
  assert.match(text(lv.html()), new RegExp(`Lease ${lease.property.name} `));
  assert.match(lv.html(), new RegExp(`<input id="pay-amount" name="amount"[^>]* value="${oldest!.amount.toFixed(2)}"`));
  assert.match(lv.html(), /<input type="hidden" name="lease" value="\d+">/);
  await lv.close();
});

test('validation runs as the user types, showing errors only for fields they have been through', async () => {
  const lv = await connect();
  await lv.change('#record-payment', { amount: 'twelve' });
  assert.match(lv.html(), /Enter an amount such as 1450 or 1450.50/);
  assert.doesNotMatch(lv.html(), /Choose the lease/, 'the lease is not asked for before the form is sent');
  await lv.change('#record-payment', { paid_on: addMonths(DAY, 1), amount: 'twelve' });
  assert.match(lv.html(), /cannot be recorded for a day that has not come yet/);
  await lv.change('#record-payment', { amount: '12.50', paid_on: DAY });
  assert.doesNotMatch(lv.html(), /class="error"/);
  await lv.submit('#record-payment', { amount: '0' });
  assert.match(lv.html(), /Choose the lease this payment is for/);
  assert.match(lv.html(), /The amount must be more than zero/);
  await lv.close();
});

test('the overdue "Record" fills the form; recording settles the lease\'s oldest unpaid payment and the overdue list and totals update', async () => {
  const [late] = await overdueRows();
  const [oldest] = await unpaidOf(late!.lease.id);
  const before = await overdueRows();
  const lv = await connect();
  const overdueBefore = statOf(lv.html(), 'total-overdue');
  await lv.event('fill', { payment: late!.id });
  assert.match(lv.html(), new RegExp(`Settles the payment due <strong>[^<]+</strong> of ${money(oldest!.amount)}`));
  await lv.submit('#record-payment', { method: 'check', paid_on: DAY });
  assert.deepEqual(lv.errors, []);
  assert.match(text(lv.html()), new RegExp(`Recorded ${money(oldest!.amount)} from ${late!.lease.tenant.user.firstName} ${late!.lease.tenant.user.lastName} for ${late!.lease.property.name}`));
  const saved = await server.orm.em.fork().findOneOrFail(Payment, oldest!.id);
  assert.deepEqual([saved.status, saved.paidOn, saved.method], ['paid', DAY, 'check']);
  // The settled payment left the overdue list, and the totals moved by its amount.
  if (oldest!.dueOn < DAY) assert.equal(rowOf(lv.html(), oldest!.id), undefined);
  assert.equal(Number(statOf(lv.html(), 'total-overdue')), Math.round((Number(overdueBefore) - oldest!.amount) * 100) / 100);
  assert.equal((await overdueRows()).length, before.length - 1);
  // The form is empty again, and the flash goes with the next render.
  assert.match(lv.html(), /<input type="hidden" name="lease" value="">/);
  await lv.event('search', { value: 'x' });
  assert.doesNotMatch(lv.html(), /Recorded /);
  await lv.close();
});

test('an amount other than the one due is refused with the amount due, and nothing is saved', async () => {
  const [late] = await overdueRows();
  const [oldest] = await unpaidOf(late!.lease.id);
  const lv = await connect();
  await lv.event('fill', { payment: late!.id });
  await lv.submit('#record-payment', { amount: (oldest!.amount + 1).toFixed(2) });
  assert.match(lv.html(), new RegExp(`of ${money(oldest!.amount)}: enter that amount \\(partial payments are not supported\\)`));
  assert.equal((await server.orm.em.fork().findOneOrFail(Payment, oldest!.id)).status, oldest!.status);
  await lv.close();
});

test('a lease with nothing unpaid gets a new payment, paid on the day given', async () => {
  const em = server.orm.em.fork();
  const unpaidLeases = (await em.find(Payment, { status: { $ne: 'paid' } }, { fields: ['lease'] })).map((p) => p.lease.id);
  const settled = await em.findOneOrFail(Lease, { id: { $nin: unpaidLeases } }, { orderBy: { id: 'asc' } });
  const count = await em.count(Payment, { lease: settled.id });
  const lv = await connect(`/rentals/payments?lease=${settled.id}`);
  assert.match(lv.html(), /Nothing is unpaid on this lease: a new payment will be added/);
  await lv.submit('#record-payment', { amount: '75', method: 'cash' });
  assert.match(text(lv.html()), /Recorded 75.00 from .* a new payment, paid /);
  const added = await server.orm.em.fork().find(Payment, { lease: settled.id }, { orderBy: { id: 'desc' }, limit: 1 });
  assert.equal(await server.orm.em.fork().count(Payment, { lease: settled.id }), count + 1);
  assert.deepEqual([added[0]!.amount, added[0]!.status, added[0]!.dueOn, added[0]!.paidOn, added[0]!.method], [75, 'paid', DAY, DAY, 'cash']);
  await lv.close();
});

test('a URL naming a lease that does not exist is the 404 page', async () => {
  const res = await fetch(`${server.url}/rentals/payments?lease=987654`);
  assert.equal(res.status, 404);
  const html = await res.text();
  assert.match(html, /<h1 id="error-title">Page not found<\/h1>/);
  assert.match(html, /No lease 987654\. It may have been removed\./);
  assert.match(html, /<a class="btn btn-primary" href="\/rentals">Back to the dashboard<\/a>/);
});

test('each render runs the same number of SQL statements at scale 1 and scale 3, and few of them', async () => {
  const steps: Record<number, number[]> = {};
  for (const scale of [1, 3]) {
    const app = await serve(scale);
    const seen = app.queries;
    try {
      const counted = async (step: () => Promise<unknown>): Promise<number> => {
        const from = seen.length;
        await step();
        return seen.length - from;
      };
      let lv: LiveClient | undefined;
      steps[scale] = [
        await counted(async () => (lv = await app.connect('/rentals/payments?page=2'))),
        await counted(() => lv!.event('search', { value: 'a' })),
        await counted(() => lv!.click('.lease-matches button')),
      ];
    } finally {
      await app.close();
    }
  }
  assert.deepEqual(steps[3], steps[1]);
  // The page load and the join render it twice: four totals, the overdue page, recent payments.
  // A search adds its matches; choosing a lease reads what it owes, then renders it.
  const [load, search, choose] = steps[1]!;
  assert.ok(load! <= 12 && search! <= 7 && choose! <= 9, `statements per step: ${steps[1]!.join(', ')}`);
});
