/**
 * Live reload in the browser: the template is edited on disk and the page shows the new markup
 * at once, with no document load: the count the user made and the text typed stay.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveView } from '@djust/server';
import { expect } from 'playwright/test';
import { browserSuite, screenshot } from '../harness/index.js';

const dir = mkdtempSync(join(tmpdir(), 'djust-e2e-reload-'));
const template = (heading: string): string =>
  `<div><h1 id="count">${heading} {{ count }}</h1><input id="note" name="note" type="text"><button id="inc" dj-click="increment">+</button></div>`;
writeFileSync(join(dir, 'counter.html'), template('Count:'));

class CounterView extends LiveView {
  static template = 'counter.html';
  static events = ['increment'];
  count = 0;
  increment(): void {
    this.count++;
  }
}

const s = browserSuite((app) => app.live('/counter', CounterView), { templates: [dir], liveReload: true });
after(() => rmSync(dir, { recursive: true, force: true }));

test('a template edited on disk shows in the page without a reload; the count and the typed text stay', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/counter'));
  await page.fill('#note', 'typed before the edit');
  await page.click('#inc');
  await page.click('#inc');
  await expect(page.locator('#count')).toHaveText('Count: 2');
  // A mark on the document: a page load would start a new one without it.
  await page.evaluate(() => Object.assign(window, { beforeEdit: true }));

  writeFileSync(join(dir, 'counter.html'), template('Clicked'));

  await expect(page.locator('#count')).toHaveText('Clicked 2');
  assert.equal(await page.evaluate(() => (window as unknown as { beforeEdit?: boolean }).beforeEdit), true, 'the same document: no reload');
  await expect(page.locator('#note')).toHaveValue('typed before the edit');
  await page.click('#inc');
  await expect(page.locator('#count')).toHaveText('Clicked 3');
  await screenshot(page, 'live-reload-counter');
});
