/**
 * PostgreSQL through DATABASE_URL's form of URL, against the local server (127.0.0.1:5432, user
 * postgres): a database of this run's own is created and dropped, so parallel runs do not meet.
 * The same seed gives PostgreSQL the same rows as SQLite.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { openDatabase } from '../src/db.js';
import { entities, Lease } from '../src/entities.js';
import { migrationsList } from '../src/migrations/index.js';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
const NAME = `rentals_test_${process.pid}_${Date.now().toString(36)}`;
const URL = `${SERVER}/${NAME}`;
const TODAY = '2026-06-15';
let admin: MikroORM;

before(async () => {
  // Connected to the server's `test` database, to create and drop this run's own.
  admin = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: `${SERVER}/test`, entities, allowGlobalContext: false });
  await admin.getSchemaGenerator().createDatabase(NAME);
});

after(async () => {
  await admin.getSchemaGenerator().dropDatabase(NAME);
  await admin.close();
});

/** Lease 37 with what the dashboard shows of it, as plain data. */
async function leaseSeen(url: string): Promise<Record<string, unknown>> {
  const { orm } = await openDatabase({ url, today: TODAY });
  try {
    const lease = await orm.em.fork().findOneOrFail(Lease, { id: 37 }, { populate: ['property', 'tenant.user'] });
    return {
      property: lease.property.name,
      email: lease.tenant.user.email,
      name: lease.tenant.user.getFullName(),
      endDate: lease.endDate,
      monthlyRent: lease.monthlyRent,
      status: lease.status,
    };
  } finally {
    await orm.close();
  }
}

test('a postgres:// URL migrates and seeds an empty PostgreSQL database; a lease reads back with its tenant, as on SQLite', async () => {
  const { orm, kind, migrated, seeded } = await openDatabase({ url: URL, today: TODAY });
  try {
    assert.equal(kind, 'postgresql');
    assert.deepEqual(migrated, migrationsList.map((m) => m.name));
    assert.deepEqual(seeded, { users: 200, tenants: 200, properties: 50, leases: 300, payments: 3000, requests: 400 });
    assert.equal((await orm.getSchemaGenerator().getUpdateSchemaSQL()).trim(), '', 'the migration made exactly what the entities map');
  } finally {
    await orm.close();
  }
  const onPostgres = await leaseSeen(URL);
  assert.match(String(onPostgres.email), /@example\.com$/);
  assert.match(String(onPostgres.endDate), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(typeof onPostgres.monthlyRent, 'number');
  assert.deepEqual(onPostgres, await leaseSeen(':memory:'));
});

test('a second open of the PostgreSQL database neither migrates nor seeds; a new row gets the next id after the seed', async () => {
  const { orm, migrated, seeded } = await openDatabase({ url: URL });
  try {
    assert.deepEqual(migrated, []);
    assert.equal(seeded, undefined);
    const em = orm.em.fork();
    const lease = em.create(Lease, { property: 1, tenant: 1, startDate: '2026-07-01', endDate: '2027-06-30', monthlyRent: 1500, deposit: 3000, status: 'pending' });
    await em.flush();
    assert.equal(lease.id, 301);
    assert.equal(await em.count(Lease), 301);
  } finally {
    await orm.close();
  }
});
