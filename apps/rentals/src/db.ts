/**
 * The app's database: SQLite in a file by default (created and seeded on first start), or
 * what `DATABASE_URL` names. `:memory:` gives a private in-memory database (tests).
 */
import { MikroORM, type Options } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { entities } from './entities.js';
import { seed, type SeedCounts, type SeedOptions } from './seed.js';

export interface DatabaseOptions extends SeedOptions {
  /** A SQLite file path, ':memory:', or a URL (`DATABASE_URL`). */
  url?: string;
  /** Extra MikroORM options (a query logger, say). */
  orm?: Partial<Options>;
}

export interface Database {
  orm: MikroORM;
  /** What the seed wrote, when this call seeded the database. */
  seeded?: SeedCounts;
}

export const DEFAULT_SQLITE_FILE = 'rentals.sqlite';

/** Opens the database, creates the schema and seeds it when it holds nothing yet. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL ?? DEFAULT_SQLITE_FILE;
  const orm = await MikroORM.init({
    driver: SqliteDriver,
    dbName: url,
    entities,
    allowGlobalContext: false,
    ...options.orm,
  });
  const generator = orm.getSchemaGenerator();
  const em = orm.em.fork();
  const exists = await em
    .getConnection()
    .execute(`select name from sqlite_master where type = 'table' and name = 'users'`)
    .then((rows: unknown[]) => rows.length > 0);
  if (!exists) await generator.createSchema();
  const empty = exists ? (await em.getConnection().execute('select count(*) as n from users'))[0].n === 0 : true;
  const seeded = empty ? await seed(em, options) : undefined;
  return { orm, seeded };
}
