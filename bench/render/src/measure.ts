/**
 * Timing with a little hygiene: warm up first so the JIT has settled, batch tiny calls so
 * timer resolution and loop overhead do not dominate, stop on a time budget rather than a
 * fixed count, and report the median, which shrugs off GC pauses and scheduler noise.
 */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  /** Median wall time of one call, in milliseconds. */
  medianMs: number;
  /** Calls timed (warm-up excluded). */
  iterations: number;
}

export interface MeasureOptions {
  /** Timing time per contender; it runs on past this until it has made `minIterations` calls. */
  budgetMs: number;
  minIterations: number;
  /** Time spent warming up before any sample is kept. */
  warmupMs: number;
}

/** Results are folded into this so the optimiser cannot discard a render as unused. */
let sink = 0;
export function sinkValue(): number {
  return sink;
}

/** A batch should last at least this long, so one sample is never a handful of microseconds. */
const MIN_BATCH_MS = 1;

export interface Contender {
  name: string;
  fn: () => string;
}

/**
 * Times several functions against each other in `rounds` interleaved rounds, rotating who
 * goes first, so that a burst of load from elsewhere on the machine (a shared 2-core box)
 * lands on all of them rather than on whichever happened to run at that moment. Each gets
 * `budgetMs` in all, split across the rounds, and at least `minIterations` calls.
 */
export function measureInterleaved(contenders: readonly Contender[], options: MeasureOptions & { rounds: number }): Record<string, Measurement> {
  const state = contenders.map((c) => ({ ...c, batch: warmUp(c.fn, options.warmupMs), samples: [] as number[], iterations: 0 }));
  const perRound = options.budgetMs / options.rounds;
  const minPerRound = Math.ceil(options.minIterations / options.rounds);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < state.length; k++) {
      const s = state[(k + round) % state.length];
      collectGarbage();
      let done = 0;
      const start = performance.now();
      while (done < minPerRound || performance.now() - start < perRound) {
        const t0 = performance.now();
        for (let i = 0; i < s.batch; i++) sink += s.fn().length;
        s.samples.push((performance.now() - t0) / s.batch);
        done += s.batch;
      }
      s.iterations += done;
    }
  }
  return Object.fromEntries(state.map((s) => [s.name, { medianMs: median(s.samples), iterations: s.iterations }]));
}

/** Runs `fn` for `warmupMs` (at least twice) and returns how many calls make one timed batch. */
function warmUp(fn: () => string, warmupMs: number): number {
  const warmEnd = performance.now() + warmupMs;
  let single = Infinity;
  for (let i = 0; i < 2 || performance.now() < warmEnd; i++) {
    const t0 = performance.now();
    sink += fn().length;
    single = Math.min(single, performance.now() - t0);
  }
  return Math.max(1, Math.ceil(MIN_BATCH_MS / Math.max(single, 1e-6)));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A full GC between cells, when node runs with --expose-gc, so one cell's garbage is not billed to the next. */
export function collectGarbage(): void {
  globalThis.gc?.();
}
