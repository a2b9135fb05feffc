/**
 * Cold JIT: the first render of a template the app has never seen, minus the DB query. Each
 * run gets a fresh Jit (empty caches) and a freshly parsed template whose source is salted,
 * so no cache keyed by source, template or key can answer. Parsing the template is the
 * template engine's cold cost, not the JIT's, so it happens before the clock starts.
 */
import { performance } from 'node:perf_hooks';
import type { EntityMetadata, MikroORM } from '@mikro-orm/core';
import { extractTemplateVariables, type Template } from '@djust/templates';
import { cacheKey, compileSerializer, generateSource, Jit, planPaths, type PathInput } from '@djust/jit';
import { collectGarbage, median } from '@djust/bench-common';
import { DASHBOARD, engine, VARIABLE } from './views.js';

export interface ColdOptions {
  warmups: number;
  /** Runs stop at `maxRuns` or when `budgetMs` is spent, whichever comes first (at least `minRuns`). */
  minRuns: number;
  maxRuns: number;
  budgetMs: number;
}

export interface ColdResult {
  /** The very first run in the process: V8 has not compiled the JIT's own code yet. */
  firstMs: number;
  /** Median of `serializerFor` on a fresh Jit: extract + plan + generate + compile + key + cache store. */
  medianMs: number;
  /** The same plus the first call of the new serializer on one lease (V8 parses the generated body then). */
  withFirstCallMs: number;
  /** Median of each phase timed on its own (same work as `medianMs`, minus the Jit's bookkeeping). */
  phases: { extract: number; plan: number; generate: number; compile: number; key: number };
  /** Parsing the salted template (excluded from the numbers above). */
  parseMs: number;
  runs: number;
}

let salt = 0;
function freshTemplate(): { template: Template; parseMs: number } {
  // A comment changes the source, hence every hash derived from it, without changing the paths.
  const source = `{# cold ${process.pid} ${salt++} #}${DASHBOARD}`;
  const t0 = performance.now();
  const template = engine.fromString(source, `dashboard-${salt}.html`);
  return { template, parseMs: performance.now() - t0 };
}

async function oneRun(orm: MikroORM, meta: EntityMetadata, sample: object): Promise<{ total: number; withCall: number; parse: number }> {
  const { template, parseMs } = freshTemplate();
  const jit = new Jit({ orm, debug: false, onIssue: () => undefined });
  const t0 = performance.now();
  const { serialize } = await jit.serializerFor(template, VARIABLE, meta);
  const t1 = performance.now();
  if (serialize(sample) === null) throw new Error('cold serializer returned null for a lease');
  const t2 = performance.now();
  return { total: t1 - t0, withCall: t2 - t0, parse: parseMs };
}

function phaseRun(meta: EntityMetadata): ColdResult['phases'] {
  const { template } = freshTemplate();
  const t0 = performance.now();
  const found = extractTemplateVariables(template, { locations: true })[VARIABLE] ?? [];
  const paths: PathInput[] = found.map((p) => ({ path: p.path, template: p.locations[0]?.template, line: p.locations[0]?.line }));
  const t1 = performance.now();
  const plan = planPaths(meta, VARIABLE, paths);
  const t2 = performance.now();
  const source = generateSource(plan.root);
  const t3 = performance.now();
  compileSerializer(source);
  const t4 = performance.now();
  cacheKey(template, VARIABLE, meta);
  const t5 = performance.now();
  return { extract: t1 - t0, plan: t2 - t1, generate: t3 - t2, compile: t4 - t3, key: t5 - t4 };
}

export async function measureCold(orm: MikroORM, meta: EntityMetadata, sample: object, options: ColdOptions): Promise<ColdResult> {
  const first = await oneRun(orm, meta, sample);
  // Warm-ups let V8 compile the JIT's own code, as it will have on a server that has served a few pages.
  for (let i = 0; i < options.warmups; i++) {
    await oneRun(orm, meta, sample);
    phaseRun(meta);
  }
  collectGarbage();
  const totals: number[] = [];
  const withCalls: number[] = [];
  const parses: number[] = [];
  const phases: ColdResult['phases'][] = [];
  const end = performance.now() + options.budgetMs;
  while (totals.length < options.minRuns || (totals.length < options.maxRuns && performance.now() < end)) {
    const r = await oneRun(orm, meta, sample);
    totals.push(r.total);
    withCalls.push(r.withCall);
    parses.push(r.parse);
    phases.push(phaseRun(meta));
  }
  const phase = (k: keyof ColdResult['phases']) => median(phases.map((p) => p[k]));
  return {
    firstMs: first.total,
    medianMs: median(totals),
    withFirstCallMs: median(withCalls),
    phases: { extract: phase('extract'), plan: phase('plan'), generate: phase('generate'), compile: phase('compile'), key: phase('key') },
    parseMs: median(parses),
    runs: totals.length,
  };
}
