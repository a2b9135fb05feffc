/**
 * Opens the database: the schema generator brings the tables up to date with entities.ts, and
 * an empty database gets the seed, so the first start creates everything.
 */
import { MikroORM, type Options } from '@mikro-orm/core';
import { connection, databaseUrl } from './driver.js';
import { Author, entities } from './entities.js';
import { seed } from './seed.js';

export interface DatabaseOptions {
  /** Default: DATABASE_URL, else the app's own database. */
  url?: string;
  /** Drop every table first (tests). */
  fresh?: boolean;
  /** More MikroORM options (a query logger, say). */
  orm?: Partial<Options>;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<MikroORM> {
  const orm = await MikroORM.init({ ...connection(options.url ?? databaseUrl()), entities, allowGlobalContext: false, ...options.orm });
  try {
    const schema = orm.getSchemaGenerator();
    if (options.fresh) await schema.refreshDatabase();
    else await schema.updateSchema();
    const em = orm.em.fork();
    if ((await em.count(Author)) === 0) await seed(em);
    return orm;
  } catch (error) {
    await orm.close();
    throw error;
  }
}
