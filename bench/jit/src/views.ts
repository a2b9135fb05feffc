/**
 * The dashboard page three ways: through the JIT, as the N+1 view a developer who forgets
 * `populate` writes, and as the careful hand-written view (populate + a serializer of exactly
 * the paths the template reads). All three must render the same HTML; only the cost differs.
 */
import { wrap, type EntityManager } from '@mikro-orm/core';
import { Engine, PyDate, type Template } from '@djust/templates';
import { query, type Jit } from '@djust/jit';
import { Lease } from './entities.js';

export const DASHBOARD = `<h2>Expiring soon</h2>
<ul>{% for lease in expiring_soon %}
  <li>{{ lease.property.name }} | {{ lease.tenant.user.email }} | {{ lease.tenant.user.get_full_name }} | {{ lease.end_date|date:"M d, Y" }}</li>{% endfor %}
</ul>`;

/** The context variable the dashboard loops over. */
export const VARIABLE = 'expiring_soon';

/** Relations the dashboard reads, as a hand-written view would spell them for MikroORM. */
export const POPULATE = ['property', 'tenant.user'] as const;

/** The same order everywhere, so every view lists the same leases in the same order. */
const ORDER = { endDate: 'asc', id: 'asc' } as const;

export const engine = new Engine();

export function dashboardTemplate(): Template {
  return engine.fromString(DASHBOARD, 'dashboard.html');
}

export interface DashboardLease {
  id: number;
  end_date: unknown;
  property: { id: number; name: string } | null;
  tenant: { id: number; user: { id: number; email: string; get_full_name: string } | null } | null;
}

/**
 * Exactly the template's paths, producing what the JIT produces (same keys in the same order,
 * primary keys kept, the date as the renderer's PyDate), so the two can be compared byte for byte.
 */
export function handSerialize(l: Lease): DashboardLease {
  const t = l.tenant;
  const u = t ? t.user : null;
  return {
    id: l.id,
    end_date: l.endDate == null ? null : (PyDate.parse(l.endDate.slice(0, 10)) ?? l.endDate),
    property: l.property ? { id: l.property.id, name: l.property.name } : null,
    tenant: t ? { id: t.id, user: u ? { id: u.id, email: u.email, get_full_name: u.getFullName() } : null } : null,
  };
}

export async function jitView(jit: Jit, template: Template, em: EntityManager): Promise<string> {
  const data = await jit.serializeContext({ [VARIABLE]: query(Lease).orderBy(ORDER) }, template, em);
  return template.render(data);
}

/**
 * MikroORM does not lazy-load: an unpopulated `lease.property` is an empty reference. So the
 * developer who forgot `populate` initialises each relation as the page needs it, one row at
 * a time: 1 query for the leases plus 3 per lease (property, tenant, user).
 */
export async function naiveView(template: Template, em: EntityManager): Promise<string> {
  const leases = await em.find(Lease, {}, { orderBy: ORDER });
  for (const lease of leases) {
    await wrap(lease.property).init();
    if (lease.tenant) {
      await wrap(lease.tenant).init();
      await wrap(lease.tenant.user).init();
    }
  }
  return template.render({ [VARIABLE]: leases.map(handSerialize) });
}

/** The careful developer: the right populate hints and a serializer written for this page. */
export async function handView(template: Template, em: EntityManager): Promise<string> {
  const leases = await em.find(Lease, {}, { orderBy: ORDER, populate: POPULATE });
  return template.render({ [VARIABLE]: leases.map(handSerialize) });
}

/** Leases with the dashboard's relations loaded in full: the input every serializer gets. */
export function loadPopulated(em: EntityManager): Promise<Lease[]> {
  return em.find(Lease, {}, { orderBy: ORDER, populate: POPULATE });
}
