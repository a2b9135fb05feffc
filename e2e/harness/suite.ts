/**
 * The usual shape of a browser test file: one browser for the file, one app, and a fresh page
 * per test whose console must stay free of errors.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { App, AppOptions } from '@djust/server';
import type { Browser } from 'playwright';
import { startApp, type TestApp } from './app.js';
import { launchBrowser } from './browser.js';
import { openPage, type TestPage } from './page.js';

export interface Suite {
  /** The app of this file (set once `before` has run). */
  readonly app: TestApp;
  /** This test's page (set in `beforeEach`). */
  readonly tp: TestPage;
}

/** Registers the hooks; call at the top of a test file. */
export function browserSuite(routes: (app: App) => void, options: Partial<AppOptions> = {}): Suite {
  return suiteFor(() => startApp(routes, options));
}

/** The same hooks around an app that `start` serves (and the suite closes after the file). */
export function suiteFor(start: () => Promise<TestApp>): Suite {
  let browser: Browser | undefined;
  let app: TestApp | undefined;
  let tp: TestPage | undefined;
  before(async () => {
    [browser, app] = await Promise.all([launchBrowser(), start()]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    tp = await openPage(browser!);
  });
  afterEach(async () => {
    const errors = tp ? [...tp.errors] : [];
    await tp?.close();
    tp = undefined;
    assert.deepEqual(errors, [], 'the page logged errors');
  });
  return {
    get app() {
      if (!app) throw new Error('the app is not started yet');
      return app;
    },
    get tp() {
      if (!tp) throw new Error('no page: use it inside a test');
      return tp;
    },
  };
}
