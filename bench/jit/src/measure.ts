/**
 * Timing with a little hygiene: warm up first so V8 has settled, batch tiny calls so timer
 * resolution and loop overhead do not dominate, stop on a time budget rather than a fixed
 * count, interleave contenders in rounds so a burst of load from elsewhere on a shared
 * 2-core machine lands on all of them, and report the median, which shrugs off GC pauses.
 */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  /** Median wall time of one call, in milliseconds. */
  medianMs: number;
  /** Calls timed (warm-up excluded). */
  iterations: number;
}

export interface MeasureOptions {
  /** Timing budget per contender, split across the rounds; each still makes `minIterations` calls. */
  budgetMs: number;
  minIterations: number;
  warmupMs: number;
  rounds: number;
}

export interface Contender<R> {
  name: string;
  /** Returns a number folded into a sink, so the optimiser cannot drop the work as unused. */
  fn: () => R;
}

let sink = 0;
export function sinkValue(): number {
  return sink;
}

/** A batch should last at least this long, so one sample is never a handful of microseconds. */
const MIN_BATCH_MS = 2;
const WARMUP_PASSES = 3;

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

/** Synchronous contenders (serializers): interleaved rounds of timed batches. */
export function measureSync(contenders: readonly Contender<number>[], options: MeasureOptions): Record<string, Measurement> {
  const state = contenders.map((c) => ({ ...c, batch: 1, samples: [] as number[], iterations: 0 }));
  // Warm up in passes over all contenders, so anything one of them does to shared objects
  // (hidden-class transitions on the entities, deopts) has happened before any timing.
  for (let pass = 0; pass < WARMUP_PASSES; pass++) for (const s of state) s.batch = warmUpSync(s.fn, options.warmupMs / WARMUP_PASSES);
  const perRound = options.budgetMs / options.rounds;
  const minPerRound = Math.ceil(options.minIterations / options.rounds);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < state.length; k++) {
      // Rotate who goes first, so no contender always follows the same neighbour's garbage.
      const s = state[(k + round) % state.length];
      collectGarbage();
      let done = 0;
      const start = performance.now();
      while (done < minPerRound || performance.now() - start < perRound) {
        const t0 = performance.now();
        for (let i = 0; i < s.batch; i++) sink += s.fn();
        s.samples.push((performance.now() - t0) / s.batch);
        done += s.batch;
      }
      s.iterations += done;
    }
  }
  return Object.fromEntries(state.map((s) => [s.name, { medianMs: median(s.samples), iterations: s.iterations }]));
}

/** The same for async contenders (lookups, whole renders); each call is awaited before the next. */
export async function measureAsync(contenders: readonly Contender<Promise<number>>[], options: MeasureOptions): Promise<Record<string, Measurement>> {
  const state: { name: string; fn: () => Promise<number>; batch: number; samples: number[]; iterations: number }[] = [];
  for (const c of contenders) state.push({ ...c, batch: 1, samples: [], iterations: 0 });
  for (let pass = 0; pass < WARMUP_PASSES; pass++) for (const s of state) s.batch = await warmUpAsync(s.fn, options.warmupMs / WARMUP_PASSES);
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
        for (let i = 0; i < s.batch; i++) sink += await s.fn();
        s.samples.push((performance.now() - t0) / s.batch);
        done += s.batch;
      }
      s.iterations += done;
    }
  }
  return Object.fromEntries(state.map((s) => [s.name, { medianMs: median(s.samples), iterations: s.iterations }]));
}

/** Runs `fn` for `warmupMs` (at least twice) and returns how many calls make one timed batch. */
function warmUpSync(fn: () => number, warmupMs: number): number {
  const end = performance.now() + warmupMs;
  let single = Infinity;
  for (let i = 0; i < 2 || performance.now() < end; i++) {
    const t0 = performance.now();
    sink += fn();
    single = Math.min(single, performance.now() - t0);
  }
  return batchSize(single);
}

async function warmUpAsync(fn: () => Promise<number>, warmupMs: number): Promise<number> {
  const end = performance.now() + warmupMs;
  let single = Infinity;
  for (let i = 0; i < 2 || performance.now() < end; i++) {
    const t0 = performance.now();
    sink += await fn();
    single = Math.min(single, performance.now() - t0);
  }
  return batchSize(single);
}

function batchSize(singleMs: number): number {
  return Math.max(1, Math.ceil(MIN_BATCH_MS / Math.max(singleMs, 1e-6)));
}
