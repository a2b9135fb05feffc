/** What pages need of the SQL database behind a view's `this.em`, on SQLite and PostgreSQL alike. */
import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { SqlEntityManager } from '@mikro-orm/sqlite';

/** The SQL EntityManager, for the aggregate and distinct queries pages show. */
export function sqlEntityManager(em: EntityManager): SqlEntityManager {
  if (!(em instanceof SqlEntityManager)) throw new Error('the rentals app needs an SQL database (its pages build aggregate queries)');
  return em;
}

/**
 * A condition "contains `text`, ignoring case": PostgreSQL's LIKE minds case (ILIKE does not),
 * SQLite's LIKE ignores ASCII case and has no ILIKE. `%` and `_` typed by the user stay
 * wildcards (SQLite's LIKE has no escape character unless the query names one).
 */
export function containsText(em: EntityManager, text: string): { $like: string } | { $ilike: string } {
  const pattern = `%${text}%`;
  return em.getPlatform() instanceof PostgreSqlPlatform ? { $ilike: pattern } : { $like: pattern };
}
