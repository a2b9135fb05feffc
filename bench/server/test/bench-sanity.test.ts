/**
 * The benchmark's own checks, on a real server child process: the bytes it reports are the
 * small diffs the protocol promises, the load and latency loops finish and see only replies,
 * and the memory harness sees views cost something. Small counts, so this stays quick.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { COUNTER_PATH, TABLE_PATH } from '../src/app.js';
import { measureBytes } from '../src/bytes.js';
import { ServerChild } from '../src/child.js';
import { measureLatency } from '../src/latency.js';
import { measureIdleMemory } from '../src/memory.js';
import { measureThroughput } from '../src/throughput.js';
import { WireClient, closeAll, connectMany } from '../src/wire.js';

let server: ServerChild;

before(async () => {
  server = await ServerChild.start();
});

after(async () => {
  await server?.stop();
});

test('a counter increment is under 100 bytes and one changed row of 1000 under 1 KB', async () => {
  const b = await measureBytes(server.url);
  assert.ok(b.counter.replyBytes > 0 && b.counter.replyBytes < 100, b.counter.replyText);
  assert.ok(b.table.replyBytes > 0 && b.table.replyBytes < 1024, b.table.replyText);
  // The full table does travel on join, so the small reply is a diff, not an empty answer.
  assert.ok(b.table.joinBytes > 20 * 1024, `join was ${b.table.joinBytes} bytes`);
  assert.equal(Buffer.byteLength(b.counter.replyText), b.counter.replyBytes);
});

test('pipelined load on several connections gets only replies, and every event is counted', async () => {
  const clients: WireClient[] = [];
  try {
    await connectMany(server.url, COUNTER_PATH, 4, 4, clients);
    const r = await measureThroughput(clients, { window: 8, warmupMs: 100, durationMs: 300, maxEvents: 5_000, event: { name: 'increment' }, serverCpuMicros: async () => (await server.cpu()).micros });
    assert.equal(r.failures, 0);
    assert.ok(r.events > 0 && r.events <= 5_000);
    assert.ok(r.perSecond > 0 && r.serverCpu !== undefined && r.serverCpu > 0);
    assert.equal(clients.reduce((n, c) => n + c.inFlight + c.unsolicited, 0), 0);
  } finally {
    await closeAll(clients);
  }
});

test('latency percentiles are ordered', async () => {
  const client = await WireClient.connect(server.url, TABLE_PATH);
  try {
    const r = await measureLatency(client, { warmup: 5, samples: 50, maxMs: 5_000, event: { name: 'bump', payload: { id: 1 } } });
    assert.equal(r.samples, 50);
    assert.ok(r.p50 > 0 && r.p50 <= r.p90 && r.p90 <= r.p99 && r.p99 <= r.max);
  } finally {
    await client.close();
  }
});

test('the memory harness measures a positive cost for 50 idle views and closes them all', async () => {
  const m = await measureIdleMemory(server, COUNTER_PATH, [50], 25);
  assert.equal(m.rows.length, 1);
  assert.equal(m.rows[0].views, 50);
  assert.ok(m.rows[0].perViewBytes > 0, `per view: ${m.rows[0].perViewBytes} bytes`);
  assert.equal(m.viewsAfterClose, 0);
  const s = await server.stats();
  assert.equal(s.connections, 0);
  assert.equal(s.errors, 0);
});
