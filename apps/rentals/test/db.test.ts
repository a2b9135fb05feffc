/**
 * The SQLite database: the first open of an empty file migrates and seeds it; later opens
 * reuse it as it is. DATABASE_URL's value picks the database.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { databaseKind, openDatabase } from '../src/db.js';
import { Lease } from '../src/entities.js';
import { migrationsList } from '../src/migrations/index.js';

let dir: string;
let file: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rentals-db-'));
  file = join(dir, 'rentals.sqlite');
});
after(() => rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, unknown>;

test('the first open of an empty file runs the migration, creates the six tables with their keys and indexes, and seeds', async () => {
  const { orm, kind, migrated, seeded } = await openDatabase({ url: file, today: '2026-06-15' });
  try {
    assert.equal(kind, 'sqlite');
    assert.deepEqual(migrated, migrationsList.map((m) => m.name));
    assert.deepEqual(seeded, { users: 200, tenants: 200, properties: 50, leases: 300, payments: 3000, requests: 400 });
    const sql = orm.em.fork().getConnection();
    const tables = (await sql.execute(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)) as Row[];
    assert.deepEqual(tables.map((t) => t.name), ['leases', 'maintenance_requests', 'mikro_orm_migrations', 'payments', 'properties', 'tenants', 'users']);
    const keys = (await sql.execute(`pragma foreign_key_list('leases')`)) as Row[];
    assert.deepEqual(keys.map((k) => `${String(k.from)} -> ${String(k.table)}.${String(k.to)}`).sort(), ['property_id -> properties.id', 'tenant_id -> tenants.id']);
    const indexes = (await sql.execute(`select name from sqlite_master where type = 'index' and tbl_name = 'leases' and sql is not null order by name`)) as Row[];
    assert.deepEqual(indexes.map((i) => i.name), ['leases_end_date_index', 'leases_property_id_index', 'leases_status_index', 'leases_tenant_id_index']);
    // The migration's tables are exactly what the entities map: nothing left for a schema update to do.
    assert.equal((await orm.getSchemaGenerator().getUpdateSchemaSQL()).trim(), '');
  } finally {
    await orm.close();
  }
});

test('the database refuses a lease whose property does not exist (foreign keys are enforced)', async () => {
  const { orm } = await openDatabase({ url: file });
  try {
    const em = orm.em.fork();
    await assert.rejects(
      em.insert(Lease, { property: 9999, tenant: 1, startDate: '2026-01-01', endDate: '2026-12-31', monthlyRent: 1000, deposit: 2000, status: 'active' }),
      /FOREIGN KEY constraint failed/,
    );
    assert.equal(await em.count(Lease), 300);
  } finally {
    await orm.close();
  }
});

test('a second open of the same file neither migrates nor seeds, and keeps what was written', async () => {
  const first = await openDatabase({ url: file });
  const em = first.orm.em.fork();
  const lease = await em.findOneOrFail(Lease, { id: 1 });
  lease.monthlyRent = 1234.5;
  await em.flush();
  await first.orm.close();

  const { orm, migrated, seeded } = await openDatabase({ url: file });
  try {
    assert.deepEqual(migrated, []);
    assert.equal(seeded, undefined);
    const again = orm.em.fork();
    assert.equal(await again.count(Lease), 300);
    assert.equal((await again.findOneOrFail(Lease, { id: 1 })).monthlyRent, 1234.5);
    const runs = (await again.getConnection().execute('select name from mikro_orm_migrations')) as Row[];
    assert.deepEqual(runs.map((r) => r.name), migrationsList.map((m) => m.name));
  } finally {
    await orm.close();
  }
});

test('DATABASE_URL picks the database: postgres:// and postgresql:// are PostgreSQL, anything else a SQLite path', async () => {
  assert.equal(databaseKind('postgres://postgres@127.0.0.1:5432/rentals'), 'postgresql');
  assert.equal(databaseKind('postgresql://app:secret@db.internal/rentals'), 'postgresql');
  assert.equal(databaseKind(':memory:'), 'sqlite');
  assert.equal(databaseKind('data/postgres.sqlite'), 'sqlite');
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = join(dir, 'from-env.sqlite');
  try {
    const { orm, seeded } = await openDatabase({ today: '2026-06-15' });
    await orm.close();
    assert.equal(seeded?.leases, 300);
    const reopened = await openDatabase({ url: join(dir, 'from-env.sqlite') });
    await reopened.orm.close();
    assert.deepEqual(reopened.migrated, [], 'the file DATABASE_URL named is the one that was migrated');
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
});
