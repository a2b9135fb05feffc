/**
 * Leases: the list (filtered by status, sorted, paged, all in the URL), the form that creates
 * and edits a lease (validated live on every change, again on submit, and given back after a
 * reconnect), and a lease's page (facts, payments, "End lease").
 */
import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { NotFound, query, type Params } from '@djust/server';
import { LEASE_STATUSES, Lease, Property, Tenant, today, type LeaseStatus } from '../entities.js';
import { emptyLeaseValues, leaseValues, validateLease, visibleErrors, LEASE_FIELDS, type LeaseDraft, type LeaseErrors, type LeaseValues } from '../lease-rules.js';
import { parseId } from '../parse.js';
import { RentalsView, type Section } from './base.js';
import { listUrl, pager, readList, sortHeaders, sortKey, type ListSpec, type ListState } from './list-state.js';
import { leaseStatusCounts, paymentTotals, tenantSearch } from './lease-data.js';

const PAGE_SIZE = 15;
/** Sort keys a URL may name, and the order each stands for. */
const SORTS: Record<string, (dir: 'asc' | 'desc') => QueryOrderMap<Lease>[]> = {
  end_date: (dir) => [{ endDate: dir }, { id: dir }],
  start_date: (dir) => [{ startDate: dir }, { id: dir }],
  rent: (dir) => [{ monthlyRent: dir }, { id: dir }],
  property: (dir) => [{ property: { name: dir } }, { id: dir }],
};
const LIST: ListSpec = { sorts: Object.keys(SORTS), defaultSort: '-start_date', filters: { status: LEASE_STATUSES } };
/** The tenant select shows this many matches of its search (the selected tenant always). */
const TENANT_CHOICES = 50;

export class LeaseListView extends RentalsView {
  static template = 'leases/list.html';
  section: Section = 'leases';
  list: ListState = readList(new URL('http://x/rentals/leases'), LIST);

  override handleParams(_params: Params, url: URL): void {
    this.list = readList(url, LIST);
  }

  override async getContextData(): Promise<Record<string, unknown>> {
    const status = this.list.filters.status as LeaseStatus | '';
    const where: FilterQuery<Lease> = status ? { status: status as LeaseStatus } : {};
    const counts = await leaseStatusCounts(this.em);
    const paging = pager(this.list, status ? counts[status] : counts.all, PAGE_SIZE);
    const { key, descending } = sortKey(this.list);
    let leases = query(Lease).where(where);
    for (const order of SORTS[key](descending ? 'desc' : 'asc')) leases = leases.orderBy(order);
    return {
      leases: leases.limit(paging.limit).offset(paging.offset),
      counts,
      pager: paging,
      sort: sortHeaders(this.list, LIST.sorts),
      tabs: ['', ...LEASE_STATUSES].map((value) => ({
        value,
        label: value ? value[0].toUpperCase() + value.slice(1) : 'All',
        count: counts[(value || 'all') as keyof typeof counts],
        url: listUrl(this.list, { filters: { status: value }, page: 1 }),
        current: value === status,
      })),
    };
  }
}

export class LeaseFormView extends RentalsView {
  static template = 'leases/form.html';
  static events = ['validate', 'save'];
  static formRecovery = { 'lease-form': 'validate' };
  section: Section = 'leases';
  /** The lease being edited; null for a new one. */
  lease_id: number | null = null;
  /** The form's fields as typed. */
  fields: LeaseValues = emptyLeaseValues();
  errors: LeaseErrors = {};
  /** The fields the user has changed, so untouched empty ones show no error yet. */
  touched: string[] = [];
  submitted = false;
  /** Another lease of the property these dates would overlap. */
  overlap_id: number | null = null;
  /** The tenant select's search text. */
  tenant_q = '';
  statuses = LEASE_STATUSES;

  override async mount(params: Params): Promise<void> {
    if (params.id === undefined) return;
    this.lease_id = parseId(params.id);
    const lease = this.lease_id === null ? null : await this.em.findOne(Lease, { id: this.lease_id });
    if (!lease) throw new NotFound('Lease not found');
    this.fields = {
      property: String(lease.property.id),
      tenant: String(lease.tenant.id),
      start_date: lease.startDate,
      end_date: lease.endDate,
      monthly_rent: lease.monthlyRent.toFixed(2),
      deposit: lease.deposit.toFixed(2),
      status: lease.status,
    };
  }

  /** A new lease may start from a property or a tenant (`?property=4&tenant=9`, from their pages). */
  override handleParams(_params: Params, url: URL): void {
    if (this.lease_id !== null || this.touched.length) return;
    for (const name of ['property', 'tenant'] as const) {
      const id = parseId(url.searchParams.get(name) ?? '');
      if (id !== null) this.fields[name] = String(id);
    }
  }

  /** Every change of the form (dj-change), and the form given back after a reconnect. */
  async validate({ form, _target }: { form?: unknown; _target?: unknown }): Promise<void> {
    const fields = form !== null && typeof form === 'object' ? (form as Record<string, unknown>) : {};
    if (typeof fields.tenant_q === 'string') this.tenant_q = fields.tenant_q.trim().slice(0, 64);
    if (typeof _target === 'string' && (LEASE_FIELDS as readonly string[]).includes(_target) && !this.touched.includes(_target)) this.touched.push(_target);
    await this.check(leaseValues(form));
  }

  /** Submit: every rule again, then the lease is written and the browser goes to its page. */
  async save({ form }: { form?: unknown }): Promise<void> {
    this.submitted = true;
    const draft = await this.check(leaseValues(form));
    if (!draft) return;
    const em = this.em;
    const data = { property: draft.propertyId, tenant: draft.tenantId, startDate: draft.startDate, endDate: draft.endDate, monthlyRent: draft.monthlyRent, deposit: draft.deposit, status: draft.status };
    const lease = this.lease_id === null ? em.create(Lease, data) : await em.findOne(Lease, { id: this.lease_id });
    // Removed since the form opened: the browser goes to the URL, which now answers 404.
    if (!lease) throw new NotFound('Lease not found');
    if (this.lease_id !== null) em.assign(lease, data);
    await em.flush();
    // The flash travels with the live navigation to the lease's page.
    this.putFlash('info', `Lease #${lease.id} ${this.lease_id === null ? 'created' : 'saved'}.`);
    this.pushNavigate(`/rentals/leases/${lease.id}`);
  }

  /** Runs the rules over the values; the lease to write when they all hold. */
  private async check(values: LeaseValues): Promise<LeaseDraft | null> {
    this.fields = values;
    const result = await validateLease(this.em, values, this.lease_id);
    this.errors = visibleErrors(result.errors, values, this.touched, this.submitted);
    this.overlap_id = result.overlapId;
    return result.draft;
  }

  override getContextData(): Record<string, unknown> {
    const propertyId = parseId(this.fields.property);
    const tenantId = parseId(this.fields.tenant);
    const tenants = query(Tenant)
      .where(tenantId === null ? tenantSearch(this.em, this.tenant_q) : { $or: [{ id: tenantId }, tenantSearch(this.em, this.tenant_q)] })
      .orderBy({ user: { lastName: 'asc' } })
      .orderBy({ user: { firstName: 'asc' } })
      .limit(TENANT_CHOICES);
    return {
      lease: this.lease_id === null ? null : query(Lease).where({ id: this.lease_id }).one(),
      properties: query(Property).orderBy({ name: 'asc' }),
      tenants,
      chosen_property: propertyId === null ? null : query(Property).where({ id: propertyId }).one(),
      overlap: this.overlap_id === null ? null : query(Lease).where({ id: this.overlap_id }).one(),
      error_count: Object.keys(this.errors).length + (this.overlap_id === null ? 0 : 1),
    };
  }
}

export class LeaseDetailView extends RentalsView {
  static template = 'leases/detail.html';
  static events = ['end_lease'];
  section: Section = 'leases';
  lease_id: number | null = null;

  /** An id that is not a positive integer, or names no lease, is Django's Http404. */
  override async mount(params: Params): Promise<void> {
    this.lease_id = parseId(params.id ?? '');
    if (this.lease_id === null || (await this.em.count(Lease, { id: this.lease_id })) === 0) throw new NotFound('Lease not found');
  }

  /** "End lease" (behind dj-confirm): status ended, and the end date today if it was later. */
  async end_lease(): Promise<void> {
    if (this.lease_id === null) return;
    const lease = await this.em.findOne(Lease, { id: this.lease_id });
    if (!lease) throw new NotFound('Lease not found');
    if (lease.status === 'ended') {
      this.putFlash('info', `Lease #${lease.id} had already ended.`);
      return;
    }
    lease.terminate(today());
    await this.em.flush();
    this.putFlash('info', `Lease #${lease.id} ended on ${lease.endDate}.`);
  }

  override async getContextData(): Promise<Record<string, unknown>> {
    if (this.lease_id === null) return {};
    const totals = await paymentTotals(this.em, { lease: this.lease_id });
    return { lease: query(Lease).where({ id: this.lease_id }).one(), totals, today: today() };
  }
}
