/**
 * The database: PostgreSQL, at the URL in DATABASE_URL
 * (postgres://user:password@localhost:5432/my_app). Tests use the same URL and start from an
 * empty schema, so give them a database of their own.
 */
import type { FilterValue, Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

type Env = Record<string, string | undefined>;

export function databaseUrl(env: Env = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) throw new Error('DATABASE_URL is not set; give it as postgres://user:password@localhost:5432/my_app');
  return url;
}

export function testDatabaseUrl(): string {
  return databaseUrl();
}

/** For opening the ORM without connecting (djust check reads only the metadata). */
export const OFFLINE_URL: string = 'postgres://localhost:5432/unused';

/** A column filter: contains the text, ignoring case (ILIKE: PostgreSQL's LIKE minds case). */
export function containing(text: string): FilterValue<string> {
  return { $ilike: `%${text}%` };
}

export function connection(url: string): Partial<Options> {
  return { driver: PostgreSqlDriver, clientUrl: url };
}
