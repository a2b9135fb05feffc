/**
 * The dashboard's "expiring soon" table three ways, all rendering the same template with the
 * app's engine from the same database:
 * - JIT: a lazy `query(Lease)` handed to `Jit.serializeContext`, which reads the template and
 *   loads exactly its paths;
 * - hand-written: the original design's "before": `em.find` with the populate hints spelled
 *   out, then a loop building plain dicts (kept here, in the bench, and nowhere in the app);
 * - naive N+1: `em.find` without hints, then each relation initialised lazily, one by one.
 */
import { wrap, type EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { query, type Jit } from '@djust/jit';
import { PyDate, type Template } from '@djust/templates';
import { Lease } from '../src/entities.js';
import { addDays } from '../src/dates.js';
import { EXPIRING_WITHIN_DAYS } from '../src/views/dashboard.js';

export const VARIABLE = 'expiring_soon';
/** Rows the dashboard shows. */
export const LIMIT = 5;
/** "Expiring soon": active leases ending within this many days (the dashboard's own constant). */
export const WINDOW_DAYS = EXPIRING_WITHIN_DAYS;

export type WayName = 'JIT' | 'hand-written' | 'naive N+1';
export const WAYS: readonly WayName[] = ['JIT', 'hand-written', 'naive N+1'];

/** Renders the table once on `em` (a fresh fork per render, as a request gets). */
export type Render = (em: EntityManager) => Promise<string>;

/** The dashboard's query (src/views/dashboard.ts): active leases ending within the window, soonest first; id breaks ties, so every way lists the same rows. */
export function expiringSoon(today: string): { where: FilterQuery<Lease>; orderBy: QueryOrderMap<Lease> } {
  return {
    where: { status: 'active', endDate: { $lte: addDays(today, WINDOW_DAYS) } },
    orderBy: { endDate: 'asc', id: 'asc' },
  };
}

/** One row as the hand-written serializer of the "before" built it: exactly what the template reads. */
function leaseDict(lease: Lease): Record<string, unknown> {
  const user = lease.tenant.user;
  return {
    id: lease.id,
    end_date: PyDate.parse(lease.endDate),
    days_until_expiration: lease.daysUntilExpiration(),
    property: { id: lease.property.id, name: lease.property.name },
    tenant: { id: lease.tenant.id, user: { id: user.id, email: user.email, get_full_name: user.getFullName() } },
  };
}

function serializeByHand(leases: readonly Lease[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const lease of leases) rows.push(leaseDict(lease));
  return rows;
}

export interface WayOptions {
  template: Template;
  today: string;
  limit?: number;
}

export function jitWay(jit: Jit, { template, today, limit = LIMIT }: WayOptions): Render {
  const { where, orderBy } = expiringSoon(today);
  return async (em) => {
    const context = await jit.serializeContext({ [VARIABLE]: query(Lease).where(where).orderBy(orderBy).limit(limit) }, template, em);
    return template.render(context);
  };
}

export function handWrittenWay({ template, today, limit = LIMIT }: WayOptions): Render {
  const { where, orderBy } = expiringSoon(today);
  return async (em) => {
    const leases = await em.find(Lease, where, { populate: ['property', 'tenant.user'], orderBy, limit });
    return template.render({ [VARIABLE]: serializeByHand(leases) });
  };
}

export function naiveWay({ template, today, limit = LIMIT }: WayOptions): Render {
  const { where, orderBy } = expiringSoon(today);
  return async (em) => {
    const leases = await em.find(Lease, where, { orderBy, limit });
    // MikroORM loads nothing lazily by itself: the forgetful view initialises each relation as it goes.
    for (const lease of leases) {
      await wrap(lease.property).init();
      await wrap(lease.tenant).init();
      await wrap(lease.tenant.user).init();
    }
    return template.render({ [VARIABLE]: serializeByHand(leases) });
  };
}
