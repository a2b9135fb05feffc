/**
 * Events handled per second: every client keeps `window` events in flight (each reply, matched
 * by ref, sends the next), for a fixed time or a fixed count, whichever ends first.
 */
import { performance } from 'node:perf_hooks';
import { T } from '@djust/protocol';
import type { WireClient } from './wire.js';

export interface LoadOptions {
  /** Events in flight per connection. */
  window: number;
  warmupMs: number;
  durationMs: number;
  /** A cap on events in the measured phase, so a very fast server still stops early. */
  maxEvents: number;
  event: { name: string; payload?: Record<string, unknown> };
  /** The server's CPU time so far in microseconds (from the child), to show how busy it was. */
  serverCpuMicros?: () => Promise<number>;
}

export interface ThroughputResult {
  connections: number;
  window: number;
  events: number;
  seconds: number;
  perSecond: number;
  /** Replies that were not `reply` messages (errors, redirects). */
  failures: number;
  /** Server CPU time over wall time: 1.0 means one core fully busy. */
  serverCpu: number | undefined;
  /** The same for this process, the load generator: if it is the busier one, it is the limit. */
  clientCpu: number;
}

async function drive(clients: readonly WireClient[], options: LoadOptions, durationMs: number, maxEvents: number): Promise<{ events: number; failures: number; ms: number }> {
  const start = performance.now();
  const deadline = start + durationMs;
  let started = 0;
  let events = 0;
  let failures = 0;
  const lane = async (c: WireClient): Promise<void> => {
    while (started < maxEvents && performance.now() < deadline) {
      started++;
      const f = await c.event(options.event.name, options.event.payload);
      events++;
      if (f.msg.t !== T.REPLY) failures++;
    }
  };
  await Promise.all(clients.flatMap((c) => Array.from({ length: options.window }, () => lane(c))));
  return { events, failures, ms: performance.now() - start };
}

export async function measureThroughput(clients: readonly WireClient[], options: LoadOptions): Promise<ThroughputResult> {
  // Warm-up: V8 optimises both sides' hot paths before anything is counted.
  await drive(clients, options, options.warmupMs, options.maxEvents);
  const cpuBefore = await options.serverCpuMicros?.();
  const clientBefore = process.cpuUsage();
  const run = await drive(clients, options, options.durationMs, options.maxEvents);
  const client = process.cpuUsage(clientBefore);
  const cpuAfter = await options.serverCpuMicros?.();
  return {
    connections: clients.length,
    window: options.window,
    events: run.events,
    seconds: run.ms / 1000,
    perSecond: run.events / (run.ms / 1000),
    failures: run.failures,
    serverCpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / 1000 / run.ms,
    clientCpu: (client.user + client.system) / 1000 / run.ms,
  };
}
