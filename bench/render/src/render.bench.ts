/**
 * `npm run bench`: renders the leases page with djust, Nunjucks and LiquidJS for several
 * table sizes, checks the three pages are equivalent, and prints median render times and
 * cold-compile times with ratios against djust. Goals are printed, never asserted: a slow
 * machine should not fail a build.
 *
 * BENCH_CELL_MS (default 1000) sets the timing budget of one (engine, N) cell.
 */
import { describeMachine, formatTable, kb, measureSync, ms, ratio, sinkValue, verdict } from '@djust/bench-common';
import { measureCold } from './cold.js';
import { assertEquivalent, shapeOf } from './check.js';
import { makeContext } from './data.js';
import { engines } from './engines/index.js';
import { engineVersions } from './versions.js';

const SIZES = [10, 100, 1000, 10000];
const CELL_MS = Number(process.env.BENCH_CELL_MS ?? 1000);
/** Interleaved rounds per N: engines take turns so background load is shared out fairly. */
const ROUNDS = 5;
const COLD_RUNS = 50;
const COLD_WARMUPS = 10;
/** Goals from the issue, shown beside the numbers. */
const GOAL_SPEEDUP_VS_NUNJUCKS = 2;
const GOAL_SPEEDUP_SIZES = new Set([1000, 10000]);
const GOAL_COLD_MS = 2;

function benchRender(): void {
  // Each engine compiles once; the render loop then measures rendering alone.
  const renderers = engines.map((e) => ({ name: e.name, render: e.compile() }));
  const rows: string[][] = [];
  for (const n of SIZES) {
    const ctx = makeContext(n);
    // One untimed render each, checked for equivalence before any number is trusted.
    const pages = renderers.map((r) => ({ engine: r.name, html: r.render(ctx) }));
    assertEquivalent(pages, ctx);
    const results = measureSync(
      renderers.map((r) => ({ name: r.name, fn: () => r.render(ctx) })),
      // One warm-up pass per engine and batches of ≥ 1 ms, as this bench has always timed.
      { budgetMs: CELL_MS, minIterations: 5, warmupMs: Math.min(250, CELL_MS / 3), rounds: ROUNDS, warmupPasses: 1, minBatchMs: 1 },
    );
    const djust = results.djust.medianMs;
    const vsNunjucks = results.nunjucks.medianMs / djust;
    const goal = GOAL_SPEEDUP_SIZES.has(n) ? verdict(vsNunjucks >= GOAL_SPEEDUP_VS_NUNJUCKS) : '';
    rows.push([
      String(n),
      kb(shapeOf(pages[0].html).bytes),
      ...renderers.map((r) => `${ms(results[r.name].medianMs)} (${results[r.name].iterations})`),
      ratio(vsNunjucks),
      ratio(results.liquid.medianMs / djust),
      goal,
    ]);
  }
  console.log(`Render: median ms per render (iterations timed), ~${CELL_MS} ms per cell in ${ROUNDS} interleaved rounds after warm-up; pages checked equivalent at every N`);
  console.log(
    formatTable(['N', 'KiB', ...renderers.map((r) => `${r.name} ms`), 'nunjucks/djust', 'liquid/djust', `goal ≥${GOAL_SPEEDUP_VS_NUNJUCKS}× vs nunjucks`], rows),
  );
}

function benchCold(): void {
  const ctx = makeContext(10);
  const results = engines.map((e) => ({ name: e.name, ...measureCold(e, ctx, COLD_RUNS, COLD_WARMUPS) }));
  const djust = results[0]; // engines lists djust first
  const rows = results.map((r) => [
    r.name,
    ms(r.compileMs),
    ratio(r.compileMs / djust.compileMs),
    ms(r.compileAndRenderMs),
    ratio(r.compileAndRenderMs / djust.compileAndRenderMs),
    r.name === 'djust' ? verdict(r.compileMs < GOAL_COLD_MS) : '',
  ]);
  console.log(`Cold compile: fresh engine + base layout + page from source, median of ${COLD_RUNS} runs after ${COLD_WARMUPS} warm-ups (sources salted per run, so no cache helps)`);
  console.log(formatTable(['engine', 'compile ms', 'vs djust', '+ first render N=10 ms', 'vs djust', `goal < ${GOAL_COLD_MS} ms`], rows));
}

const started = performance.now();
console.log(`djust render benchmark · ${describeMachine(engineVersions())}${globalThis.gc ? '' : ' · (no --expose-gc: GC between cells skipped)'}`);
console.log('');
benchRender();
console.log('');
benchCold();
console.log('');
console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s (checksum ${sinkValue() % 1000}).`);
