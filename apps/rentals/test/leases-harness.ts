/**
 * The rentals app on a real port over a private in-memory SQLite database, seeded for a fixed
 * day, counting the SQL statements it runs: what the tenants and leases tests drive with
 * LiveClient.
 */
import { after, before } from 'node:test';
import type { MikroORM } from '@mikro-orm/core';
import type { RunningApp } from '@djust/server';
import { LiveClient } from '@djust/server/testing';
import { createRentalsApp } from '../src/app.js';
import { openDatabase } from '../src/db.js';
import { today } from '../src/entities.js';

/** The day the seed is laid out around: the app's own today, which "days until expiration" counts from. */
export const TODAY = today();

export interface Rentals {
  readonly orm: MikroORM;
  readonly url: string;
  /** Statements run since the last `resetQueries()`. */
  readonly queries: string[];
  resetQueries(): void;
  connect(path: string): Promise<LiveClient>;
}

/** Starts the app before the file's tests and stops it after them. */
export function rentalsForTests(scale = 1): Rentals {
  let orm: MikroORM | undefined;
  let running: RunningApp | undefined;
  const queries: string[] = [];
  before(async () => {
    const db = await openDatabase({
      url: ':memory:',
      scale,
      today: TODAY,
      orm: { onQuery: (sql: string) => (queries.push(sql), sql) },
    });
    orm = db.orm;
    running = await createRentalsApp({ orm, secret: 'rentals-leases-tests-secret-0123', ...(process.env.RENTALS_TEST_LOG ? { logger: console } : {}) }).listen(0);
  });
  after(async () => {
    await running?.close();
    await orm?.close();
  });
  return {
    get orm() {
      if (!orm) throw new Error('the app is not started yet');
      return orm;
    },
    get url() {
      if (!running) throw new Error('the app is not started yet');
      return running.url;
    },
    queries,
    resetQueries: () => void queries.splice(0),
    connect(path) {
      if (!running) throw new Error('the app is not started yet');
      return LiveClient.connect(running.url, path);
    },
  };
}
