/**
 * `npm run bench`: starts the server in a child process and measures, over the real protocol
 * on loopback, (1) bytes on the wire per update, (2) events handled per second, (3) round-trip
 * latency, (4) memory per idle connected view. Goals are printed beside the numbers, never
 * asserted: a slow or busy machine should not fail a build.
 *
 * BENCH_SECONDS (default 4) sets each throughput run's measured time.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { count, describeMachine, formatTable, kb, ms, verdict } from '@djust/bench-common';
import { COUNTER_PATH, TABLE_PATH } from './app.js';
import { measureBytes } from './bytes.js';
import { ServerChild } from './child.js';
import { measureLatency } from './latency.js';
import { measureIdleMemory } from './memory.js';
import { measureThroughput, type ThroughputResult } from './throughput.js';
import { TABLE_ROWS } from './views.js';
import { WireClient, closeAll, connectMany } from './wire.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const GOAL = { counterBytes: 100, rowBytes: 1024, eventsPerSecond: 10_000, kbPerView: 50 };
const MANY = 100;
/** In flight: 64 on one socket; 8 on each of 100 (800 in all, plenty to keep one core busy). */
const WINDOW_ONE = 64;
const WINDOW_MANY = 8;
const MEMORY_STEPS = [1_000, 5_000];
/** The whole run is abandoned after this, whatever state it is in. */
const HARD_LIMIT_MS = 4 * 60_000;

async function bytesTable(base: string): Promise<string> {
  const b = await measureBytes(base);
  const rows = [
    ['counter: increment', String(b.counter.replyBytes), `< ${GOAL.counterBytes}`, verdict(b.counter.replyBytes < GOAL.counterBytes), String(b.counter.joinBytes), String(b.counter.pageBytes)],
    [`table (${TABLE_ROWS} rows): one row's qty`, String(b.table.replyBytes), `< ${GOAL.rowBytes}`, verdict(b.table.replyBytes < GOAL.rowBytes), String(b.table.joinBytes), String(b.table.pageBytes)],
  ];
  return [
    '1. Bytes on the wire per update (the reply frame the client receives)',
    formatTable(['update', 'reply bytes', 'goal', '', 'join bytes', 'page bytes'], rows),
    `   counter reply: ${b.counter.replyText}`,
    `   row reply:     ${b.table.replyText}`,
  ].join('\n');
}

function throughputRow(label: string, r: ThroughputResult, goal: boolean): string[] {
  return [
    label,
    String(r.connections),
    String(r.window),
    count(r.events),
    r.seconds.toFixed(2),
    count(r.perSecond),
    r.serverCpu === undefined ? 'n/a' : `${Math.round(r.serverCpu * 100)}%`,
    `${Math.round(r.clientCpu * 100)}%`,
    String(r.failures),
    goal ? `≥ ${count(GOAL.eventsPerSecond)} ${verdict(r.perSecond >= GOAL.eventsPerSecond)}` : '',
  ];
}

async function throughputAndLatencyTables(server: ServerChild): Promise<string> {
  const base = server.url;
  const serverCpuMicros = async () => (await server.cpu()).micros;
  const common = { warmupMs: 1000, durationMs: SECONDS * 1000, maxEvents: 2_000_000, serverCpuMicros };
  const rows: string[][] = [];
  let latency: string[][] = [];

  const one = await WireClient.connect(base, COUNTER_PATH);
  const table = await WireClient.connect(base, TABLE_PATH);
  const many: WireClient[] = [];
  try {
    const lat = await measureLatency(one, { warmup: 500, samples: 5_000, maxMs: 10_000, event: { name: 'increment' } });
    const latTable = await measureLatency(table, { warmup: 50, samples: 1_000, maxMs: 10_000, event: { name: 'bump', payload: { id: 500 } } });
    latency = [
      ['counter: increment', String(lat.samples), ms(lat.p50), ms(lat.p90), ms(lat.p99), ms(lat.max)],
      [`table (${TABLE_ROWS} rows): bump one row`, String(latTable.samples), ms(latTable.p50), ms(latTable.p90), ms(latTable.p99), ms(latTable.max)],
    ];

    rows.push(throughputRow('counter, 1 connection (pipelined)', await measureThroughput([one], { ...common, window: WINDOW_ONE, event: { name: 'increment' } }), true));
    await connectMany(base, COUNTER_PATH, MANY, MANY, many);
    rows.push(throughputRow(`counter, ${MANY} connections`, await measureThroughput(many, { ...common, window: WINDOW_MANY, event: { name: 'increment' } }), true));
    rows.push(throughputRow(`table (${TABLE_ROWS} rows), 1 connection`, await measureThroughput([table], { ...common, window: WINDOW_ONE, event: { name: 'bump', payload: { id: 500 } } }), false));
  } finally {
    await closeAll([one, table, ...many]);
  }
  return [
    '2. Events handled per second (server in a child process; raw ws clients in this one)',
    formatTable(['load', 'conns', 'in flight/conn', 'events', 'seconds', 'events/s', 'server CPU', 'client CPU', 'failures', 'goal'], rows),
    '',
    '3. Round-trip latency, one event at a time on one connection (ms)',
    formatTable(['event', 'samples', 'p50', 'p90', 'p99', 'max'], latency),
  ].join('\n');
}

async function memoryTable(server: ServerChild): Promise<string> {
  const m = await measureIdleMemory(server, COUNTER_PATH, MEMORY_STEPS);
  const rows = m.rows.map((r) => {
    const perKb = r.perViewBytes / 1024;
    return [`${count(r.views)} idle counter views`, kb(r.deltaBytes), perKb.toFixed(2), `< ${GOAL.kbPerView} ${verdict(perKb < GOAL.kbPerView)}`, count(r.openedPerSecond)];
  });
  return [
    '4. Memory per idle connected view (server heapUsed + external after GC, vs. before connecting)',
    formatTable(['connections', 'delta KB', 'KB/view', 'goal', 'opened/s'], rows),
    `   baseline ${kb(m.baseline.bytes)} KB (heap ${kb(m.baseline.heapUsed)}, external ${kb(m.baseline.external)}, rss ${kb(m.baseline.rss)});` +
      ` after closing all: ${kb(m.afterClose.bytes)} KB, ${m.viewsAfterClose} views left`,
  ].join('\n');
}

async function main(): Promise<void> {
  const t0 = performance.now();
  console.log(`djust server benchmark · ${describeMachine([`${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`])}`);
  console.log(`goals: counter reply < ${GOAL.counterBytes} B · one-row change < ${GOAL.rowBytes} B · ≥ ${count(GOAL.eventsPerSecond)} events/s · < ${GOAL.kbPerView} KB per idle view\n`);
  const server = await ServerChild.start();
  try {
    console.log(await bytesTable(server.url));
    console.log();
    console.log(await throughputAndLatencyTables(server));
    console.log();
    console.log(await memoryTable(server));
    const s = await server.stats();
    console.log(`\nserver log: ${s.warnings} warnings, ${s.errors} errors${s.samples.length ? ` (first: ${s.samples[0]})` : ''}`);
  } finally {
    await server.stop();
  }
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// A watchdog: whatever hangs, the benchmark ends. unref'd so it never keeps a finished run alive.
setTimeout(() => {
  console.error(`benchmark exceeded ${HARD_LIMIT_MS / 1000} s; aborting`);
  process.exit(2);
}, HARD_LIMIT_MS).unref();

await main();
