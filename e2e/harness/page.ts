/**
 * A fresh browser context and page per test, recording every console error and uncaught page
 * error, so each test can assert the page stayed clean.
 */
import type { Browser, BrowserContext, Page } from 'playwright';

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far, as text. */
  errors: string[];
  /**
   * Stops recording console errors matching `pattern`: for a test that makes them happen on
   * purpose (a server it kills refuses the client's reconnect attempts).
   */
  allowConsoleErrors(pattern: RegExp): void;
  /** Loads `url` and waits until every live view container on it has joined. */
  goto(url: string): Promise<void>;
  close(): Promise<void>;
}

/** Resolves once every `[data-dj-view]` container carries `dj-connected`. */
export async function waitConnected(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const views = document.querySelectorAll('[data-dj-view]');
    return views.length > 0 && [...views].every((v) => v.classList.contains('dj-connected'));
  });
}

export async function openPage(browser: Browser): Promise<TestPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    // Chromium asks every origin for /favicon.ico on its own; the test apps serve none.
    if (new URL(where || 'about:blank').pathname === '/favicon.ico') return;
    const text = `console: ${message.text()} (${where})`;
    if (!allowed.some((pattern) => pattern.test(text))) errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return {
    page,
    context,
    errors,
    allowConsoleErrors: (pattern) => void allowed.push(pattern),
    async goto(url) {
      await page.goto(url);
      await waitConnected(page);
    },
    close: () => context.close(),
  };
}
