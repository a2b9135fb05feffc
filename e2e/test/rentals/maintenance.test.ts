/**
 * The maintenance board in Chromium: two browsers on the board see each other's changes live
 * (pubsub), and the development panel lists each operation with its SQL.
 */
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { expect } from 'playwright/test';
import { rentalsSuite, screenshot } from '../../harness/index.js';
import { openPage } from '../../harness/page.js';

const s = rentalsSuite({ app: { devPanel: true } });
const BOARD = '/rentals/maintenance';

test('a move in one browser shows in another open board, counts included, without a reload', async () => {
  const a = s.tp;
  const b = await openPage(a.context.browser()!);
  try {
    await Promise.all([a.goto(s.app.url(BOARD)), b.goto(s.app.url(BOARD))]);
    const first = a.page.locator('#column-open article.ticket').first();
    const id = (await first.getAttribute('id'))!;
    const title = (await first.locator('.ticket-title').textContent())!;
    const openCount = Number(await b.page.locator('#column-open').getAttribute('data-count'));
    const progressCount = Number(await b.page.locator('#column-in_progress').getAttribute('data-count'));
    await b.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await first.getByRole('button', { name: /^Start work/ }).click();
    await expect(a.page.locator('.flash-info')).toContainText(`“${title}” moved to In progress.`);
    await expect(b.page.locator(`#column-in_progress #${id}`)).toBeVisible();
    await expect(b.page.locator(`#column-open #${id}`)).toHaveCount(0);
    await expect(b.page.locator('#column-open')).toHaveAttribute('data-count', String(openCount - 1));
    await expect(b.page.locator('#column-in_progress .column-header .badge')).toHaveText(String(progressCount + 1));
    await expect(b.page.locator('#board-notice')).toHaveText(`“${title}” is now in progress.`);
    await expect.poll(() => b.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await screenshot(a.page, 'rentals-maintenance-a');
    await screenshot(b.page, 'rentals-maintenance-b');

    // And back, from the other browser.
    await b.page.locator(`#${id}`).getByRole('button', { name: /^Back to open/ }).click();
    await expect(a.page.locator(`#column-open #${id}`)).toBeVisible();
  } finally {
    const errors = [...b.errors];
    await b.close();
    if (errors.length) throw new Error(`the second page logged errors: ${errors.join('\n')}`);
  }
});

test('a request filed in one browser appears at the top of Open in the other; a bad one is explained', async () => {
  const a = s.tp;
  const b = await openPage(a.context.browser()!);
  try {
    await Promise.all([a.goto(s.app.url(BOARD)), b.goto(s.app.url(BOARD))]);
    await a.page.getByRole('button', { name: 'New request' }).click();
    await a.page.getByLabel('Title').fill('Garage door stuck');
    await a.page.getByRole('button', { name: 'File request' }).click();
    await expect(a.page.locator('#req-property-error')).toHaveText('Choose the property.');
    await expect(a.page.getByLabel('Title')).toHaveValue('Garage door stuck');
    await a.page.locator('#req-property').selectOption({ index: 2 });
    await a.page.locator('#req-priority').selectOption('urgent');
    await a.page.getByRole('button', { name: 'File request' }).click();
    await expect(a.page.locator('.flash-info')).toContainText('Request “Garage door stuck” filed');
    await expect(b.page.locator('#column-open article.ticket').first().locator('.ticket-title')).toHaveText('Garage door stuck');
    await expect(b.page.locator('#column-open article.ticket').first().locator('.badge')).toHaveText('Urgent');
  } finally {
    const errors = [...b.errors];
    await b.close();
    if (errors.length) throw new Error(`the second page logged errors: ${errors.join('\n')}`);
  }
});

test('the development panel lists the page render, the join and each event with its SQL, and opens from the keyboard', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url(BOARD));
  const panel = page.locator('#djust-dev');
  const entries = panel.locator('.djust-dev-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveAttribute('data-kind', 'join');
  await expect(entries.nth(1)).toHaveAttribute('data-kind', 'http');
  const toggle = panel.getByRole('button', { name: /djust dev/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  await page.locator('#column-open article.ticket').first().getByRole('button', { name: /^Resolve/ }).click();
  const event = entries.filter({ has: page.locator('summary', { hasText: 'event move' }) });
  await expect(event).toHaveCount(1);
  // The board's own broadcast renders it once more (a pubsub entry): the event's entry is opened by hand.
  await expect(entries.filter({ hasText: 'pubsub/timer' })).toHaveCount(1);
  await event.locator('summary').click();
  const sqlCount = Number(await event.getAttribute('data-sql-count'));
  const reported = s.app.app.devReports().filter((r) => r.kind === 'event' && r.event === 'move').at(-1)!;
  expect(sqlCount).toBe(reported.sqlCount);
  await expect(event.locator('.djust-dev-sql caption')).toContainText(`SQL (${reported.sqlCount},`);
  await expect(event.locator('.djust-dev-sql tbody tr', { hasText: 'update `maintenance_requests`' })).toHaveCount(1);
  await expect(event.locator('table', { hasText: 'columns.requests' })).toBeVisible();
  await expect(event).not.toContainText('e2e-rentals-secret');
  // The panel is fixed to the viewport: a viewport-sized picture shows it as a user sees it.
  await page.screenshot({ path: fileURLToPath(new URL('../../test-results/rentals-maintenance-dev-panel.png', import.meta.url)) });
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
});
