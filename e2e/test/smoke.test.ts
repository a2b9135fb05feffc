/** The harness itself: a counter page counts on click, with no console error. */
import { test } from 'node:test';
import { LiveView } from '@djust/server';
import { expect } from 'playwright/test';
import { browserSuite, screenshot } from '../harness/index.js';

class CounterView extends LiveView {
  static templateSource = '<div><h1 id="count">Count: {{ count }}</h1><button id="inc" dj-click="increment">+</button></div>';
  static events = ['increment'];
  count = 0;
  increment(): void {
    this.count++;
  }
}

const s = browserSuite((app) => app.live('/counter', CounterView));

test('a click on the counter changes the count the user sees', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/counter'));
  await expect(page.locator('#count')).toHaveText('Count: 0');
  await page.click('#inc');
  await expect(page.locator('#count')).toHaveText('Count: 1');
  await page.click('#inc');
  await expect(page.locator('#count')).toHaveText('Count: 2');
  await screenshot(page, 'smoke-counter');
});
