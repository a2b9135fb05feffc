/** A live navigation sets document.title as a full load of the new page would, back and forward included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import { browserSuite, screenshot } from '../harness/index.js';
import { InboxView, SettingsView } from '../apps/live-session.js';
import { documentLoads } from '../apps/page-facts.js';

const s = browserSuite((app) => {
  app.liveSession('titled', [
    ['/mail/inbox', InboxView, { title: 'Inbox & more' }],
    ['/mail/settings', SettingsView, { title: 'Settings' }],
  ]);
});

test('dj-navigate changes document.title to the new page\'s, and back and forward restore each page\'s', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/mail/inbox'));
  await expect(page).toHaveTitle('Inbox & more');
  await page.click('#to-settings');
  await expect(page.locator('#title')).toHaveText('settings');
  await expect(page).toHaveTitle('Settings');
  await page.goBack();
  await expect(page.locator('#title')).toHaveText('inbox');
  await expect(page).toHaveTitle('Inbox & more');
  await page.goForward();
  await expect(page).toHaveTitle('Settings');
  // All of it live: one document load.
  assert.equal((await documentLoads(page)).count, 1);
  await screenshot(page, 'live-title-settings');
});
