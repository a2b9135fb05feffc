/** Round-trip latency: one event at a time on one connection, from send to its reply. */
import { performance } from 'node:perf_hooks';
import { quantile } from '@djust/bench-common';
import { T } from '@djust/protocol';
import type { WireClient } from './wire.js';

export interface LatencyOptions {
  warmup: number;
  samples: number;
  /** Stop early after this long, with however many samples were taken. */
  maxMs: number;
  event: { name: string; payload?: Record<string, unknown> };
}

export interface LatencyResult {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export async function measureLatency(client: WireClient, options: LatencyOptions): Promise<LatencyResult> {
  for (let i = 0; i < options.warmup; i++) await client.event(options.event.name, options.event.payload);
  const times: number[] = [];
  const deadline = performance.now() + options.maxMs;
  while (times.length < options.samples && performance.now() < deadline) {
    const t0 = performance.now();
    const f = await client.event(options.event.name, options.event.payload);
    times.push(performance.now() - t0);
    if (f.msg.t !== T.REPLY) throw new Error(`unexpected reply: ${JSON.stringify(f.msg).slice(0, 200)}`);
  }
  times.sort((a, b) => a - b);
  return { samples: times.length, p50: quantile(times, 0.5), p90: quantile(times, 0.9), p99: quantile(times, 0.99), max: times[times.length - 1] };
}
