/** The rentals dashboard in Chromium: the expiring-soon table shows the nested values, not empty cells. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expect } from 'playwright/test';
import { today } from '@djust/rentals';
import { rentalsSuite, screenshot } from '../../harness/index.js';

const s = rentalsSuite();

interface Expiring {
  name: string;
  email: string;
  first_name: string;
  last_name: string;
}

test('the expiring-soon table shows property names, tenant names and emails, formatted dates and days left', async () => {
  const { page } = s.tp;
  const limit = new Date(Date.parse(`${today()}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
  const expected: Expiring[] = await s.app.orm.em.fork().getConnection().execute(
    `select p.name, u.email, u.first_name, u.last_name from leases l join properties p on p.id = l.property_id
     join tenants t on t.id = l.tenant_id join users u on u.id = t.user_id
     where l.status = 'active' and l.end_date <= ? order by l.end_date, l.id limit 5`,
    [limit],
  );
  assert.ok(expected.length > 0, 'the seed has leases ending soon');

  await s.tp.goto(s.app.url('/rentals'));
  const rows = page.locator('table.expiring-soon tbody tr');
  await expect(rows).toHaveCount(expected.length);
  for (const [i, lease] of expected.entries()) {
    const cells = rows.nth(i).locator('td');
    await expect(cells.nth(0)).toHaveText(lease.name);
    await expect(cells.nth(1)).toHaveText(`${lease.first_name} ${lease.last_name}`);
    await expect(cells.nth(2)).toHaveText(lease.email);
    await expect(cells.nth(3)).toHaveText(/^[A-Z][a-z]{2} \d{2}, \d{4}$/);
    await expect(cells.nth(4)).toHaveText(/^\d+ days?$/);
  }
  const texts = await page.locator('table.expiring-soon tbody td').allInnerTexts();
  assert.deepEqual(texts.filter((t) => t.trim() === ''), [], 'no empty cell');
  await expect(page.locator('.card.stat')).toHaveCount(4);
  await expect(page.locator('.card.stat').first()).toContainText(/\d+%/);
  await screenshot(page, 'rentals-dashboard');
});

test('a row of the table links to its property, live', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals'));
  const link = page.locator('table.expiring-soon tbody tr').first().locator('td').first().locator('a');
  const name = await link.innerText();
  await link.click();
  await expect(page.locator('main h1')).toContainText(name);
  await expect(page).toHaveURL(/\/rentals\/properties\/\d+$/);
});
