/** The server dies and comes back on the same port: the client reconnects, and forms, views and URLs return. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import type { Browser, Page } from 'playwright';
import { launchBrowser, openPage, screenshot, waitConnected, type TestPage } from '../harness/index.js';
import { liveSessionRoutes } from '../apps/live-session.js';
import { nestedRoutes } from '../apps/nested.js';
import { recordSockets } from '../apps/page-facts.js';
import { pagerRoutes } from '../apps/pager.js';
import { recoveryRoutes } from '../apps/recovery.js';
import { restartable, type Restartable } from '../apps/restart.js';

let browser: Browser;
let server: Restartable;

before(async () => {
  const routes = [recoveryRoutes, liveSessionRoutes, pagerRoutes, nestedRoutes];
  [browser, server] = await Promise.all([launchBrowser(), restartable((app) => routes.forEach((add) => add(app)))]);
});
after(async () => {
  await browser.close();
  await server.close();
});

/** Runs `body` on a fresh page; afterwards the page must have logged no error but the outage's own. */
async function onPage(body: (tp: TestPage) => Promise<void>): Promise<void> {
  const tp = await openPage(browser);
  try {
    await body(tp);
    // Chromium logs each refused reconnect attempt itself: that is the outage showing, the only error allowed.
    const refused = `console: WebSocket connection to '${server.url('/djust/socket').replace(/^http/, 'ws')}' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED`;
    assert.deepEqual(tp.errors.filter((e) => !e.startsWith(refused)), []);
  } finally {
    await tp.close();
  }
}

/** Kills the server, runs `meanwhile`, waits for the client to be refused once, and starts the server again. */
async function outage(page: Page, meanwhile: () => Promise<void> = async () => {}): Promise<void> {
  const sockets = recordSockets(page);
  const root = page.locator('[data-dj-view]:not([data-dj-parent])');
  await server.kill();
  await expect(root).toHaveClass(/\bdj-error\b/);
  await meanwhile();
  // The client keeps trying while the server is away.
  await expect.poll(() => sockets.filter((ws) => ws.isClosed()).length).toBeGreaterThan(0);
  await server.start();
  // Backoff grows from 0.25-0.5 s; a few attempts fit well inside this.
  await expect(root).toHaveClass(/\bdj-connected\b/, { timeout: 15_000 });
  await waitConnected(page);
}

test('killing the server mid-edit and starting it again restores what was typed, before and during the outage, and the view', async () => {
  await onPage(async (tp) => {
    const { page } = tp;
    await tp.goto(server.url('/profile'));
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
    // The fresh server's view got the form back through formRecovery and renders it.
    await expect(page.locator('#recovered')).toHaveText('recovered 1');
    await expect(page.locator('#preview')).toHaveText('Ada Lovelace: first programmer');
    await expect(page.locator('#name')).toHaveValue('Ada Lovelace');
    await expect(page.locator('#bio')).toHaveValue('first programmer');
    await screenshot(page, 'reconnect-recovery-profile');
  });
});

test('a second restart, with nothing typed since the first, restores the form again', async () => {
  await onPage(async (tp) => {
    const { page } = tp;
    await tp.goto(server.url('/profile'));
    await page.fill('#name', 'Grace');
    await page.press('#name', 'Tab');
    await expect(page.locator('#preview')).toHaveText('Grace:');
    for (const restart of [1, 2]) {
      await outage(page);
      // Each fresh server has forgotten the form; the page still holds it and sends it back.
      await expect(page.locator('#recovered'), `restart ${restart}`).toHaveText('recovered 1');
      await expect(page.locator('#preview'), `restart ${restart}`).toHaveText('Grace:');
      await expect(page.locator('#name'), `restart ${restart}`).toHaveValue('Grace');
    }
  });
});

test("a nested view's form comes back into that view after a restart", async () => {
  await onPage(async (tp) => {
    const { page } = tp;
    await tp.goto(server.url('/desk'));
    await page.fill('#note-text', 'milk');
    await page.press('#note-text', 'Tab');
    await expect(page.locator('#note-preview')).toHaveText('note milk');
    await outage(page);
    await expect(page.locator('#note-recovered')).toHaveText('note recovered 1');
    await expect(page.locator('#note-preview')).toHaveText('note milk');
    await expect(page.locator('#note-text')).toHaveValue('milk');
  });
});

test('after a live navigation, a restart rejoins the view navigated to, which stays live and navigable', async () => {
  await onPage(async (tp) => {
    const { page } = tp;
    await tp.goto(server.url('/mail/inbox'));
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
});

test('after a dj-patch, a restart rejoins at the patched URL, and history still works', async () => {
  await onPage(async (tp) => {
    const { page } = tp;
    await tp.goto(server.url('/pager'));
    await page.click('#to-2');
    await expect(page.locator('#page')).toHaveText('page 2');
    await outage(page);
    await expect(page.locator('#page')).toHaveText('page 2');
    await page.click('#to-3');
    await expect(page.locator('#page')).toHaveText('page 3');
    await page.goBack();
    await expect(page.locator('#page')).toHaveText('page 2');
  });
});

test('a restart rejoins the sibling and nested views too, each live on its own again', async () => {
  await onPage(async (tp) => {
    const { page } = tp;
    await tp.goto(server.url('/board'));
    await page.click('#inner-inc');
    await expect(page.locator('#inner-count')).toHaveText('inner 1');
    await outage(page);
    // A fresh server: every view mounted again from scratch, and each answers its own events.
    await expect(page.locator('#inner-count')).toHaveText('inner 0');
    await page.click('#inner-inc');
    await page.click('#left-inc');
    await expect(page.locator('#inner-count')).toHaveText('inner 1');
    await expect(page.locator('#left-count')).toHaveText('left 1');
    await expect(page.locator('#right-count')).toHaveText('right 0');
    await expect(page.locator('[data-dj-view]')).toHaveCount(4);
  });
});
