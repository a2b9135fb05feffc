/**
 * The rentals demo on a real port, over its own in-memory SQLite database seeded
 * deterministically, for the browser tests of apps/rentals.
 */
import type { MikroORM } from '@mikro-orm/core';
import { createRentalsApp, openDatabase, type RentalsOptions } from '@djust/rentals';
import type { SeedCounts, SeedOptions } from '@djust/rentals';
import { serveApp, type TestApp } from './app.js';
import { suiteFor, type Suite } from './suite.js';

export interface RentalsApp extends TestApp {
  orm: MikroORM;
  seeded: SeedCounts;
}

export interface RentalsSetup extends SeedOptions {
  /** Options for the app besides its ORM (a logger, say). */
  app?: Partial<Omit<RentalsOptions, 'orm'>>;
}

export async function startRentals(setup: RentalsSetup = {}): Promise<RentalsApp> {
  const { orm, seeded } = await openDatabase({ url: ':memory:', scale: setup.scale, today: setup.today, seed: setup.seed });
  const app = createRentalsApp({ orm, secret: 'e2e-rentals-secret-0123456789', ...setup.app });
  const served = await serveApp(app);
  return {
    ...served,
    orm,
    seeded: seeded!,
    async close() {
      await served.close();
      await orm.close();
    },
  };
}

export interface RentalsSuite extends Suite {
  readonly app: RentalsApp;
}

/** A browser suite (one Chromium, a fresh page per test, no console errors) over the rentals app. */
export function rentalsSuite(setup: RentalsSetup = {}): RentalsSuite {
  return suiteFor(() => startRentals(setup)) as RentalsSuite;
}
