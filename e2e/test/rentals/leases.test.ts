/** The lease form in Chromium: live validation while typing, creating a lease, and a server restart mid-edit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import type { Page } from 'playwright';
import { Lease, Property, Tenant, today } from '@djust/rentals';
import { rentalsSuite, screenshot, waitConnected } from '../../harness/index.js';

const s = rentalsSuite();

/** A property with no lease that is not ended, and the first tenant: a lease for them overlaps nothing. */
async function vacancy(): Promise<{ property: number; propertyName: string; tenant: number; tenantName: string }> {
  const em = s.app.orm.em.fork();
  const busy = (await em.find(Lease, { status: { $ne: 'ended' } })).map((l) => l.property.id);
  const property = await em.findOneOrFail(Property, { id: { $nin: busy } }, { orderBy: { id: 'desc' } });
  const tenant = await em.findOneOrFail(Tenant, { id: 1 }, { populate: ['user'] });
  return { property: property.id, propertyName: property.name, tenant: tenant.id, tenantName: tenant.user.getFullName() };
}

/** `days` after today, as a date input holds it. */
function day(days: number): string {
  return new Date(Date.parse(`${today()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function fillDates(page: Page, start: string, end: string): Promise<void> {
  await page.fill('#start_date', start);
  await page.fill('#end_date', end);
}

test('typing an end date before the start date shows the message at once, without submitting', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/leases/new'));
  await expect(page.locator('#end_date-error')).toHaveCount(0);
  await fillDates(page, '2031-05-10', '2031-05-01');
  await expect(page.locator('#end_date-error')).toHaveText('The end date must be after the start date.');
  await expect(page.locator('#end_date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#end_date')).toHaveAttribute('aria-describedby', 'end_date-error');
  await page.fill('#monthly_rent', '-4');
  await expect(page.locator('#monthly_rent-error')).toHaveText('The rent must be more than 0.');
  await expect(page.locator('#form-error')).toHaveCount(0);
  await screenshot(page, 'rentals-lease-form-invalid');
  await page.fill('#end_date', '2032-05-09');
  await expect(page.locator('#end_date-error')).toHaveCount(0);
  await expect(page).toHaveURL(s.app.url('/rentals/leases/new'));
});

test('a lease created through the form appears in the leases list and survives a reload', async () => {
  const { page } = s.tp;
  const v = await vacancy();
  const before = await s.app.orm.em.fork().count(Lease, {});
  await s.tp.goto(s.app.url('/rentals/leases'));
  await page.click('#new-lease');
  await expect(page.locator('main h1')).toHaveText('New lease');
  await page.selectOption('#property', String(v.property));
  await page.fill('#tenant_q', v.tenantName);
  await expect(page.locator('#tenant option')).toHaveCount(2);
  await page.selectOption('#tenant', String(v.tenant));
  const start = day(45);
  await fillDates(page, start, day(45 + 364));
  await page.fill('#monthly_rent', '0');
  await expect(page.locator('#monthly_rent-error')).toBeVisible();
  await page.fill('#monthly_rent', '1725.50');
  await page.fill('#deposit', '3451');
  await expect(page.locator('#monthly_rent-error')).toHaveCount(0);
  await expect(page.locator('.field .error')).toHaveCount(0);
  await expect(page.locator('#property-hint')).toContainText('listed at $');
  await screenshot(page, 'rentals-lease-form-valid');
  await page.click('#save-lease');

  await expect(page.locator('main h1')).toContainText('Lease #');
  await expect(page.locator('.flash-info')).toContainText('created');
  const lease = await s.app.orm.em.fork().findOneOrFail(Lease, { property: v.property, startDate: start });
  assert.equal(await s.app.orm.em.fork().count(Lease, {}), before + 1);
  await expect(page).toHaveURL(s.app.url(`/rentals/leases/${lease.id}`));
  await screenshot(page, 'rentals-lease-created');

  await page.click('nav.sidebar a[href="/rentals/leases"]');
  await expect(page).toHaveURL(s.app.url('/rentals/leases'));
  const row = page.locator('#leases-table tbody tr', { has: page.locator(`a[href="/rentals/leases/${lease.id}"]`) });
  await expect(row).toContainText(v.propertyName);
  await expect(row).toContainText(v.tenantName);
  await expect(row).toContainText('$1,725.50');
  await page.reload();
  await waitConnected(page);
  await expect(row).toContainText(v.propertyName);
  await expect(row.locator('.badge')).toHaveText('Pending');
  await screenshot(page, 'rentals-leases-list');
});

test('stopping and restarting the server mid-edit keeps the typed values, and the new server has them', async () => {
  const { page } = s.tp;
  // Chromium logs each refused reconnect attempt itself: that is the outage showing, the only error allowed.
  s.tp.allowConsoleErrors(/^console: WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/djust\/socket' failed: /);
  const v = await vacancy();
  await s.tp.goto(s.app.url('/rentals/leases/new'));
  await page.selectOption('#property', String(v.property));
  await page.fill('#monthly_rent', '1300');
  await page.fill('#deposit', '0');
  await fillDates(page, '2041-03-01', '2041-02-01');
  await expect(page.locator('#end_date-error')).toHaveText('The end date must be after the start date.');

  const root = page.locator('[data-dj-view]');
  await s.app.stop();
  await expect(root).toHaveClass(/\bdj-error\b/);
  await screenshot(page, 'rentals-lease-form-offline');
  await s.app.start();
  await expect(root).toHaveClass(/\bdj-connected\b/, { timeout: 20_000 });
  await waitConnected(page);

  await expect(page.locator('#property')).toHaveValue(String(v.property));
  await expect(page.locator('#monthly_rent')).toHaveValue('1300');
  await expect(page.locator('#start_date')).toHaveValue('2041-03-01');
  await expect(page.locator('#end_date')).toHaveValue('2041-02-01');
  // The restarted server's view got the form back: its message depends on both dates.
  await expect(page.locator('#end_date-error')).toHaveText('The end date must be after the start date.');
  await expect(page.locator('#property-hint')).toContainText('listed at $');
  await page.fill('#end_date', '2042-02-28');
  await expect(page.locator('#end_date-error')).toHaveCount(0);
  await page.fill('#tenant_q', v.tenantName);
  await expect(page.locator('#tenant option')).toHaveCount(2);
  await page.selectOption('#tenant', String(v.tenant));
  await page.click('#save-lease');
  await expect(page.locator('.flash-info')).toContainText('created');
  const saved = await s.app.orm.em.fork().findOneOrFail(Lease, { property: v.property, startDate: '2041-03-01' });
  assert.deepEqual([saved.endDate, saved.monthlyRent, saved.deposit], ['2042-02-28', 1300, 0]);
  await screenshot(page, 'rentals-lease-after-restart');
});

test('an overlapping lease is named with a link, and "End lease" asks first, then ends it', async () => {
  const { page } = s.tp;
  const em = s.app.orm.em.fork();
  const active = await em.findOneOrFail(Lease, { status: 'active' }, { orderBy: { endDate: 'desc' } });
  await s.tp.goto(s.app.url('/rentals/leases/new'));
  await page.selectOption('#property', String(active.property.id));
  await fillDates(page, active.startDate, active.endDate);
  await expect(page.locator('#overlap-error')).toContainText(`lease #${active.id}`);
  await screenshot(page, 'rentals-lease-form-overlap');
  await page.click(`#overlap-error a[href="/rentals/leases/${active.id}"]`);
  await expect(page.locator('main h1')).toContainText(`Lease #${active.id}`);
  await screenshot(page, 'rentals-lease-detail');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.click('#end-lease');
  await expect(page.locator('#lease-status')).toHaveText('Ended');
  await expect(page.locator('.flash-info')).toContainText(`Lease #${active.id} ended`);
  await expect(page.locator('#end-lease')).toHaveCount(0);
  const ended = await s.app.orm.em.fork().findOneOrFail(Lease, { id: active.id });
  assert.deepEqual([ended.status, ended.endDate], ['ended', today()]);
});
