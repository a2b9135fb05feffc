/**
 * The dashboard's figures, as plain numbers: four aggregate queries whatever the size of the
 * data (occupancy, this month's rent, overdue payments, open maintenance by priority).
 */
import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sqlite';
import { MaintenanceRequest, Payment, Property, PRIORITIES, type Priority } from '../entities.js';
import { monthOf } from '../dates.js';
import { sqlEntityManager } from './sql-em.js';
import { overdueWhere, sumOf } from './payment-stats.js';

export interface Occupancy {
  occupied: number;
  total: number;
  /** Whole percent of properties let. */
  percent: number;
}

export interface MonthRent {
  /** 'June 2026'. */
  label: string;
  /** Sum of the payments due this month, and of those paid. */
  due: number;
  collected: number;
  outstanding: number;
  /** Whole percent collected of what is due. */
  percent: number;
}

export interface Overdue {
  /** Payments due before today and not paid. */
  count: number;
  amount: number;
}

export interface OpenMaintenance {
  /** Requests not resolved yet (open or in progress). */
  total: number;
  /** Every priority, most pressing first, with its count (0 included). */
  byPriority: { priority: Priority; count: number }[];
}

export interface DashboardStats {
  occupancy: Occupancy;
  rent: MonthRent;
  overdue: Overdue;
  maintenance: OpenMaintenance;
}

const percent = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 100) : 0);
const num = (v: unknown): number => Number(v ?? 0) || 0;

export async function dashboardStats(entityManager: EntityManager, today: string): Promise<DashboardStats> {
  const em = sqlEntityManager(entityManager);
  const [occupancy, rent, overdue, maintenance] = await Promise.all([
    occupancyOf(em),
    monthRent(em, today),
    overdueOf(em, today),
    openMaintenance(em),
  ]);
  return { occupancy, rent, overdue, maintenance };
}

async function occupancyOf(em: SqlEntityManager): Promise<Occupancy> {
  const rows: { status: string; n: number }[] = await em
    .createQueryBuilder(Property, 'p')
    .select(['p.status', raw('count(*) as n')])
    .groupBy('p.status')
    .execute('all');
  const total = rows.reduce((sum, r) => sum + num(r.n), 0);
  const occupied = num(rows.find((r) => r.status === 'occupied')?.n);
  return { occupied, total, percent: percent(occupied, total) };
}

async function monthRent(em: SqlEntityManager, today: string): Promise<MonthRent> {
  const month = monthOf(today);
  const row: { due: number | null; collected: number | null } = await em
    .createQueryBuilder(Payment, 'p')
    .select([raw('sum(p.amount) as due'), raw("sum(case when p.status = 'paid' then p.amount else 0 end) as collected")])
    .where({ dueOn: { $gte: month.first, $lt: month.next } })
    .execute('get');
  const due = num(row.due);
  const collected = num(row.collected);
  return { label: month.label, due, collected, outstanding: due - collected, percent: percent(collected, due) };
}

async function overdueOf(em: SqlEntityManager, today: string): Promise<Overdue> {
  const { total, count } = await sumOf(em, overdueWhere(today));
  return { count, amount: total };
}

async function openMaintenance(em: SqlEntityManager): Promise<OpenMaintenance> {
  const rows: { priority: string; n: number }[] = await em
    .createQueryBuilder(MaintenanceRequest, 'm')
    .select(['m.priority', raw('count(*) as n')])
    .where({ status: { $ne: 'resolved' } })
    .groupBy('m.priority')
    .execute('all');
  const count = new Map(rows.map((r) => [r.priority, num(r.n)]));
  const byPriority = [...PRIORITIES].reverse().map((priority) => ({ priority, count: count.get(priority) ?? 0 }));
  return { total: byPriority.reduce((sum, p) => sum + p.count, 0), byPriority };
}
