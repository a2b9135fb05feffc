/**
 * The start command's settings for production: ALLOWED_HOSTS and SECRET_KEY are required with
 * NODE_ENV=production and checked, each mistake stopping the start with one sentence; outside
 * production the app's local hosts and a random secret kept in the checkout serve. And the
 * start itself: `NODE_ENV=production npm start` serves its hosts and refuses others.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { developmentSecret, readSettings, SettingsError } from '../src/settings.js';

const SECRET = 'k'.repeat(32);
const PRODUCTION = { NODE_ENV: 'production', ALLOWED_HOSTS: 'rentals.example.com', SECRET_KEY: SECRET };

test('in production ALLOWED_HOSTS is read as a comma-separated list, Django style, and SECRET_KEY as given', () => {
  const settings = readSettings({ ...PRODUCTION, ALLOWED_HOSTS: ' rentals.example.com, .example.org ,127.0.0.1,[::1],* ' });
  assert.equal(settings.production, true);
  assert.deepEqual(settings.allowedHosts, ['rentals.example.com', '.example.org', '127.0.0.1', '[::1]', '*']);
  assert.equal(settings.secretKey, SECRET);
});

test('in production a missing ALLOWED_HOSTS or SECRET_KEY, a short secret or a malformed host is a SettingsError of one line', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ ALLOWED_HOSTS: '' }, /^ALLOWED_HOSTS is required with NODE_ENV=production: the host names the site answers, comma-separated/],
    [{ SECRET_KEY: '' }, /^SECRET_KEY is required with NODE_ENV=production: a random string of at least 32 characters/],
    [{ SECRET_KEY: 'k'.repeat(31) }, /^SECRET_KEY must be at least 32 characters long, not 31$/],
    [{ ALLOWED_HOSTS: 'https://rentals.example.com' }, /^ALLOWED_HOSTS must list host names separated by commas \(no scheme, port or path\), not "https:\/\/rentals.example.com"$/],
    [{ ALLOWED_HOSTS: 'rentals.example.com:8000' }, /not "rentals.example.com:8000"$/],
    [{ ALLOWED_HOSTS: 'a.example.com,,b.example.com' }, /not ""$/],
  ];
  for (const [change, message] of cases) {
    assert.throws(() => readSettings({ ...PRODUCTION, ...change }), (e: unknown) => e instanceof SettingsError && message.test(e.message) && !e.message.includes('\n'), JSON.stringify(change));
  }
});

test('outside production neither is required: the app keeps its local hosts, and a given secret is still checked', () => {
  const settings = readSettings({ NODE_ENV: 'development' });
  assert.equal(settings.production, false);
  assert.equal(settings.allowedHosts, undefined);
  assert.equal(settings.secretKey, undefined);
  assert.deepEqual(readSettings({ ALLOWED_HOSTS: 'box.local' }).allowedHosts, ['box.local']);
  assert.throws(() => readSettings({ SECRET_KEY: 'short' }), (e: unknown) => e instanceof SettingsError && e.message === 'SECRET_KEY must be at least 32 characters long, not 5');
});

test('the development secret is random, made once per folder, kept readable by its owner only and reused', () => {
  const a = mkdtempSync(join(tmpdir(), 'rentals-secret-'));
  const b = mkdtempSync(join(tmpdir(), 'rentals-secret-'));
  try {
    const first = developmentSecret(join(a, 'cache'));
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(developmentSecret(join(a, 'cache')), first, 'the next start reuses it');
    assert.equal(readFileSync(join(a, 'cache', 'secret'), 'utf8').trim(), first);
    assert.equal(statSync(join(a, 'cache', 'secret')).mode & 0o777, 0o600);
    assert.notEqual(developmentSecret(b), first, 'another checkout has its own');
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

const APP = fileURLToPath(new URL('..', import.meta.url));

/** GET `path` with a Host header of our choosing (fetch does not let one set it). */
function getWithHost(port: number, path: string, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

test('NODE_ENV=production npm start: without SECRET_KEY it stops with the sentence; with both it serves its hosts only', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rentals-production-'));
  const start = (env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: APP,
      env: { ...process.env, PORT: '0', DATABASE_URL: join(dir, 'p.sqlite'), RENTALS_SEED_SCALE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((ok) => child.once('exit', ok));
    return { child, output: () => output, exited };
  };
  try {
    const refused = start({ NODE_ENV: 'production', ALLOWED_HOSTS: 'localhost', SECRET_KEY: '' });
    assert.equal(await refused.exited, 1);
    assert.match(refused.output(), /^Rentals did not start: SECRET_KEY is required with NODE_ENV=production/m);
    assert.doesNotMatch(refused.output(), /at .*\.ts:\d+/, 'no stack trace, only the sentence');

    const s = start({ NODE_ENV: 'production', ALLOWED_HOSTS: 'localhost,rentals.example.com', SECRET_KEY: SECRET });
    try {
      const url = await new Promise<string>((ok, fail) => {
        s.child.stdout.on('data', () => {
          const found = /running at (http:\/\/\S+)/.exec(s.output());
          if (found) ok(found[1]);
        });
        void s.exited.then((code) => fail(new Error(`exited (${String(code)}) before serving:\n${s.output()}`)));
      });
      const port = Number(new URL(url).port);
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.doesNotMatch(await page.text(), /djust-dev/, 'no development panel in production');
      assert.equal(await getWithHost(port, '/rentals', 'rentals.example.com'), 200);
      assert.equal(await getWithHost(port, '/rentals', 'evil.example'), 400, 'a host not in ALLOWED_HOSTS is refused');
    } finally {
      s.child.kill('SIGINT');
      assert.equal(await s.exited, 0, s.output());
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
