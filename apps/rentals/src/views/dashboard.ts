/**
 * The dashboard: this month's figures (from aggregate queries, as plain numbers), the leases
 * that end within 60 days and the newest unresolved maintenance requests (lazy queries: the JIT
 * loads what the templates read).
 */
import { query } from '@djust/server';
import { Lease, MaintenanceRequest, today } from '../entities.js';
import { addDays } from '../dates.js';
import { RentalsView, type Section } from './base.js';
import { dashboardStats } from './dashboard-stats.js';

/** How far ahead "expiring soon" looks. */
export const EXPIRING_WITHIN_DAYS = 60;

export class DashboardView extends RentalsView {
  static template = 'dashboard.html';
  section: Section = 'dashboard';

  override async getContextData(): Promise<Record<string, unknown>> {
    const day = today();
    return {
      ...(await dashboardStats(this.em, day)),
      expiring_soon: query(Lease)
        .where({ status: 'active', endDate: { $lte: addDays(day, EXPIRING_WITHIN_DAYS) } })
        .orderBy({ endDate: 'asc' })
        .limit(5),
      recent_requests: query(MaintenanceRequest).where({ status: { $ne: 'resolved' } }).orderBy({ createdAt: 'desc' }).limit(5),
    };
  }
}
