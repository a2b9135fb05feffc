/**
 * The start command's path (src/main.ts, what `npm start` runs): on a fresh file it migrates,
 * seeds at RENTALS_SEED_SCALE and serves the URL it prints; a restart reuses the file; Ctrl-C
 * stops it cleanly; bad settings stop it with a sentence.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const APP = fileURLToPath(new URL('..', import.meta.url));
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rentals-start-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  /** Its exit code. */
  exited: Promise<number | null>;
}

interface Started extends Run {
  /** The URL the start printed. */
  url: string;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: APP,
    env: { ...process.env, PORT: '0', DATABASE_URL: join(dir, 'start.sqlite'), RENTALS_SEED_SCALE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, output: () => text, exited };
}

/** Starts the app and waits for the line with its URL (or its exit, which fails the test). */
async function start(env: Record<string, string> = {}): Promise<Started> {
  const r = run(env);
  const url = await new Promise<string>((ok, fail) => {
    const look = (): void => {
      const found = /running at (http:\/\/\S+)/.exec(r.output());
      if (found) ok(found[1]);
    };
    r.child.stdout!.on('data', look);
    void r.exited.then((code) => fail(new Error(`the app exited (${String(code)}) before serving:\n${r.output()}`)));
  });
  return { ...r, url };
}

async function stop(s: Started): Promise<number | null> {
  s.child.kill('SIGINT');
  return s.exited;
}

test('a first start migrates, seeds at RENTALS_SEED_SCALE and serves /rentals at the localhost URL it prints; Ctrl-C stops it', { timeout: 120_000 }, async () => {
  const s = await start({ RENTALS_SEED_SCALE: '2' });
  try {
    assert.match(s.output(), /Migrated: applied Migration\d+_initial_schema/);
    assert.match(s.output(), /Seeded 8,300 rows: 100 properties, 400 tenants \(with their users\), 600 leases, 6,000 payments, 800 maintenance requests/);
    assert.match(s.url, /^http:\/\/localhost:\d+\/rentals$/);
    const page = await fetch(s.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Dashboard · Rentals<\/title>/);
    const root = await fetch(new URL('/', s.url), { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/rentals');
  } finally {
    assert.equal(await stop(s), 0, s.output());
  }
  assert.match(s.output(), /Stopped\./);
});

test('a second start on the same file neither migrates nor seeds', { timeout: 120_000 }, async () => {
  const s = await start({ RENTALS_SEED_SCALE: '2' });
  try {
    assert.match(s.output(), /Migrations: none pending/);
    assert.match(s.output(), /Reused the existing data \(400 users\): nothing seeded/);
    assert.doesNotMatch(s.output(), /Seeded/);
    assert.equal((await fetch(s.url)).status, 200);
  } finally {
    assert.equal(await stop(s), 0, s.output());
  }
});

test('a bad PORT or RENTALS_SEED_SCALE stops the start with a sentence naming it, and creates no database', { timeout: 120_000 }, async () => {
  for (const [env, message] of [
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535, not "eighty"/],
    [{ RENTALS_SEED_SCALE: '0' }, /RENTALS_SEED_SCALE must be a whole number from 1 to 1000, not "0"/],
  ] as const) {
    const r = run({ ...env, DATABASE_URL: join(dir, 'never.sqlite') });
    assert.equal(await r.exited, 1);
    assert.match(r.output(), message);
    assert.doesNotMatch(r.output(), /at .*\.ts:\d+/, 'no stack trace, only the sentence');
  }
  assert.equal(existsSync(join(dir, 'never.sqlite')), false);
});
