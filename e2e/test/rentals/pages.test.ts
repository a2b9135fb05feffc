/** Every page of the rentals demo loads in Chromium, joins its live view, logs no error, and is kept as a screenshot. */
import { test } from 'node:test';
import { expect } from 'playwright/test';
import { rentalsSuite, screenshot } from '../../harness/index.js';

const s = rentalsSuite();

const PAGES: [string, string][] = [
  ['dashboard', '/rentals'],
  ['properties', '/rentals/properties'],
  ['property', '/rentals/properties/1'],
  ['tenants', '/rentals/tenants'],
  ['tenant', '/rentals/tenants/1'],
  ['leases', '/rentals/leases'],
  ['lease', '/rentals/leases/1'],
  ['lease-new', '/rentals/leases/new'],
  ['lease-edit', '/rentals/leases/1/edit'],
  ['payments', '/rentals/payments'],
  ['maintenance', '/rentals/maintenance'],
];

for (const [name, path] of PAGES) {
  test(`the ${name} page (${path}) loads live, with its heading and no console error`, async () => {
    const { page } = s.tp;
    await s.tp.goto(s.app.url(path));
    await expect(page.locator('main h1')).toBeVisible();
    await expect(page.locator('nav.sidebar a[aria-current="page"]')).toHaveCount(1);
    await screenshot(page, `rentals-${name}`);
  });
}

test('/ leads to /rentals', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/'));
  await expect(page).toHaveURL(s.app.url('/rentals'));
});
