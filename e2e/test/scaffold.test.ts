/**
 * The way a new user starts: the scaffolder, run from this repository, makes an app in a
 * temporary folder and installs it. Then the app's own tests, `djust check` and tsc pass on
 * it, `npm start` serves it, and Chromium drives its counter and its book search. The times
 * from scaffold to first page are reported (as test diagnostics).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright';
import { expect } from 'playwright/test';
import { launchBrowser } from '../harness/browser.js';
import { openPage } from '../harness/page.js';
import { runCommand, startServer, type CommandResult, type Server } from '../harness/processes.js';
import { screenshot } from '../harness/screenshot.js';

const BIN = fileURLToPath(new URL('../../packages/create-djust-app/bin/create-djust-app.js', import.meta.url));
// A user's shell has neither this suite's NODE_ENV=test nor the test runner's NODE_TEST_CONTEXT
// (with it, the app's own node --test would report to this runner instead of printing).
const USER_ENV = { ...process.env, NODE_ENV: undefined, NODE_TEST_CONTEXT: undefined };
/** sqlite3 compiles from source on a fresh install: minutes, not seconds. */
const INSTALL_TIMEOUT = 8 * 60_000;

const root = mkdtempSync(join(tmpdir(), 'djust-scaffold-'));
const app = join(root, 'my-app');
let scaffold: CommandResult;
let server: Server | undefined;
let browser: Browser | undefined;
let firstPageMs = 0;

before(
  async () => {
    scaffold = await runCommand(process.execPath, [BIN, app], root, USER_ENV);
    assert.equal(scaffold.code, 0, `${scaffold.stdout}\n${scaffold.stderr}`);
  },
  { timeout: INSTALL_TIMEOUT },
);

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('the scaffolder installs the app and prints the two commands that start it', () => {
  assert.match(scaffold.stdout, /Created my-app in .*my-app \(SQLite, port 8000, djust packages from /);
  assert.match(scaffold.stdout, /Next:\n {2}cd my-app\n {2}npm start\n/);
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.match(manifest.dependencies['@djust/server'], /^file:vendor\/djust\/djust-server-/);
  // The app's @mikro-orm/core is the only one: the tarballs brought no copy of their own.
  const installed = JSON.parse(readFileSync(join(app, 'node_modules/@djust/jit/package.json'), 'utf8')) as { name: string };
  assert.equal(installed.name, '@djust/jit');
  assert.throws(() => readFileSync(join(app, 'node_modules/@djust/server/node_modules/@mikro-orm/core/package.json')), /ENOENT/);
});

test("the app's own tests pass", { timeout: 120_000 }, async () => {
  const r = await runCommand('npm', ['test'], app, USER_ENV);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /# pass 4\n# fail 0/);
});

test('djust check finds no problem in its templates', { timeout: 120_000 }, async () => {
  const r = await runCommand('npm', ['run', 'check'], app, USER_ENV);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /djust check: 3 templates, \d+ entity variables?, 0 problems/);
});

test('the app type-checks with tsc', { timeout: 120_000 }, async () => {
  const r = await runCommand('npm', ['run', 'typecheck'], app, USER_ENV);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
});

test('npm start serves the app and prints its URL; the counter and the book search work in Chromium', { timeout: 180_000 }, async (t) => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer('npm', ['start'], app, /Serving at (http:\/\/localhost:(\d+)\/)/, { ...USER_ENV, PORT: '0' }),
  ]);
  const url = server.match[1];
  const asked = performance.now();
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<output class="count" id="count" aria-live="polite">0<\/output>/);
  firstPageMs = server.ms + (performance.now() - asked);
  const tp = await openPage(browser);
  try {
    await tp.goto(url);
    const p = tp.page;
    await expect(p).toHaveTitle('Counter · my-app');
    await expect(p.locator('#count')).toHaveText('0');
    await p.getByRole('button', { name: 'Increase' }).click();
    await p.getByRole('button', { name: 'Increase' }).click();
    await expect(p.locator('#count')).toHaveText('2');
    await p.getByRole('button', { name: 'Decrease' }).click();
    await expect(p.locator('#count')).toHaveText('1');
    await screenshot(p, 'scaffold-counter');

    await p.getByRole('link', { name: 'Books' }).click();
    await expect(p.getByRole('heading', { name: 'Books' })).toBeVisible();
    await expect(p.locator('.books li')).toHaveCount(11);
    await p.getByLabel('Search by title or author').pressSequentially('le guin');
    await expect(p.locator('.books li')).toHaveCount(3);
    await expect(p.locator('.books li').first()).toHaveText(/A Wizard of Earthsea\s*Ursula K\. Le Guin · 1968/);
    await expect(p).toHaveURL(/\/books\?q=le%20guin$/);
    await screenshot(p, 'scaffold-books');
    await p.getByLabel('Search by title or author').fill('nobody');
    await expect(p.locator('.books li')).toHaveText(['No book matches “nobody”.']);
    assert.deepEqual(tp.errors, []);
  } finally {
    await tp.close();
  }
  t.diagnostic(`scaffold + npm install: ${(scaffold.ms / 1000).toFixed(1)} s; npm start to the first page served: ${(firstPageMs / 1000).toFixed(1)} s; total to the first page: ${((scaffold.ms + firstPageMs) / 1000).toFixed(1)} s`);
});
