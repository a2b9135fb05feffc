/**
 * Warm lookups: what every render pays once the serializer exists. `serializerFor` alone, and
 * `serializeContext` against an EntityManager stub whose `find` answers at once with no rows,
 * which isolates the JIT's own per-render work (classify the value, find the metadata, look
 * up the serializer, build the find options) from the database and from serialization. The
 * stub notes when `find` is called, which splits that work into before and after the query.
 */
import { performance } from 'node:perf_hooks';
import type { EntityManager, EntityMetadata } from '@mikro-orm/core';
import { collectGarbage, measureAsync, median, type Measurement } from '@djust/bench-common';
import { query, type Jit } from '@djust/jit';
import type { Template } from '@djust/templates';
import { Lease } from './entities.js';
import { VARIABLE } from './views.js';

export interface WarmResult {
  serializerFor: Measurement;
  /** From calling serializeContext to its em.find call. */
  beforeQuery: Measurement;
  /** The whole serializeContext call with zero rows. */
  wholeCall: Measurement;
}

export async function measureWarm(jit: Jit, template: Template, meta: EntityMetadata, budgetMs: number): Promise<WarmResult> {
  let findCalledAt = 0;
  // Only `find` is reached on the 'query' path.
  const stub = {
    find: () => {
      findCalledAt = performance.now();
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  const lazy = query(Lease).orderBy({ endDate: 'asc', id: 'asc' });
  const context = { [VARIABLE]: lazy };
  // Populates every cache before timing.
  await jit.serializeContext(context, template, stub);
  const batched = await measureAsync(
    [
      { name: 'serializerFor', fn: async () => (await jit.serializerFor(template, VARIABLE, meta)).artifact.fields.length },
      { name: 'serializeContext', fn: async () => Object.keys(await jit.serializeContext(context, template, stub)).length },
    ],
    { budgetMs: budgetMs / 2, minIterations: 1000, warmupMs: Math.min(200, budgetMs / 4), rounds: 5 },
  );
  // Single calls here (a batch cannot see when find was called); the timer's own cost is ~0.1 µs.
  collectGarbage();
  const before: number[] = [];
  const end = performance.now() + budgetMs / 2;
  while (before.length < 1000 || performance.now() < end) {
    const t0 = performance.now();
    await jit.serializeContext(context, template, stub);
    before.push(findCalledAt - t0);
  }
  return {
    serializerFor: batched.serializerFor,
    beforeQuery: { medianMs: median(before), iterations: before.length },
    wholeCall: batched.serializeContext,
  };
}
