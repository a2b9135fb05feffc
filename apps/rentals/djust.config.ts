/**
 * `npm run check -w @djust/rentals` (djust check): every path the templates read, checked
 * against the entities. No database is opened.
 */
import { MikroORM } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { entities } from './src/entities.js';

export default {
  templates: ['templates'],
  orm: () => MikroORM.init({ driver: SqliteDriver, dbName: ':memory:', entities, connect: false }),
};
