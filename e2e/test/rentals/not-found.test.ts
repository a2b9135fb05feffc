/**
 * The rentals 404 page: an unknown URL and a URL naming a missing record answer 404 with the
 * site's own page, and a live link (dj-navigate, dj-patch) to a missing id ends on it too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import { rentalsSuite, screenshot } from '../../harness/index.js';
import { pathOf } from '../../apps/page-facts.js';

const s = rentalsSuite();

/** Chromium reports the 404 answer of the page itself as a console error; here it is the point. */
const allow404 = (): void => s.tp.allowConsoleErrors(/status of 404/);

async function expectNotFoundPage(): Promise<void> {
  const { page } = s.tp;
  await expect(page.locator('main h1')).toHaveText('Page not found');
  await expect(page).toHaveTitle('Page not found · Rentals');
  await expect(page.getByRole('link', { name: 'Back to the dashboard' })).toBeVisible();
}

test('an unknown URL answers 404 with the site\'s page, whose link leads back to the dashboard', async () => {
  const { page } = s.tp;
  allow404();
  const res = await page.goto(s.app.url('/rentals/no-such-page'));
  assert.equal(res?.status(), 404);
  await expectNotFoundPage();
  await expect(page.locator('.error-page code')).toHaveText('/rentals/no-such-page');
  await screenshot(page, 'rentals-404');
  await page.getByRole('link', { name: 'Back to the dashboard' }).click();
  await expect(page).toHaveURL(s.app.url('/rentals'));
  await expect(page.locator('nav.sidebar a[aria-current="page"]')).toHaveText('Dashboard');
});

test('a URL naming a lease that does not exist answers 404 with the reason', async () => {
  const { page } = s.tp;
  allow404();
  const res = await page.goto(s.app.url('/rentals/payments?lease=999999'));
  assert.equal(res?.status(), 404);
  await expectNotFoundPage();
  await expect(page.locator('.error-page p.text-muted')).toHaveText('No lease 999999. It may have been removed.');
});

test('a live link to a missing id, from another page (dj-navigate) or the same one (dj-patch), ends on the 404 page', async () => {
  const { page } = s.tp;
  allow404();
  for (const [from, kind] of [['/rentals', 'dj-navigate'], ['/rentals/payments', 'dj-patch']] as const) {
    await s.tp.goto(s.app.url(from));
    // A link to a record removed since the page was rendered.
    await page.evaluate(([attr]) => {
      const a = document.createElement('a');
      a.href = '/rentals/payments?lease=999999';
      a.id = 'stale-link';
      a.textContent = 'a removed lease';
      a.setAttribute(attr!, '');
      document.querySelector('main')!.prepend(a);
    }, [kind]);
    const load = page.waitForResponse((r) => r.url().endsWith('/rentals/payments?lease=999999') && r.request().resourceType() === 'document');
    await page.click('#stale-link');
    assert.equal((await load).status(), 404, kind);
    await expectNotFoundPage();
    assert.equal(pathOf(page), '/rentals/payments?lease=999999');
  }
  await screenshot(page, 'rentals-404-live-link');
});
