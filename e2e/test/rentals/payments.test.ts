/** The payments page in Chromium: live validation, recording from the overdue list's "Record", the search. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import { Payment } from '@djust/rentals';
import { rentalsSuite, screenshot } from '../../harness/index.js';

const s = rentalsSuite();

test('typing a bad amount shows its error beside the field, and fixing it clears the error', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/payments'));
  await page.getByLabel('Amount received').fill('twelve');
  await page.getByLabel('Amount received').press('Tab');
  await expect(page.locator('#amount-error')).toHaveText('Enter an amount such as 1450 or 1450.50.');
  await expect(page.getByLabel('Amount received')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'rentals-payments-error');
  await page.getByLabel('Amount received').fill('12.50');
  await page.getByLabel('Amount received').press('Tab');
  await expect(page.locator('#amount-error')).toHaveCount(0);
});

test('"Record" on an overdue row fills the form; recording it flashes, and the row leaves the overdue list', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/payments'));
  await screenshot(page, 'rentals-payments');
  const pastDue = page.locator('.stat-note', { hasText: 'past due' });
  const before = parseInt((await pastDue.textContent())!, 10);
  const row = page.locator('#overdue tbody tr').first();
  const rowId = await row.getAttribute('id');
  const property = (await row.locator('td').first().textContent())!.trim();
  const { lease } = await s.app.orm.em.fork().findOneOrFail(Payment, Number(rowId!.replace('overdue-', '')));
  const paidByCard = (): Promise<number> => s.app.orm.em.fork().count(Payment, { lease: lease.id, method: 'card', status: 'paid' });
  const cardBefore = await paidByCard();
  await row.getByRole('button', { name: /^Record the payment due/ }).click();
  await expect(page.locator('#chosen-lease .chosen-name')).toHaveText(property);
  await expect(page.locator('#record-heading')).toBeFocused();
  await expect(page.getByLabel('Amount received')).not.toHaveValue('');
  await page.getByLabel('Method').selectOption('card');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.locator('.flash-info')).toContainText(`for ${property}`);
  await screenshot(page, 'rentals-payments-recorded');
  // One payment fewer past due, and the one recorded is paid by card in the database.
  await expect(pastDue).toHaveText(`${before - 1} payment${before - 1 === 1 ? '' : 's'} past due`);
  assert.equal(await paidByCard(), cardBefore + 1);
});

test('the lease search offers matching leases, and a keyboard user can choose one', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rentals/payments'));
  await page.getByLabel('Lease').fill('Lofts');
  const first = page.locator('.lease-matches button').first();
  await expect(first).toBeVisible();
  const name = (await first.locator('strong').textContent())!.trim();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#chosen-lease .chosen-name')).toHaveText(name);
  await screenshot(page, 'rentals-payments-chosen');
});
