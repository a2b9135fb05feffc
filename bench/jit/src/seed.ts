/**
 * An in-memory SQLite database through MikroORM, seeded deterministically with N leases (each
 * with its own property, tenant and user, so the naive view gets no help from the identity
 * map), counting every statement through `onQuery`.
 */
import { MikroORM } from '@mikro-orm/sqlite';
import { entities, Lease, Payment, Property, Tenant, User } from './entities.js';

export interface BenchDb {
  orm: MikroORM;
  leases: number;
  /** Statements executed since the last `reset()`. */
  readonly queries: number;
  reset(): void;
  close(): Promise<void>;
}

/** Every `withoutTenantEvery`-th lease has no tenant, so null-safe paths are exercised (0 = never). */
export async function openDb(leases: number, options: { withoutTenantEvery?: number } = {}): Promise<BenchDb> {
  let queries = 0;
  const orm = await MikroORM.init({
    entities,
    dbName: ':memory:',
    allowGlobalContext: false,
    // One call per executed statement, independent of logging (see shared notes on MikroORM).
    onQuery: (sql: string) => {
      queries++;
      return sql;
    },
  });
  await orm.schema.createSchema();
  const em = orm.em.fork();
  for (let i = 0; i < leases; i++) {
    const user = em.create(User, {
      email: `tenant${i}@example.com`,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      passwordHash: `pbkdf2_sha256$600000$salt${i}$${'x'.repeat(44)}`,
      isStaff: i % 7 === 0,
    });
    const tenant = em.create(Tenant, { user, phone: i % 2 ? `555-01${String(i).padStart(3, '0')}` : null });
    const property = em.create(Property, { name: `Unit ${i} <Main & 5th>`, address: `${i} Main St`, city: 'Springfield' });
    const noTenant = options.withoutTenantEvery ? i % options.withoutTenantEvery === 0 : false;
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    const lease = em.create(Lease, {
      property,
      tenant: noTenant ? null : tenant,
      startDate: '2025-01-01',
      endDate: `2026-${month}-${day}`,
      rent: `${1000 + i}.50`,
      status: i % 3 ? 'active' : 'expiring',
    });
    for (let k = 0; k < i % 3; k++) em.create(Payment, { lease, amount: `${100 + k}.25`, paidAt: new Date(Date.UTC(2025, k, 1)) });
  }
  await em.flush();
  queries = 0;
  return {
    orm,
    leases,
    get queries() {
      return queries;
    },
    reset: () => void (queries = 0),
    close: () => orm.close(true),
  };
}
