/**
 * Cold compile: a fresh engine compiling the base layout and the page from source, as on a
 * server's first request for a page. Timed one call at a time (each is the unit of
 * interest), with the first render after it timed separately, since an engine that compiles
 * to JavaScript leaves V8 some of its work (parsing the generated function) for that moment.
 */
import { performance } from 'node:perf_hooks';
import { collectGarbage, median } from '@djust/bench-common';
import type { PageContext } from './data.js';
import type { BenchEngine } from './engines/index.js';
import { saltedSources } from './templates.js';

export interface ColdResult {
  /** Median ms for new engine + compile of base and page. */
  compileMs: number;
  /** Median ms for the same plus the first render of `ctx`. */
  compileAndRenderMs: number;
  runs: number;
}

export function measureCold(engine: BenchEngine, ctx: PageContext, runs: number, warmups: number): ColdResult {
  // Salted sources are made up front so building them is not timed.
  const salts = Array.from({ length: warmups + runs }, (_, i) => saltedSources(engine.name, `cold ${engine.name} ${i} ${process.pid}`));
  // Warm-up runs let the engine's own compiler code get JIT-compiled; each still has its own salt.
  for (let i = 0; i < warmups; i++) engine.compile(salts[i])(ctx);
  collectGarbage();
  const compile: number[] = [];
  const total: number[] = [];
  for (let i = warmups; i < warmups + runs; i++) {
    const t0 = performance.now();
    const render = engine.compile(salts[i]);
    const t1 = performance.now();
    if (render(ctx).length === 0) throw new Error(`${engine.name}: empty render`);
    const t2 = performance.now();
    compile.push(t1 - t0);
    total.push(t2 - t0);
  }
  return { compileMs: median(compile), compileAndRenderMs: median(total), runs };
}
