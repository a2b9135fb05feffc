/** dj-patch links change the URL and the view's state in place; back and forward replay them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import { browserSuite, screenshot } from '../harness/index.js';
import { pagerRoutes } from '../apps/pager.js';
import { documentLoads, pathOf } from '../apps/page-facts.js';

const s = browserSuite(pagerRoutes);

test('back and forward after dj-patch links bring back each URL and its page, without a remount or a page load', async () => {
  const { page } = s.tp;
  const page1 = s.app.url('/pager');
  await s.tp.goto(page1);
  const heading = page.locator('#page');
  await expect(heading).toHaveText('page 1');

  await page.click('#to-2');
  await expect(heading).toHaveText('page 2');
  assert.equal(pathOf(page), '/pager?page=2');
  await page.click('#to-3');
  await expect(heading).toHaveText('page 3');
  assert.equal(pathOf(page), '/pager?page=3');

  await page.goBack();
  await expect(heading).toHaveText('page 2');
  assert.equal(pathOf(page), '/pager?page=2');
  await page.goBack();
  await expect(heading).toHaveText('page 1');
  assert.equal(pathOf(page), '/pager');
  await page.goForward();
  await expect(heading).toHaveText('page 2');
  assert.equal(pathOf(page), '/pager?page=2');
  await page.goForward();
  await expect(heading).toHaveText('page 3');
  assert.equal(pathOf(page), '/pager?page=3');

  // The same view instance all along, in the one document first loaded.
  await expect(page.locator('#mounts')).toHaveText('mounts 1');
  assert.deepEqual(await documentLoads(page), { count: 1, first: page1 });
  await screenshot(page, 'patch-history-pager');
});
