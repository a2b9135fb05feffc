/**
 * Constant queries: the dashboard and the properties list (its first render, its join, a page
 * change and a search) run the same number of SQL statements with the default seed and with
 * one ten times larger. The counts are read from the development panel in the page; when one
 * differs, the message lists the statements of both runs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright';
import { expect } from 'playwright/test';
import { screenshot, startRentals, type RentalsApp } from '../../harness/index.js';
import { launchBrowser } from '../../harness/browser.js';
import { openPage } from '../../harness/page.js';

/** A step's statements: the panel's count, and the texts (from the app's test hook) for the message. */
interface Step {
  name: string;
  sqlCount: number;
  sql: string[];
}

/** At most this many statements for any one render of these pages. */
const SMALL = 12;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const newestId = (page: Page): Promise<number> => page.locator('#djust-dev .djust-dev-entry').first().getAttribute('data-id').then(Number);

/** The panel's entries newer than `since`, oldest first, once the page has settled on `settled`. */
async function entriesAfter(app: RentalsApp, page: Page, since: number, name: string): Promise<Step[]> {
  const items = await page.locator('#djust-dev .djust-dev-entry').evaluateAll((els) =>
    els.map((el) => ({ id: Number(el.getAttribute('data-id')), kind: el.getAttribute('data-kind'), event: el.getAttribute('data-event'), sqlCount: Number(el.getAttribute('data-sql-count')) })),
  );
  const reports = new Map(app.app.devReports().map((r) => [r.id, r]));
  return items
    .filter((e) => e.id > since)
    .reverse()
    .map((e) => ({ name: `${name}: ${e.kind}${e.event ? ` ${e.event}` : ''}`, sqlCount: e.sqlCount, sql: reports.get(e.id)?.sql.map((q) => q.sql) ?? [] }));
}

/** Loads a page: its HTTP render and its join, as the panel lists them. */
async function visit(app: RentalsApp, page: Page, load: () => Promise<void>, name: string): Promise<Step[]> {
  await load();
  const entries = page.locator('#djust-dev .djust-dev-entry');
  await expect(entries.first()).toHaveAttribute('data-kind', 'join');
  const http = Number(await entries.nth(1).getAttribute('data-id'));
  return entriesAfter(app, page, http - 1, name);
}

/** Does `act`, waits until it has changed the URL and the panel has its operations, and returns them. */
async function step(app: RentalsApp, page: Page, name: string, act: () => Promise<void>): Promise<Step[]> {
  const since = await newestId(page);
  const url = page.url();
  await act();
  await expect.poll(() => page.url()).not.toBe(url);
  await expect.poll(() => newestId(page)).toBeGreaterThan(since);
  await page.waitForFunction(() => !document.querySelector('.dj-event-loading'));
  return entriesAfter(app, page, since, name);
}

async function measure(scale: number): Promise<Step[]> {
  const app = await startRentals({ scale, app: { devPanel: true } });
  const tp = await openPage(browser);
  const { page } = tp;
  try {
    const steps: Step[] = [];
    steps.push(...(await visit(app, page, () => tp.goto(app.url('/rentals')), 'dashboard')));
    steps.push(...(await visit(app, page, () => tp.goto(app.url('/rentals/properties')), 'properties')));
    steps.push(...(await step(app, page, 'properties page 2', () => page.locator('main .pagination').getByRole('link', { name: /next|^2$/i }).first().click())));
    steps.push(...(await step(app, page, 'properties search', () => page.locator('main input[type="search"]').first().fill('Oak'))));
    await screenshot(page, `rentals-query-counts-scale-${scale}`);
    assert.deepEqual(tp.errors, [], 'the page logged errors');
    return steps;
  } finally {
    await tp.close();
    await app.close();
  }
}

test('the dashboard and the properties list run as many statements with ten times the data, and few', async () => {
  const small = await measure(1);
  const large = await measure(10);
  const describe = (steps: Step[]): string => steps.map((s) => `${s.name}: ${s.sqlCount}\n    ${s.sql.join('\n    ')}`).join('\n');
  assert.deepEqual(
    large.map((s) => [s.name, s.sqlCount]),
    small.map((s) => [s.name, s.sqlCount]),
    `statement counts differ between scale 1 and scale 10:\n-- scale 1\n${describe(small)}\n-- scale 10\n${describe(large)}`,
  );
  for (const s of small) assert.ok(s.sqlCount > 0 && s.sqlCount <= SMALL, `${s.name} runs ${s.sqlCount} statements:\n${describe([s])}`);
  assert.ok(small.some((s) => s.name.startsWith('properties search')), 'the search ran');
});
