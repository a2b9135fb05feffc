/**
 * The database: SQLite. The data lives in `app.sqlite` beside package.json, or in the file
 * DATABASE_URL names; tests get a private in-memory database.
 */
import { fileURLToPath } from 'node:url';
import type { FilterValue, Options } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sqlite';

type Env = Record<string, string | undefined>;

export function databaseUrl(env: Env = process.env): string {
  return env.DATABASE_URL?.trim() || fileURLToPath(new URL('../app.sqlite', import.meta.url));
}

export function testDatabaseUrl(): string {
  return ':memory:';
}

/** For opening the ORM without connecting (djust check reads only the metadata). */
export const OFFLINE_URL: string = ':memory:';

/** A column filter: contains the text, ignoring case (SQLite's LIKE ignores the case of ASCII letters). */
export function containing(text: string): FilterValue<string> {
  return { $like: `%${text}%` };
}

export function connection(url: string): Partial<Options> {
  return { driver: SqliteDriver, dbName: url };
}
