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
  /** Stop timing once this much time has passed and `minIterations` calls were made. */
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

export function measure(fn: () => string, options: MeasureOptions): Measurement {
  collectGarbage();
  const warmEnd = performance.now() + options.warmupMs;
  let single = Infinity;
  for (let i = 0; i < 3 || performance.now() < warmEnd; i++) {
    const t0 = performance.now();
    sink += fn().length;
    single = Math.min(single, performance.now() - t0);
  }
  const batch = Math.max(1, Math.ceil(MIN_BATCH_MS / Math.max(single, 1e-6)));
  collectGarbage();

  const samples: number[] = [];
  let iterations = 0;
  const start = performance.now();
  while (iterations < options.minIterations || performance.now() - start < options.budgetMs) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) sink += fn().length;
    samples.push((performance.now() - t0) / batch);
    iterations += batch;
  }
  return { medianMs: median(samples), iterations };
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
