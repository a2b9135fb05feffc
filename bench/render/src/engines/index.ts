import { djust } from './djust.js';
import { liquid } from './liquid.js';
import { nunjucksEngine } from './nunjucks.js';
import type { BenchEngine } from './types.js';

export type { BenchEngine, RenderPage } from './types.js';

/** djust first: the ratios are other engines over it. */
export const engines: readonly BenchEngine[] = [djust, nunjucksEngine, liquid];
