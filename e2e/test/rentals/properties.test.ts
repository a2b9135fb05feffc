/**
 * The properties list in Chromium: the debounced search narrows the rows and puts q in the URL,
 * a header sorts, the pager moves, and back and forward restore each earlier table and URL.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expect } from 'playwright/test';
import type { Page } from 'playwright';
import { rentalsSuite, screenshot } from '../../harness/index.js';
import { documentLoads, pathOf } from '../../apps/page-facts.js';

const s = rentalsSuite();

const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => s.app.orm.em.fork().getConnection().execute(text, params);
const namesWhere = async (where: string, order: string, params: unknown[] = [], offset = 0): Promise<string[]> =>
  (await sql<{ name: string }>(`select name from properties ${where} order by ${order} limit 15 offset ${offset}`, params)).map((r) => r.name);

/** Waits until the table shows exactly `names`, in order. */
async function expectRows(page: Page, names: string[]): Promise<void> {
  await expect(page.locator('table.properties tbody tr td:first-child')).toHaveText(names);
}

test('typing in the search narrows the list once the typing pauses, and the URL carries q', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/properties'));
  await expectRows(page, await namesWhere('', 'name, id'));
  const search = page.getByLabel('Search');
  await search.pressSequentially('oak');
  await expect(page).toHaveURL(/\/rentals\/properties\?q=oak$/);
  const expected = await namesWhere(`where name like '%oak%' or address like '%oak%' or city like '%oak%'`, 'name, id');
  assert.ok(expected.length > 0 && expected.length < 15, `a search that narrows: ${expected.length}`);
  await expectRows(page, expected);
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('oak');
  await expect(page.locator('.result-count')).toHaveText(new RegExp(`^${expected.length} propert(y|ies) match(es)? your filters$`));
  await screenshot(page, 'rentals-properties-search');
});

test('a column header sorts the rows, then reverses them, and says so', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/properties'));
  const header = page.locator('table.properties th', { hasText: 'Monthly rent' });
  await header.getByRole('link').click();
  await expect(page).toHaveURL(/\?sort=rent$/);
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expectRows(page, await namesWhere('', 'monthly_rent, id'));
  await header.getByRole('link').click();
  await expect(page).toHaveURL(/\?sort=-rent$/);
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expectRows(page, await namesWhere('', 'monthly_rent desc, id'));
  await screenshot(page, 'rentals-properties-sorted');
});

test('the pager shows page 2, and back and forward restore each earlier table and URL', async () => {
  const { page } = s.tp;
  const start = s.app.url('/rentals/properties');
  await s.tp.goto(start);
  const byName = await namesWhere('', 'name, id');
  const cities = await sql<{ city: string }>(`select city from properties group by city order by count(*) desc limit 1`);
  const city = cities[0].city;

  await page.getByLabel('City').selectOption(city);
  await expect(page).toHaveURL(new RegExp(`\\?city=${city}$`));
  const inCity = await namesWhere('where city = ?', 'name, id', [city]);
  await expectRows(page, inCity);

  await page.getByLabel('City').selectOption('');
  await expect(page).toHaveURL(/\/rentals\/properties$/);
  await page.locator('table.properties th', { hasText: 'Units' }).getByRole('link').click();
  await expect(page).toHaveURL(/\?sort=units$/);
  const byUnits = await namesWhere('', 'units, id');
  await expectRows(page, byUnits);

  await page.locator('.pagination').getByRole('link', { name: 'Page 2' }).click();
  await expect(page).toHaveURL(/\?sort=units&page=2$/);
  const byUnits2 = await namesWhere('', 'units, id', [], 15);
  await expectRows(page, byUnits2);
  await expect(page.locator('.pagination [aria-current="page"]')).toHaveText('2');
  await screenshot(page, 'rentals-properties-page-2');

  await page.goBack();
  await expect(page).toHaveURL(/\?sort=units$/);
  await expectRows(page, byUnits);
  await page.goBack();
  await expect(page).toHaveURL(/\/rentals\/properties$/);
  await expectRows(page, byName);
  await expect(page.getByLabel('City').locator('option:checked')).toHaveText('All cities');
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`\\?city=${city}$`));
  await expectRows(page, inCity);
  await expect(page.getByLabel('City').locator('option:checked')).toHaveText(city);
  await screenshot(page, 'rentals-properties-back');

  // One move at a time, as a user who watches the table does: the client answers a history
  // move that another overtook by pushing the older URL again (noted for the client's owner).
  await page.goForward();
  await expect(page).toHaveURL(/\/rentals\/properties$/);
  await expectRows(page, byName);
  await page.goForward();
  await expect(page).toHaveURL(/\?sort=units$/);
  await expectRows(page, byUnits);
  await page.goForward();
  await expect(page).toHaveURL(/\?sort=units&page=2$/);
  await expectRows(page, byUnits2);
  await expect(page.locator('table.properties th', { hasText: 'Units' })).toHaveAttribute('aria-sort', 'ascending');
  assert.deepEqual(await documentLoads(page), { count: 1, first: start }, 'all of it in the one document');
  assert.equal(pathOf(page), '/rentals/properties?sort=units&page=2');
});

test('reloading a filtered, sorted page shows the same rows, and no match offers to clear the filters', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/properties?status=occupied&sort=-rent&page=2'));
  const expected = await namesWhere(`where status = 'occupied'`, 'monthly_rent desc, id', [], 15);
  await expectRows(page, expected);
  await page.reload();
  await expectRows(page, expected);
  await expect(page.getByLabel('Status')).toHaveValue('occupied');

  await page.getByLabel('Search').fill('no such place');
  await expect(page.locator('.empty')).toContainText('No property matches “no such place”');
  await screenshot(page, 'rentals-properties-empty');
  await page.locator('.empty').getByRole('link', { name: 'clear the filters' }).click();
  await expect(page).toHaveURL(/\/rentals\/properties$/);
  await expectRows(page, await namesWhere('', 'name, id'));
  await expect(page.getByLabel('Search')).toHaveValue('');
});

test('a property\'s page shows its current lease, history and maintenance; an unknown one says so', async () => {
  const { page } = s.tp;
  const [lease] = await sql<{ property_id: number; name: string; email: string }>(
    `select l.property_id, p.name, u.email from leases l join properties p on p.id = l.property_id join tenants t on t.id = l.tenant_id
     join users u on u.id = t.user_id where l.status = 'active' order by p.name limit 1`,
  );
  await s.tp.goto(s.app.url('/rentals/properties'));
  await page.locator('table.properties').getByRole('link', { name: lease.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/rentals/properties/${lease.property_id}$`));
  await expect(page.locator('main h1')).toContainText(lease.name);
  await expect(page.locator('.current-lease')).toContainText(lease.email);
  await expect(page.locator('table.lease-history tbody tr')).toHaveCount(6);
  await expect(page.locator('table.payments tbody tr').first()).toBeVisible();
  await screenshot(page, 'rentals-property');

  // Chromium reports every 404 response on the console; this one is the point of the test.
  s.tp.allowConsoleErrors(/status of 404/);
  const response = await page.goto(s.app.url('/rentals/properties/424242'));
  assert.equal(response?.status(), 404);
  await expect(page.locator('main h1')).toHaveText('Page not found');
  await expect(page.locator('main')).toContainText('Property not found.');
  await expect(page.getByRole('link', { name: 'Back to the dashboard' })).toBeVisible();
  await screenshot(page, 'rentals-property-not-found');
});
