/**
 * Timing with a little hygiene: warm up first so V8 has settled, batch tiny calls so timer
 * resolution and loop overhead do not dominate, stop on a time budget rather than a fixed
 * count, interleave contenders in rounds so a burst of load from elsewhere on a shared
 * 2-core machine lands on all of them, and report the median, which shrugs off GC pauses.
 */
import { performance } from 'node:perf_hooks';
import { median } from './stats.js';

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
  /** Warm-up time per contender, over all the warm-up passes. */
  warmupMs: number;
  /** Interleaved rounds: every contender takes one turn per round. */
  rounds: number;
  /** Warm-up passes over all contenders before any timing (default 3). */
  warmupPasses?: number;
  /** A timed batch should last at least this long (default 2 ms), so one sample is never a handful of microseconds. */
  minBatchMs?: number;
}

/** What a contender returns: folded into a sink (a string by its length), so the optimiser cannot drop the work as unused. */
export type Result = number | string;

export interface Contender<R> {
  name: string;
  fn: () => R;
}

const WARMUP_PASSES = 3;
const MIN_BATCH_MS = 2;

let sink = 0;
export function sinkValue(): number {
  return sink;
}

function fold(result: Result): number {
  return typeof result === 'string' ? result.length : result;
}

/** A full GC between cells, when node runs with --expose-gc, so one cell's garbage is not billed to the next. */
export function collectGarbage(): void {
  globalThis.gc?.();
}

/** Synchronous contenders (renders, serializers): interleaved rounds of timed batches. */
export function measureSync(contenders: readonly Contender<Result>[], options: MeasureOptions): Record<string, Measurement> {
  const lanes = contenders.map(toLane);
  for (const w of warmUps(lanes, options)) {
    while (w.more()) {
      const t0 = performance.now();
      sink += fold(w.lane.fn());
      w.record(t0);
    }
  }
  for (const turn of turns(lanes, options)) {
    const { fn, batch } = turn.lane;
    while (turn.more()) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) sink += fold(fn());
      turn.record(t0);
    }
  }
  return results(lanes);
}

/** The same for async contenders (lookups, whole renders); each call is awaited before the next. */
export async function measureAsync(contenders: readonly Contender<Promise<Result>>[], options: MeasureOptions): Promise<Record<string, Measurement>> {
  const lanes = contenders.map(toLane);
  for (const w of warmUps(lanes, options)) {
    while (w.more()) {
      const t0 = performance.now();
      sink += fold(await w.lane.fn());
      w.record(t0);
    }
  }
  for (const turn of turns(lanes, options)) {
    const { fn, batch } = turn.lane;
    while (turn.more()) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) sink += fold(await fn());
      turn.record(t0);
    }
  }
  return results(lanes);
}

interface Lane<R> extends Contender<R> {
  /** Calls per timed batch, set by the warm-up. */
  batch: number;
  /** Per-call time of each timed batch, in ms. */
  samples: number[];
  iterations: number;
}

function toLane<R>(c: Contender<R>): Lane<R> {
  return { name: c.name, fn: c.fn, batch: 1, samples: [], iterations: 0 };
}

function results(lanes: readonly Lane<unknown>[]): Record<string, Measurement> {
  return Object.fromEntries(lanes.map((l) => [l.name, { medianMs: median(l.samples), iterations: l.iterations }]));
}

/** One contender's warm-up: at least two calls and `warmupMs`, noting the fastest single call. */
class WarmUp<R> {
  private calls = 0;
  private fastest = Infinity;
  private readonly end: number;

  constructor(
    readonly lane: Lane<R>,
    warmupMs: number,
  ) {
    this.end = performance.now() + warmupMs;
  }

  more(): boolean {
    return this.calls < 2 || performance.now() < this.end;
  }

  /** Call right after the call that started at `t0`. */
  record(t0: number): void {
    this.fastest = Math.min(this.fastest, performance.now() - t0);
    this.calls++;
  }

  /** How many calls make one timed batch of at least `minBatchMs`. */
  batchSize(minBatchMs: number): number {
    return Math.max(1, Math.ceil(minBatchMs / Math.max(this.fastest, 1e-6)));
  }
}

/**
 * Warm-ups in passes over all contenders, so anything one of them does to shared objects
 * (hidden-class transitions on the entities, deopts) has happened before any timing; the last
 * pass sets each contender's batch size.
 */
function* warmUps<R>(lanes: readonly Lane<R>[], options: MeasureOptions): Generator<WarmUp<R>> {
  const passes = options.warmupPasses ?? WARMUP_PASSES;
  for (let pass = 0; pass < passes; pass++) {
    for (const lane of lanes) {
      const w = new WarmUp(lane, options.warmupMs / passes);
      yield w;
      lane.batch = w.batchSize(options.minBatchMs ?? MIN_BATCH_MS);
    }
  }
}

/** One contender's turn in a round: timed batches until it has had its share of time and calls. */
class Turn<R> {
  /** Calls timed so far. */
  done = 0;
  private readonly start = performance.now();

  constructor(
    readonly lane: Lane<R>,
    private readonly minCalls: number,
    private readonly budgetMs: number,
  ) {}

  more(): boolean {
    return this.done < this.minCalls || performance.now() - this.start < this.budgetMs;
  }

  /** Call right after the batch that started at `t0`. */
  record(t0: number): void {
    this.lane.samples.push((performance.now() - t0) / this.lane.batch);
    this.done += this.lane.batch;
  }
}

/** The turns of `rounds` interleaved rounds, each preceded by a GC; each turn's `budgetMs / rounds`. */
function* turns<R>(lanes: readonly Lane<R>[], options: MeasureOptions): Generator<Turn<R>> {
  const budgetMs = options.budgetMs / options.rounds;
  const minCalls = Math.ceil(options.minIterations / options.rounds);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < lanes.length; k++) {
      // Rotate who goes first, so no contender always follows the same neighbour's garbage.
      const lane = lanes[(k + round) % lanes.length];
      collectGarbage();
      const turn = new Turn(lane, minCalls, budgetMs);
      yield turn;
      lane.iterations += turn.done;
    }
  }
}
