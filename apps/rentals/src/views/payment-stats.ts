/**
 * The payments page's figures, as plain numbers: four aggregate queries whatever the size of
 * the data (this month's dues and the part of them paid, this month's receipts, everything overdue).
 */
import { raw, type EntityManager, type ObjectQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sqlite';
import { Payment } from '../entities.js';
import { monthOf } from '../dates.js';
import { sqlEntityManager } from './sql-em.js';

export interface PaymentStats {
  /** 'June 2026'. */
  month: string;
  /** Payments due this month: their sum and number. */
  due: number;
  due_count: number;
  /** Payments received this month (paid on a day of it). */
  collected: number;
  collected_count: number;
  /** Whole percent of this month's dues that are paid. */
  collected_percent: number;
  /** Not paid, due before today. */
  overdue: number;
  overdue_count: number;
}

/** Not paid and due before `day`: what the overdue list shows. */
export function overdueWhere(day: string): ObjectQuery<Payment> {
  return { status: { $ne: 'paid' }, dueOn: { $lt: day } };
}

/** The sum and number of the payments `where` selects: one query. */
export async function sumOf(em: SqlEntityManager, where: ObjectQuery<Payment>): Promise<{ total: number; count: number }> {
  const row = await em
    .createQueryBuilder(Payment, 'p')
    .select([raw('coalesce(sum(p.amount), 0) as total'), raw('count(*) as n')])
    .where(where)
    .execute<{ total: number | string; n: number | string }>('get');
  // Rounded to cents: a sum of decimals in floating point drifts.
  return { total: Math.round(Number(row?.total ?? 0) * 100) / 100, count: Number(row?.n ?? 0) };
}

export async function paymentStats(entityManager: EntityManager, day: string): Promise<PaymentStats> {
  const em = sqlEntityManager(entityManager);
  const month = monthOf(day);
  const thisMonth = { $gte: month.first, $lt: month.next };
  const [due, paidOfDue, collected, overdue] = await Promise.all([
    sumOf(em, { dueOn: thisMonth }),
    sumOf(em, { dueOn: thisMonth, status: 'paid' }),
    sumOf(em, { status: 'paid', paidOn: thisMonth }),
    sumOf(em, overdueWhere(day)),
  ]);
  return {
    month: month.label,
    due: due.total,
    due_count: due.count,
    collected: collected.total,
    collected_count: collected.count,
    collected_percent: due.total ? Math.min(100, Math.round((paidOfDue.total / due.total) * 100)) : 0,
    overdue: overdue.total,
    overdue_count: overdue.count,
  };
}
