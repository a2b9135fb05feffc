/**
 * The benchmark's database: the JIT tests' own rentals fixture (in-memory SQLite, seeded
 * deterministically), counting statements without keeping their text, so thousands of timed
 * renders do not pile up strings.
 */
import { openDb as openFixtureDb, type SeedOptions, type TestDb } from '../../../packages/jit/test/fixtures/db.js';

export interface BenchDb extends TestDb {
  /** How many leases were seeded. */
  leases: number;
}

export async function openDb(leases: number, options: Omit<SeedOptions, 'keepSql'> = {}): Promise<BenchDb> {
  const db = await openFixtureDb(leases, { ...options, keepSql: false });
  return Object.assign(db, { leases });
}
