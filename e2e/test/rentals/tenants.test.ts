/** The tenants pages in Chromium: the debounced search into the URL, sorting, paging, back, and a tenant's page. */
import { test } from 'node:test';
import { expect } from 'playwright/test';
import { Tenant } from '@djust/rentals';
import { rentalsSuite, screenshot } from '../../harness/index.js';

const s = rentalsSuite();

test('typing in the search narrows the list after the pause and puts q in the URL; back restores the full list', async () => {
  const { page } = s.tp;
  const someone = await s.app.orm.em.fork().findOneOrFail(Tenant, { id: 42 }, { populate: ['user'] });
  await s.tp.goto(s.app.url('/rentals/tenants'));
  const rows = page.locator('#tenants-table tbody tr');
  await expect(rows).toHaveCount(15);
  await expect(page.locator('.pager-summary')).toHaveText('Showing 1–15 of 200 tenants');
  await screenshot(page, 'rentals-tenants');
  await page.locator('#tenant-q').pressSequentially(someone.user.email.split('@')[0]);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(someone.user.getFullName());
  await expect(page).toHaveURL(/[?&]q=/);
  await screenshot(page, 'rentals-tenants-search');
  await page.goBack();
  await expect(page).toHaveURL(s.app.url('/rentals/tenants'));
  await expect(rows).toHaveCount(15);
});

test('sorting by email and paging are links that keep the state in the URL', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/tenants'));
  await page.click('th a.sort:text("Email")');
  await expect(page).toHaveURL(s.app.url('/rentals/tenants?sort=email'));
  await expect(page.locator('th[aria-sort="ascending"]')).toHaveText('Email');
  const first = await page.locator('#tenants-table tbody tr td:nth-child(2)').first().textContent();
  await page.click('.pagination a[rel="next"]');
  await expect(page).toHaveURL(s.app.url('/rentals/tenants?sort=email&page=2'));
  await expect(page.locator('.pager-summary')).toHaveText('Showing 16–30 of 200 tenants');
  await expect(page.locator('#tenants-table tbody tr td:nth-child(2)').first()).not.toHaveText(first ?? '');
});

test("a tenant's page shows their contact, emergency contact, leases, payments and open requests", async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/tenants'));
  const link = page.locator('#tenants-table tbody tr td:first-child a').first();
  const name = (await link.textContent()) ?? '';
  await link.click();
  await expect(page.locator('main h1')).toHaveText(name);
  await expect(page.locator('#emergency-h')).toBeVisible();
  await expect(page.locator('#tenant-leases tbody tr, #leases-h ~ .empty').first()).toBeVisible();
  await expect(page.locator('#requests-h')).toHaveText('Open maintenance requests');
  await screenshot(page, 'rentals-tenant');
});
