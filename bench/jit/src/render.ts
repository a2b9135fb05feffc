/**
 * Whole dashboard renders (query + serialize + template render) on a fresh fork per render,
 * as a request would get: the JIT view, the N+1 view and the careful hand-written view.
 * Statements are counted through `onQuery` on one untimed render of each, after checking
 * the three pages are identical.
 */
import { measureAsync, type Measurement } from '@djust/bench-common';
import { Jit } from '@djust/jit';
import type { Template } from '@djust/templates';
import type { BenchDb } from './seed.js';
import { handView, jitView, naiveView } from './views.js';

export const VIEWS = ['JIT', 'naive N+1', 'hand-written'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface RenderResult {
  leases: number;
  queries: Record<ViewName, number>;
  times: Record<ViewName, Measurement>;
  htmlBytes: number;
}

export async function measureRender(db: BenchDb, template: Template, budgetMs: number): Promise<RenderResult> {
  const jit = new Jit({ orm: db.orm, debug: false, onIssue: () => undefined });
  const views: Record<ViewName, () => Promise<string>> = {
    JIT: () => jitView(jit, template, db.orm.em.fork()),
    'naive N+1': () => naiveView(template, db.orm.em.fork()),
    'hand-written': () => handView(template, db.orm.em.fork()),
  };
  // The JIT's first render compiles its serializer; that is table 1's subject, so do it untimed.
  await views.JIT();
  const pages = {} as Record<ViewName, string>;
  const queries = {} as Record<ViewName, number>;
  for (const name of VIEWS) {
    db.reset();
    pages[name] = await views[name]();
    queries[name] = db.queries;
  }
  for (const name of VIEWS) {
    if (pages[name] !== pages.JIT) throw new Error(`${name} view renders a different page than the JIT view for ${db.leases} leases`);
  }
  const rows = (pages.JIT.match(/<li>/g) ?? []).length;
  if (rows !== db.leases) throw new Error(`expected ${db.leases} rows, rendered ${rows}`);
  const times = (await measureAsync(
    VIEWS.map((name) => ({ name, fn: async () => (await views[name]()).length })),
    { budgetMs, minIterations: 3, warmupMs: Math.min(200, budgetMs / 5), rounds: 3 },
  )) as Record<ViewName, Measurement>;
  return { leases: db.leases, queries, times, htmlBytes: Buffer.byteLength(pages.JIT) };
}
