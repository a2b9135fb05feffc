/**
 * `npm run check` (djust check): every path the templates read, checked against the entities
 * (`{{ book.author.nmae }}` is reported with the name it probably meant). No database is opened.
 */
import { MikroORM } from '@mikro-orm/core';
import { connection, OFFLINE_URL } from './src/driver.js';
import { entities } from './src/entities.js';

export default {
  templates: ['templates'],
  orm: () => MikroORM.init({ ...connection(OFFLINE_URL), entities, connect: false }),
};
