/**
 * Each way rendered once, untimed, with the statements it ran: what the bench prints in its
 * queries column and what its test checks (the three pages identical, the N+1 growing with rows).
 */
import { Jit } from '@djust/jit';
import type { BenchDb } from './setup.js';
import { handWrittenWay, jitWay, naiveWay, WAYS, type Render, type WayName } from './ways.js';

export interface Rendered {
  html: string;
  queries: number;
}

export function renderers(db: BenchDb, jit: Jit, limit?: number): Record<WayName, Render> {
  const options = { template: db.template, today: db.today, limit };
  return { JIT: jitWay(jit, options), 'hand-written': handWrittenWay(options), 'naive N+1': naiveWay(options) };
}

/** A Jit as the app makes one, minus its file cache: the serializers live in memory. */
export function newJit(db: BenchDb): Jit {
  return new Jit({ orm: db.orm, onIssue: (issue) => { throw new Error(`the template reads what Lease does not have: ${issue.path}: ${issue.message}`); } });
}

/** Renders each way once on a fresh fork; the JIT's serializer is compiled first, so its count is a warm render's. */
export async function renderOnce(db: BenchDb, jit: Jit, limit?: number): Promise<Record<WayName, Rendered>> {
  const ways = renderers(db, jit, limit);
  await ways.JIT(db.orm.em.fork());
  const out = {} as Record<WayName, Rendered>;
  for (const name of WAYS) {
    db.resetQueries();
    const html = await ways[name](db.orm.em.fork());
    out[name] = { html, queries: db.queries() };
  }
  return out;
}
