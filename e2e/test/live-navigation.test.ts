/** dj-navigate between two views of one live session: no document load, one socket, back and forward. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import { browserSuite, screenshot, waitConnected } from '../harness/index.js';
import { liveSessionRoutes } from '../apps/live-session.js';
import { documentLoads, pathOf, recordSockets } from '../apps/page-facts.js';

const s = browserSuite(liveSessionRoutes);

test('dj-navigate mounts the other view of the live session in the same document, and back and forward move between them', async () => {
  const { page } = s.tp;
  const sockets = recordSockets(page);
  const inbox = s.app.url('/mail/inbox');
  await s.tp.goto(inbox);
  const title = page.locator('#title');
  await expect(title).toHaveText('inbox');
  await page.click('#read');
  await expect(page.locator('#count')).toHaveText('unread 2');

  await page.click('#to-settings');
  await expect(title).toHaveText('settings');
  assert.equal(pathOf(page), '/mail/settings');
  // The new view is live: its events are answered.
  await page.fill('#name', 'grace');
  await page.press('#name', 'Tab');
  await expect(page.locator('#saved')).toHaveText('name grace');
  await screenshot(page, 'live-navigation-settings');

  await page.goBack();
  await expect(title).toHaveText('inbox');
  assert.equal(pathOf(page), '/mail/inbox');
  // A fresh mount of the inbox, live again.
  await expect(page.locator('#count')).toHaveText('unread 3');
  await page.click('#read');
  await expect(page.locator('#count')).toHaveText('unread 2');

  await page.goForward();
  await expect(title).toHaveText('settings');
  assert.equal(pathOf(page), '/mail/settings');
  await page.click('#to-inbox');
  await expect(title).toHaveText('inbox');
  assert.equal(pathOf(page), '/mail/inbox');

  // One document (the first URL), one socket, and one live container on the page throughout.
  assert.deepEqual(await documentLoads(page), { count: 1, first: inbox });
  assert.equal(sockets.length, 1);
  assert.equal(sockets[0]!.isClosed(), false);
  await expect(page.locator('[data-dj-view]')).toHaveCount(1);
  await screenshot(page, 'live-navigation-inbox');
});

test('navigating back to a page with nested views joins them again, each live, and leaving it ends them on the server', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/mail/inbox'));
  const title = page.locator('#title');
  for (const round of [1, 2]) {
    if (round === 1) await page.click('#to-folders');
    else await page.goBack();
    await expect(title).toHaveText('folders');
    await waitConnected(page);
    await page.click('#work-add');
    await page.click('#home-add');
    await page.click('#home-add');
    // A fresh mount each visit: the counts start again from zero.
    await expect(page.locator('#work-files')).toHaveText('work 1');
    await expect(page.locator('#home-files')).toHaveText('home 2');
    await expect.poll(() => s.app.app.stats().views, { message: `round ${round}: the page and its two folders` }).toBe(3);

    await page.click('#to-inbox');
    await expect(title).toHaveText('inbox');
    await page.click('#read');
    await expect(page.locator('#count')).toHaveText('unread 2');
    await expect.poll(() => s.app.app.stats().views, { message: `round ${round}: the folders ended with their page` }).toBe(1);
  }
  await screenshot(page, 'live-navigation-back-to-nested');
});
