/**
 * A dj-hook's lifecycle in the browser: mounted at join, beforeUpdate/updated around a patch
 * that changes its element (and not around one that does not), disconnected/reconnected with
 * the socket, destroyed when its element goes; pushEvent reaches the view and resolves with the
 * answer, and the server's pushEvent reaches handleEvent and window.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LiveView } from '@djust/server';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { browserSuite, screenshot } from '../harness/index.js';

class HookedView extends LiveView {
  static templateSource =
    '<div>{% if shown %}<div id="probe" dj-hook="Probe">n={{ n }}</div>{% endif %}' +
    '<p id="greeted">{{ greeted }}</p><p id="other">{{ other }}</p>' +
    '<button id="bump" dj-click="bump">bump</button><button id="touch" dj-click="touch">touch</button>' +
    '<button id="shout" dj-click="shout">shout</button><button id="remove" dj-click="remove">remove</button>' +
    '<button id="restore" dj-click="restore">restore</button></div>';
  static events = ['hello', 'bump', 'touch', 'shout', 'remove', 'restore'];
  shown = true;
  n = 0;
  other = 0;
  greeted = 'nobody';
  hello({ from }: { from: string }): { hi: string } {
    this.greeted = from;
    return { hi: from };
  }
  bump(): void {
    this.n++;
  }
  touch(): void {
    this.other++;
  }
  shout(): void {
    this.pushEvent('ping', { n: 7 });
  }
  remove(): void {
    this.shown = false;
  }
  restore(): void {
    this.shown = true;
    this.greeted = 'nobody';
  }
}

const s = browserSuite((app) => app.live('/hooks', HookedView));

/** A hook that writes each callback to window.hookLog, loaded before the client. */
const PROBE = fileURLToPath(new URL('pages/probe-hook.js', import.meta.url));

const hookLog = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { hookLog: string[] }).hookLog);

/** Waits until the hook has logged `line`, then returns the whole log. */
async function logged(page: Page, line: string): Promise<string[]> {
  await page.waitForFunction((l) => (window as unknown as { hookLog: string[] }).hookLog.includes(l), line);
  return hookLog(page);
}

test('a hook is mounted, updated around patches of its element, talks both ways, and is destroyed', async () => {
  const { page } = s.tp;
  await page.addInitScript({ path: PROBE });
  await s.tp.goto(s.app.url('/hooks'));

  // mounted, and its pushEvent reaches the view and is answered.
  await expect(page.locator('#greeted')).toHaveText('probe');
  assert.deepEqual(await logged(page, 'answered'), ['mounted:probe', 'answered']);

  // A patch elsewhere leaves the hook alone.
  await page.click('#touch');
  await expect(page.locator('#other')).toHaveText('1');
  assert.equal((await hookLog(page)).length, 2);

  // A patch that changes the element: beforeUpdate sees the old content, updated the new.
  await page.click('#bump');
  assert.deepEqual((await logged(page, 'updated:n=1')).slice(2), ['beforeUpdate:n=0', 'updated:n=1']);

  // The server's pushEvent reaches handleEvent and the window.
  await page.click('#shout');
  await logged(page, 'window:7');
  assert.deepEqual((await logged(page, 'ping:7')).slice(4).sort(), ['ping:7', 'window:7']);
  await screenshot(page, 'hooks');

  // The element goes: destroyed.
  await page.click('#remove');
  await expect(page.locator('#probe')).toHaveCount(0);
  assert.deepEqual((await logged(page, 'destroyed')).slice(6), ['destroyed']);

  // An element that arrives in a patch gets a fresh hook, mounted and talking.
  await page.click('#restore');
  await expect(page.locator('#greeted')).toHaveText('probe');
  const lines = await logged(page, 'answered');
  assert.deepEqual(lines.slice(7).filter((l) => l !== 'answered'), ['mounted:probe']);
  assert.equal(lines.filter((l) => l === 'answered').length, 2);
});

test('a hook hears the socket drop and come back, and stays mounted', async () => {
  const { page } = s.tp;
  await page.addInitScript({ path: PROBE });
  await s.tp.goto(s.app.url('/hooks'));
  await logged(page, 'answered');

  // While the server is down, a reconnect attempt is refused, and Chromium logs that.
  s.tp.allowConsoleErrors(/WebSocket connection to .* failed/);
  await s.app.stop();
  await logged(page, 'disconnected');
  await s.app.start();
  const lines = await logged(page, 'reconnected');
  await expect(page.locator('[data-dj-view]')).toHaveClass(/\bdj-connected\b/);
  const after = lines.slice(lines.indexOf('disconnected'));
  assert.deepEqual(after.filter((l) => !l.startsWith('beforeUpdate') && !l.startsWith('updated')), ['disconnected', 'reconnected'], 'not destroyed nor mounted again');

  // Still live after the rejoin: a patch reaches it.
  await page.click('#bump');
  await logged(page, 'updated:n=1');
});
