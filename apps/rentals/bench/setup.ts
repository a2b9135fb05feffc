/**
 * What the bench and its test stand on: the app's database in a temporary SQLite file (migrated
 * and seeded as `npm start` does it), a count of the SQL statements it runs, and the table's
 * template from the app's engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { Template } from '@djust/templates';
import { createRentalsApp } from '../src/app.js';
import { openDatabase } from '../src/db.js';
import { today as todayOf } from '../src/entities.js';
import type { SeedCounts } from '../src/seed.js';

/** The table's template, by its name in the app (dashboard.html includes it). */
export const TABLE_TEMPLATE = 'dashboard/expiring_soon.html';

export interface BenchDb {
  orm: MikroORM;
  seeded: SeedCounts;
  today: string;
  /** The table's template, compiled by the app's engine. */
  template: Template;
  /** Statements run since the last `resetQueries()`. */
  queries(): number;
  resetQueries(): void;
  close(): Promise<void>;
}

export async function openBenchDb(options: { scale?: number; today?: string } = {}): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), 'rentals-bench-'));
  const today = options.today ?? todayOf();
  let count = 0;
  const { orm, seeded } = await openDatabase({
    url: join(dir, 'bench.sqlite'),
    scale: options.scale,
    today,
    // One call per statement the driver runs (MikroORM's onQuery).
    orm: { onQuery: (sql: string) => ((count += 1), sql) },
  });
  const engine = createRentalsApp({ orm, secret: 'rentals-bench-secret-0123456789' }).core.engine;
  const template = engine.getTemplate(TABLE_TEMPLATE);
  if (!seeded) throw new Error('the bench database was not seeded');
  return {
    orm,
    seeded,
    today,
    template,
    queries: () => count,
    resetQueries: () => void (count = 0),
    async close() {
      await orm.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
