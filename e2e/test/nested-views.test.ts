/** Two sibling live views and one nested in one of them share the page's single socket, each with its own state. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import type { Page } from 'playwright';
import { browserSuite, screenshot } from '../harness/index.js';
import { nestedRoutes } from '../apps/nested.js';
import { recordSockets } from '../apps/page-facts.js';

const s = browserSuite(nestedRoutes);

/** The four counts as the user reads them, board first. */
async function counts(page: Page, expected: [string, string, string, string]): Promise<void> {
  const ids = ['#board-count', '#left-count', '#right-count', '#inner-count'];
  await Promise.all(ids.map((id, i) => expect(page.locator(id)).toHaveText(expected[i]!)));
}

test('the board, its two sibling views and the view nested in one of them each update alone, over one WebSocket', async () => {
  const { page } = s.tp;
  const sockets = recordSockets(page);
  await s.tp.goto(s.app.url('/board'));
  // Each view is its own container, joined (the harness waits for every one to be connected).
  await expect(page.locator('[data-dj-view]')).toHaveCount(4);
  await expect(page.locator('#right #inner[data-dj-parent="right"]')).toHaveCount(1);
  await counts(page, ['board 0', 'left 0', 'right 0', 'inner 0']);

  await page.click('#left-inc');
  await counts(page, ['board 0', 'left 1', 'right 0', 'inner 0']);
  await page.click('#inner-inc');
  await page.click('#inner-inc');
  await counts(page, ['board 0', 'left 1', 'right 0', 'inner 2']);
  await page.click('#right-inc');
  await counts(page, ['board 0', 'left 1', 'right 1', 'inner 2']);
  await page.click('#board-inc');
  await counts(page, ['board 1', 'left 1', 'right 1', 'inner 2']);
  // The parent's re-render leaves its children's state alone.
  await page.click('#left-inc');
  await counts(page, ['board 1', 'left 2', 'right 1', 'inner 2']);

  assert.equal(sockets.length, 1, 'one WebSocket for every view of the page');
  assert.deepEqual({ connections: s.app.app.stats().connections, views: s.app.app.stats().views }, { connections: 1, views: 4 });
  await screenshot(page, 'nested-views-board');
});
