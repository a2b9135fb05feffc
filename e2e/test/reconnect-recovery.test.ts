/** The server dies mid-edit and comes back on the same port: the client reconnects and the form's typed values return. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import type { Browser } from 'playwright';
import { launchBrowser, openPage, screenshot, waitConnected } from '../harness/index.js';
import { recoveryRoutes } from '../apps/recovery.js';
import { recordSockets } from '../apps/page-facts.js';
import { restartable, type Restartable } from '../apps/restart.js';

let browser: Browser;
let server: Restartable;

before(async () => {
  [browser, server] = await Promise.all([launchBrowser(), restartable(recoveryRoutes)]);
});
after(async () => {
  await browser.close();
  await server.close();
});

test('killing the server mid-edit and starting it again restores what was typed, before and during the outage, and the view', async () => {
  const tp = await openPage(browser);
  try {
    const { page } = tp;
    await tp.goto(server.url('/profile'));
    const root = page.locator('#dj-root');
    await page.fill('#name', 'Ada');
    await page.press('#name', 'Tab');
    await expect(page.locator('#preview')).toHaveText('Ada:');

    const sockets = recordSockets(page);
    await server.kill();
    await expect(root).toHaveClass(/\bdj-error\b/);
    // Still typing while the server is away.
    await page.fill('#name', 'Ada Lovelace');
    await page.press('#name', 'Tab');
    await page.fill('#bio', 'first programmer');
    await page.press('#bio', 'Tab');

    // The client keeps trying while the server is away: wait for a refused attempt.
    await expect.poll(() => sockets.filter((ws) => ws.isClosed()).length).toBeGreaterThan(0);
    await server.start();
    // Reconnect backoff grows from 0.25-0.5 s; a few attempts fit well inside this.
    await expect(root).toHaveClass(/\bdj-connected\b/, { timeout: 15_000 });
    await waitConnected(page);
    // The fresh server's view got the form back through formRecovery and renders it.
    await expect(page.locator('#recovered')).toHaveText('recovered 1');
    await expect(page.locator('#preview')).toHaveText('Ada Lovelace: first programmer');
    await expect(page.locator('#name')).toHaveValue('Ada Lovelace');
    await expect(page.locator('#bio')).toHaveValue('first programmer');
    await screenshot(page, 'reconnect-recovery-profile');
    // Chromium logs each refused attempt itself: that is the outage showing, the only error allowed.
    const refused = `console: WebSocket connection to '${server.url('/djust/socket').replace(/^http/, 'ws')}' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED`;
    assert.deepEqual(tp.errors.filter((e) => !e.startsWith(refused)), []);
  } finally {
    await tp.close();
  }
});
