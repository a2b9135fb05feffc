/**
 * Per-render timing: every render timed on its own (a dashboard render is milliseconds, far
 * above the timer's resolution), the ways interleaved in rounds so a burst of load from
 * elsewhere on a shared machine lands on all of them, each round after a GC when node runs
 * with --expose-gc. Medians and 95th percentiles come from @djust/bench-common.
 */
import { performance } from 'node:perf_hooks';
import { collectGarbage, median, quantile } from '@djust/bench-common';

export interface Timing {
  medianMs: number;
  p95Ms: number;
  renders: number;
}

export interface TimingOptions {
  /** Untimed renders per way first, so V8 has compiled every path. */
  warmup: number;
  rounds: number;
  perRound: number;
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: median(sorted), p95Ms: quantile(sorted, 0.95), renders: sorted.length };
}

export async function timeRenders<K extends string>(renders: Record<K, () => Promise<unknown>>, options: TimingOptions): Promise<Record<K, Timing>> {
  const names = Object.keys(renders) as K[];
  for (const name of names) for (let i = 0; i < options.warmup; i++) await renders[name]();
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      // Rotate who goes first, so no way always follows the same neighbour's garbage.
      const name = names[(k + round) % names.length];
      collectGarbage();
      for (let i = 0; i < options.perRound; i++) {
        const t0 = performance.now();
        await renders[name]();
        samples[name].push(performance.now() - t0);
      }
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n])])) as Record<K, Timing>;
}
