/** Every page of the test apps loads, joins and answers a first interaction without a console error. */
import { test } from 'node:test';
import { expect } from 'playwright/test';
import type { Page } from 'playwright';
import { browserSuite, screenshot } from '../harness/index.js';
import { djangoRoutes, djangoTemplates } from '../apps/django-page.js';
import { liveSessionRoutes } from '../apps/live-session.js';
import { nestedRoutes } from '../apps/nested.js';
import { pagerRoutes } from '../apps/pager.js';
import { recoveryRoutes } from '../apps/recovery.js';

const s = browserSuite((app) => [djangoRoutes, liveSessionRoutes, nestedRoutes, pagerRoutes, recoveryRoutes].forEach((add) => add(app)), {
  templates: [djangoTemplates],
});

const click = (selector: string) => (page: Page) => page.click(selector);
const type = (selector: string, text: string) => async (page: Page) => {
  await page.fill(selector, text);
  await page.press(selector, 'Tab');
};

/** Each page, with a first thing a user does there and what they then see. */
const pages: { path: string; act: (page: Page) => Promise<void>; shows: [string, string] }[] = [
  { path: '/pager', act: click('#to-2'), shows: ['#page', 'page 2'] },
  { path: '/mail/inbox', act: click('#read'), shows: ['#count', 'unread 2'] },
  { path: '/mail/settings', act: click('#to-inbox'), shows: ['#title', 'inbox'] },
  { path: '/board', act: click('#inner-inc'), shows: ['#inner-count', 'inner 1'] },
  { path: '/profile', act: type('#name', 'Ada'), shows: ['#preview', 'Ada:'] },
  { path: '/desk', act: type('#note-text', 'milk'), shows: ['#note-preview', 'note milk'] },
  { path: '/mail/folders', act: click('#work-add'), shows: ['#work-files', 'work 1'] },
  { path: '/greeter', act: click('#wave'), shows: ['#waves', '1 waves'] },
];

for (const { path, act, shows } of pages) {
  // The suite's afterEach fails the test on any console error or uncaught page error.
  test(`${path} loads, joins and answers without a console error`, async () => {
    const { page } = s.tp;
    await s.tp.goto(s.app.url(path));
    await act(page);
    await expect(page.locator(shows[0])).toHaveText(shows[1]);
    await screenshot(page, `console-clean${path.replaceAll('/', '-')}`);
  });
}
