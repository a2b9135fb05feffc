/**
 * Queries the tenants and leases pages share: the tenant search, and the statistics they show
 * (grouped counts and sums, one query each, handed to templates as plain numbers).
 */
import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/sqlite';
import { containsText, sqlEntityManager } from './sql-em.js';
import { LEASE_STATUSES, Lease, PAYMENT_STATUSES, Payment, type Tenant } from '../entities.js';

/** Tenants whose first name, last name or email contains every word of `q`, in any case: "ada love" finds Ada Lovelace. */
export function tenantSearch(em: EntityManager, q: string): FilterQuery<Tenant> {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
  if (!words.length) return {};
  return {
    $and: words.map((word) => {
      const like = containsText(em, word);
      return { user: { $or: [{ firstName: like }, { lastName: like }, { email: like }] } };
    }),
  };
}

export type PaymentTotals = Record<(typeof PAYMENT_STATUSES)[number], { n: number; total: number }>;

/** How many payments, and how much money, in each status among those `where` selects: one query. */
export async function paymentTotals(em: EntityManager, where: QBFilterQuery<Payment>): Promise<PaymentTotals> {
  const rows: { status: string; n: number; total: number }[] = await sqlEntityManager(em)
    .createQueryBuilder(Payment, 'p')
    .select(['p.status', raw('count(*) as n'), raw('sum(p.amount) as total')])
    .where(where)
    .groupBy('p.status')
    .execute('all', false);
  const totals = Object.fromEntries(PAYMENT_STATUSES.map((s) => [s, { n: 0, total: 0 }])) as PaymentTotals;
  for (const row of rows) if (Object.hasOwn(totals, row.status)) totals[row.status as keyof PaymentTotals] = { n: Number(row.n), total: Number(row.total) };
  return totals;
}

export type LeaseCounts = Record<(typeof LEASE_STATUSES)[number] | 'all', number>;

/** How many leases there are in each status, and in all. */
export async function leaseStatusCounts(em: EntityManager): Promise<LeaseCounts> {
  const rows: { status: string; n: number }[] = await sqlEntityManager(em)
    .createQueryBuilder(Lease, 'l')
    .select(['l.status', raw('count(*) as n')])
    .groupBy('l.status')
    .execute('all', false);
  const counts = Object.fromEntries(['all', ...LEASE_STATUSES].map((s) => [s, 0])) as LeaseCounts;
  for (const row of rows) {
    if (Object.hasOwn(counts, row.status)) counts[row.status as keyof LeaseCounts] = Number(row.n);
    counts.all += Number(row.n);
  }
  return counts;
}

/** How many active leases each of these tenants has (absent: none). */
export async function activeLeaseCounts(em: EntityManager, tenantIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (!tenantIds.length) return counts;
  const rows: { tenant: number; n: number }[] = await sqlEntityManager(em)
    .createQueryBuilder(Lease, 'l')
    .select(['l.tenant', raw('count(*) as n')])
    .where({ status: 'active', tenant: { $in: tenantIds } })
    .groupBy('l.tenant')
    .execute('all');
  for (const row of rows) counts.set(Number(row.tenant), Number(row.n));
  return counts;
}
