/** Sockets that never join, too many sockets from one address, and a client hammering bad frames. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Duplex } from 'node:stream';
import { LiveClient } from '../src/testing/index.js';
import { withApp, type Running } from './fixtures/app.js';
import { recordingLogger } from './fixtures/recording-logger.js';

/**
 * Resolves once the server has seen its side of the first WebSocket opened from now on close.
 * The app's own listeners came first, so by then it has done its bookkeeping.
 */
function nextSocketClosed(r: Running): Promise<void> {
  return new Promise((resolve) => r.server.server.once('upgrade', (_req, socket: Duplex) => socket.once('close', () => resolve())));
}

test('a socket that upgrades but never joins is closed after the join timeout; a joined one stays', async () => {
  await withApp(
    async (r) => {
      const joined = await r.connect('/counter');
      const idle = await LiveClient.open(r.server.url, '/counter');
      // The joined socket's deadline came first: had its timer survived the join, it would be closed by now.
      assert.equal(await idle.whenClosed(), 4408);
      await joined.click('button[dj-click=increment]');
      assert.match(joined.html(), /Count: 1/);
    },
    // Long enough for the first client to load its page and join on a busy machine.
    { joinTimeoutMs: 1000 },
  );
});

test('open sockets per IP are capped; a closed one frees its place', async () => {
  await withApp(
    async (r) => {
      const freed = nextSocketClosed(r);
      const a = await LiveClient.open(r.server.url, '/counter');
      const b = await LiveClient.open(r.server.url, '/counter');
      await assert.rejects(LiveClient.open(r.server.url, '/counter'), /upgrade refused: 429/);
      await a.close();
      await freed;
      const c = await LiveClient.open(r.server.url, '/counter');
      await Promise.all([b.close(), c.close()]);
    },
    { socketsPerIp: { max: 2, exemptLoopback: false } },
  );
});

test('by default loopback is exempt from the per-IP cap, so a local load test can open many sockets', async () => {
  await withApp(
    async (r) => {
      const clients = await Promise.all(Array.from({ length: 12 }, () => LiveClient.open(r.server.url, '/counter')));
      assert.equal(r.app.stats().connections, 12);
      await Promise.all(clients.map((c) => c.close()));
    },
    { socketsPerIp: { max: 10 } },
  );
});

test('a client hammering bad frames writes a few warnings and a count, not one line each', async () => {
  const logger = recordingLogger();
  const r = await (await import('./fixtures/app.js')).start({ logger, rateLimit: { perSecond: 1e9, burst: 1e9 } });
  const lv = await r.connect('/counter');
  for (let i = 0; i < 500; i++) lv.sendRaw('{not json');
  await lv.until(() => lv.errors.length === 500, '500 answers');
  await r.close();
  const lines = logger.text('warn').filter((l) => l.includes('bad_json'));
  assert.ok(lines.length <= 4, lines.join('\n'));
  const counted = lines.map((l) => Number(/(\d+) more/.exec(l)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
  assert.equal(counted + lines.filter((l) => !/ more/.test(l)).length, 500, 'every warning was logged or counted');
});

test('the summary of counted warnings is written when its window ends', { timeout: 10_000 }, async () => {
  const logger = recordingLogger();
  await withApp(
    async (r) => {
      const lv = await r.connect('/counter');
      const summary = logger.next(/unknown_type: 4 more/);
      for (let i = 0; i < 5; i++) lv.sendRaw(JSON.stringify({ t: 'warp', ref: 10 + i }));
      await lv.answered();
      // The window is short: its end, not the app closing, writes the count.
      await summary;
      assert.deepEqual(logger.text('warn').filter((l) => l.includes('unknown_type')).length, 2);
    },
    { logger, warningSummary: { windowMs: 500, logFirst: 1 } },
  );
});

test('a socket closed for its join timeout frees its place under the per-IP cap', async () => {
  await withApp(
    async (r) => {
      const freed = nextSocketClosed(r);
      const idle = await LiveClient.open(r.server.url, '/counter');
      assert.equal(await idle.whenClosed(), 4408);
      await freed;
      const again = await LiveClient.open(r.server.url, '/counter');
      await again.close();
    },
    { joinTimeoutMs: 100, socketsPerIp: { max: 1, exemptLoopback: false } },
  );
});
