/**
 * The rentals app on a real port over a private in-memory SQLite database, seeded for a fixed
 * day, counting the SQL statements it runs: what the tenants and leases tests drive with
 * LiveClient.
 */
import { after, before } from 'node:test';
import type { MikroORM } from '@mikro-orm/core';
import type { LiveClient } from '@djust/server/testing';
import { today } from '../src/entities.js';
import { startRentalsServer, type RentalsServer } from './support/rentals-server.js';

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
  let server: RentalsServer | undefined;
  before(async () => {
    server = await startRentalsServer({ scale, today: TODAY });
  });
  after(() => server?.close());
  const started = (): RentalsServer => {
    if (!server) throw new Error('the app is not started yet');
    return server;
  };
  return {
    get orm() {
      return started().orm;
    },
    get url() {
      return started().url;
    },
    get queries() {
      return started().queries;
    },
    resetQueries: () => void started().queries.splice(0),
    connect: (path) => started().connect(path),
  };
}
