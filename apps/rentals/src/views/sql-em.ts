/** The SQL EntityManager behind a view's `this.em`, for the aggregate and distinct queries pages show. */
import type { EntityManager } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sqlite';

export function sqlEntityManager(em: EntityManager): SqlEntityManager {
  if (!(em instanceof SqlEntityManager)) throw new Error('the rentals app needs an SQL database (its pages build aggregate queries)');
  return em;
}
