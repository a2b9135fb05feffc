/**
 * Tenants: a searchable, sortable, paged list, and a tenant's page with their leases, their
 * payments across those leases and the maintenance requests they have open.
 */
import type { QueryOrderMap } from '@mikro-orm/core';
import { NotFound, query, type Params } from '@djust/server';
import { Lease, MaintenanceRequest, Payment, Tenant } from '../entities.js';
import { activeLeaseCounts, paymentTotals, tenantSearch } from './lease-data.js';
import { parseId } from '../parse.js';
import { RentalsView, type Section } from './base.js';
import { listUrl, pager, readList, sortHeaders, sortKey, type ListState } from './list-state.js';

const PAGE_SIZE = 15;
/** A tenant's page shows their latest payments, at most this many. */
const PAYMENTS_SHOWN = 36;
/** Sort keys a URL may name, and the order each stands for (ascending). */
const SORTS: Record<string, (dir: 'asc' | 'desc') => QueryOrderMap<Tenant>[]> = {
  name: (dir) => [{ user: { lastName: dir } }, { user: { firstName: dir } }, { id: dir }],
  email: (dir) => [{ user: { email: dir } }],
  phone: (dir) => [{ phone: dir }, { id: dir }],
};
const SORT_KEYS = Object.keys(SORTS);

export class TenantListView extends RentalsView {
  static template = 'tenants/list.html';
  static events = ['search'];
  section: Section = 'tenants';
  list: ListState = readList(new URL('http://x/rentals/tenants'), { sorts: SORT_KEYS, defaultSort: 'name' });

  override handleParams(_params: Params, url: URL): void {
    this.list = readList(url, { sorts: SORT_KEYS, defaultSort: 'name' });
  }

  /** The search box (dj-change, debounced): the query goes into the URL, back to page 1. */
  search({ form }: { form?: { q?: unknown } }): void {
    const q = typeof form?.q === 'string' ? form.q.trim().slice(0, 80) : '';
    if (q !== this.list.q) this.pushPatch(listUrl(this.list, { q, page: 1 }));
  }

  override async getContextData(): Promise<Record<string, unknown>> {
    const where = tenantSearch(this.em, this.list.q);
    const { key, descending } = sortKey(this.list);
    const total = await this.em.count(Tenant, where);
    const paging = pager(this.list, total, PAGE_SIZE);
    // The page's tenants, then their active-lease counts: the JIT loads what the template reads of each.
    const tenants = await this.em.find(Tenant, where, { orderBy: SORTS[key](descending ? 'desc' : 'asc'), limit: paging.limit, offset: paging.offset });
    const counts = await activeLeaseCounts(this.em, tenants.map((t) => t.id));
    return {
      rows: tenants.map((tenant) => ({ tenant, active_leases: counts.get(tenant.id) ?? 0 })),
      pager: paging,
      sort: sortHeaders(this.list, SORT_KEYS),
      clear_url: listUrl(this.list, { q: '', page: 1 }),
    };
  }
}

export class TenantDetailView extends RentalsView {
  static template = 'tenants/detail.html';
  section: Section = 'tenants';
  tenant_id: number | null = null;

  /** An id that is not a positive integer, or names no tenant, is Django's Http404. */
  override async mount(params: Params): Promise<void> {
    this.tenant_id = parseId(params.id ?? '');
    if (this.tenant_id === null || (await this.em.count(Tenant, { id: this.tenant_id })) === 0) throw new NotFound('Tenant not found');
  }

  override async getContextData(): Promise<Record<string, unknown>> {
    const id = this.tenant_id;
    if (id === null) return {};
    const totals = await paymentTotals(this.em, { lease: { tenant: id } });
    return {
      tenant: query(Tenant).where({ id }).one(),
      leases: query(Lease).where({ tenant: id }).orderBy({ startDate: 'desc' }),
      payments: query(Payment).where({ lease: { tenant: id } }).orderBy({ dueOn: 'desc' }).orderBy({ id: 'desc' }).limit(PAYMENTS_SHOWN),
      requests: query(MaintenanceRequest).where({ tenant: id, status: { $ne: 'resolved' } }).orderBy({ createdAt: 'desc' }),
      totals,
      payments_shown: PAYMENTS_SHOWN,
    };
  }
}
