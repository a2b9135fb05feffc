/** The server dies and comes back on the same port: the client reconnects, and forms, views and URLs return. */
import { test } from 'node:test';
import { expect } from 'playwright/test';
import type { Page } from 'playwright';
import { browserSuite, screenshot, waitConnected, type TestPage } from '../harness/index.js';
import { liveSessionRoutes } from '../apps/live-session.js';
import { nestedRoutes } from '../apps/nested.js';
import { recordSockets } from '../apps/page-facts.js';
import { pagerRoutes } from '../apps/pager.js';
import { recoveryRoutes } from '../apps/recovery.js';

const s = browserSuite((app) => [recoveryRoutes, liveSessionRoutes, pagerRoutes, nestedRoutes].forEach((add) => add(app)));

/** A fresh page (the suite checks its console at the end) that may log the outage's own errors. */
function onPage(): TestPage {
  // Chromium logs each refused reconnect attempt itself: that is the outage showing, the only error allowed.
  s.tp.allowConsoleErrors(/^console: WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/djust\/socket' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED /);
  return s.tp;
}

/** Kills the server, runs `meanwhile`, waits for the client to be refused once, and starts the server again. */
async function outage(page: Page, meanwhile: () => Promise<void> = async () => {}): Promise<void> {
  const sockets = recordSockets(page);
  const root = page.locator('[data-dj-view]:not([data-dj-parent])');
  await s.app.stop();
  await expect(root).toHaveClass(/\bdj-error\b/);
  await meanwhile();
  // The client keeps trying while the server is away.
  await expect.poll(() => sockets.filter((ws) => ws.isClosed()).length).toBeGreaterThan(0);
  await s.app.start();
  // Backoff grows from 0.25-0.5 s; a few attempts fit well inside this.
  await expect(root).toHaveClass(/\bdj-connected\b/, { timeout: 15_000 });
  await waitConnected(page);
}

test('killing the server mid-edit and starting it again restores what was typed, before and during the outage, and the view', async () => {
  const tp = onPage();
  const { page } = tp;
  await tp.goto(s.app.url('/profile'));
  await page.fill('#name', 'Ada');
  await page.press('#name', 'Tab');
  await expect(page.locator('#preview')).toHaveText('Ada:');

  await outage(page, async () => {
    // Still typing while the server is away.
    await page.fill('#name', 'Ada Lovelace');
    await page.press('#name', 'Tab');
    await page.fill('#bio', 'first programmer');
    await page.press('#bio', 'Tab');
  });
  // The restarted server's new view got the form back through formRecovery and renders it.
  await expect(page.locator('#recovered')).toHaveText('recovered 1');
  await expect(page.locator('#preview')).toHaveText('Ada Lovelace: first programmer');
  await expect(page.locator('#name')).toHaveValue('Ada Lovelace');
  await expect(page.locator('#bio')).toHaveValue('first programmer');
  await screenshot(page, 'reconnect-recovery-profile');
});

test('a second restart, with nothing typed since the first, restores the form again', async () => {
  const tp = onPage();
  const { page } = tp;
  await tp.goto(s.app.url('/profile'));
  await page.fill('#name', 'Grace');
  await page.press('#name', 'Tab');
  await expect(page.locator('#preview')).toHaveText('Grace:');
  for (const restart of [1, 2]) {
    await outage(page);
    // Each restart has ended the view and its state; the page still holds it and sends it back.
    await expect(page.locator('#recovered'), `restart ${restart}`).toHaveText('recovered 1');
    await expect(page.locator('#preview'), `restart ${restart}`).toHaveText('Grace:');
    await expect(page.locator('#name'), `restart ${restart}`).toHaveValue('Grace');
  }
});

test("a nested view's form comes back into that view after a restart", async () => {
  const tp = onPage();
  const { page } = tp;
  await tp.goto(s.app.url('/desk'));
  await page.fill('#note-text', 'milk');
  await page.press('#note-text', 'Tab');
  await expect(page.locator('#note-preview')).toHaveText('note milk');
  await outage(page);
  await expect(page.locator('#note-recovered')).toHaveText('note recovered 1');
  await expect(page.locator('#note-preview')).toHaveText('note milk');
  await expect(page.locator('#note-text')).toHaveValue('milk');
});

test('after a live navigation, a restart rejoins the view navigated to, which stays live and navigable', async () => {
  const tp = onPage();
  const { page } = tp;
  await tp.goto(s.app.url('/mail/inbox'));
  await page.click('#to-settings');
  await expect(page.locator('#title')).toHaveText('settings');
  await outage(page);
  await expect(page.locator('#title')).toHaveText('settings');
  await page.fill('#name', 'zed');
  await page.press('#name', 'Tab');
  await expect(page.locator('#saved')).toHaveText('name zed');
  await page.click('#to-inbox');
  await expect(page.locator('#title')).toHaveText('inbox');
  await page.goBack();
  await expect(page.locator('#title')).toHaveText('settings');
});

test('after a dj-patch, a restart rejoins at the patched URL, and history still works', async () => {
  const tp = onPage();
  const { page } = tp;
  await tp.goto(s.app.url('/pager'));
  await page.click('#to-2');
  await expect(page.locator('#page')).toHaveText('page 2');
  await outage(page);
  await expect(page.locator('#page')).toHaveText('page 2');
  await page.click('#to-3');
  await expect(page.locator('#page')).toHaveText('page 3');
  await page.goBack();
  await expect(page.locator('#page')).toHaveText('page 2');
});

test('a restart rejoins the sibling and nested views too, each live on its own again', async () => {
  const tp = onPage();
  const { page } = tp;
  await tp.goto(s.app.url('/board'));
  await page.click('#inner-inc');
  await expect(page.locator('#inner-count')).toHaveText('inner 1');
  await outage(page);
  // After the restart every view mounted again from scratch, and each answers its own events.
  await expect(page.locator('#inner-count')).toHaveText('inner 0');
  await page.click('#inner-inc');
  await page.click('#left-inc');
  await expect(page.locator('#inner-count')).toHaveText('inner 1');
  await expect(page.locator('#left-count')).toHaveText('left 1');
  await expect(page.locator('#right-count')).toHaveText('right 0');
  await expect(page.locator('[data-dj-view]')).toHaveCount(4);
});
