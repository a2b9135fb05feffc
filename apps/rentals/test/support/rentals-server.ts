/**
 * The rentals app on a real port over an in-memory SQLite database (or the URL given), seeded deterministically,
 * for tests that drive its views with the server's test client. Records every SQL statement.
 */
import type { MikroORM } from '@mikro-orm/core';
import { LiveClient } from '@djust/server/testing';
import { createRentalsApp } from '../../src/app.js';
import { openDatabase } from '../../src/db.js';

export interface RentalsServer {
  /** The base URL (`http://127.0.0.1:port`). */
  url: string;
  orm: MikroORM;
  /** Every SQL statement run since the start (or the last `queries.length = 0`). */
  queries: string[];
  /** Loads `path` and joins its live view. */
  connect(path: string): Promise<LiveClient>;
  /** Raw SQL on the database, for expectations computed apart from the views. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface RentalsServerOptions {
  scale?: number;
  /** A database URL instead of a private in-memory SQLite database. */
  url?: string;
  /** The day the seed is laid out around (default: today). */
  today?: string;
}

export async function startRentalsServer(options: RentalsServerOptions = {}): Promise<RentalsServer> {
  const queries: string[] = [];
  const { orm } = await openDatabase({
    url: options.url ?? ':memory:',
    scale: options.scale,
    today: options.today,
    orm: { onQuery: (sql: string) => (queries.push(sql), sql) },
  });
  const running = await createRentalsApp({ orm, secret: 'rentals-test-secret-0123456789' }).listen(0, '127.0.0.1');
  const clients: LiveClient[] = [];
  return {
    url: running.url,
    orm,
    queries,
    async connect(path) {
      const lv = await LiveClient.connect(running.url, path);
      clients.push(lv);
      return lv;
    },
    sql: (text, params = []) => orm.em.fork().getConnection().execute(text, params),
    async close() {
      await Promise.all(clients.map((lv) => lv.close()));
      await running.close();
      await orm.close();
    },
  };
}
