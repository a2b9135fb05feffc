/**
 * What the benchmarks share. Consumed as TypeScript source (`exports` points at src/), since
 * every bench runs under `node --import tsx`; there is nothing to build.
 */
export { collectGarbage, measureAsync, measureSync, sinkValue, type Contender, type MeasureOptions, type Measurement } from './measure.js';
export { median, quantile } from './stats.js';
export { count, formatTable, kb, ms, ratio, us, verdict } from './table.js';
export { describeMachine } from './machine.js';
