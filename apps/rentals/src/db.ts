/**
 * The app's database: SQLite in a file by default, or PostgreSQL when `DATABASE_URL` is a
 * postgres:// (or postgresql://) URL. Any other value is a SQLite path; `:memory:` gives a
 * private in-memory database (tests). Opening runs the pending migrations, then seeds an empty
 * database, so the first start creates everything and later starts reuse it.
 */
import { fileURLToPath } from 'node:url';
import { MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { entities, User } from './entities.js';
import { migrationsList } from './migrations/index.js';
import { seed, type SeedCounts, type SeedOptions } from './seed.js';

export interface DatabaseOptions extends SeedOptions {
  /** A SQLite file path, ':memory:', or a postgres:// URL (default: `DATABASE_URL`, else the app's SQLite file). */
  url?: string;
  /** Extra MikroORM options (a query logger, say). */
  orm?: Partial<Options>;
}

export interface Database {
  orm: MikroORM;
  /** 'sqlite' or 'postgresql'. */
  kind: DatabaseKind;
  /** Names of the migrations this call applied (empty when the schema was up to date). */
  migrated: string[];
  /** What the seed wrote, when this call seeded the database. */
  seeded?: SeedCounts;
}

export type DatabaseKind = 'sqlite' | 'postgresql';

/** The app's SQLite file, beside its package.json whatever the working directory (gitignored). */
export const DEFAULT_SQLITE_FILE = fileURLToPath(new URL('../rentals.sqlite', import.meta.url));

/** Which database a URL names: PostgreSQL for postgres:// and postgresql://, else a SQLite path. */
export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

/** The connection part of MikroORM's options for a URL. */
function connectionOptions(url: string, kind: DatabaseKind): Partial<Options> {
  return kind === 'postgresql' ? { driver: PostgreSqlDriver, clientUrl: url } : { driver: SqliteDriver, dbName: url };
}

/** Opens the database, applies pending migrations and seeds it when it holds no user yet. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? (process.env.DATABASE_URL || DEFAULT_SQLITE_FILE);
  const kind = databaseKind(url);
  const orm = await MikroORM.init({
    ...connectionOptions(url, kind),
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, snapshot: false, silent: true },
    allowGlobalContext: false,
    ...options.orm,
  });
  try {
    const applied = await orm.getMigrator().up();
    const em = orm.em.fork();
    const seeded = (await em.count(User)) === 0 ? await seed(em, options) : undefined;
    if (seeded && kind === 'postgresql') await advanceSequences(orm);
    return { orm, kind, migrated: applied.map((m) => m.name), seeded };
  } catch (error) {
    await orm.close();
    throw error;
  }
}

/**
 * The seed writes its ids itself; PostgreSQL's serial sequences do not see those, so the next
 * row the app inserts would take id 1 again. Move each sequence past the table's largest id.
 */
async function advanceSequences(orm: MikroORM): Promise<void> {
  const connection = orm.em.fork().getConnection();
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    // Table names come from entities.ts, not from input; quoted all the same.
    await connection.execute(
      `select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from "${meta.tableName}"), 0) + 1, false)`,
      [meta.tableName],
    );
  }
}
