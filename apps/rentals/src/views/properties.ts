/**
 * The properties: a list whose search, filters, sort and page live in the URL (so reload, back
 * and forward restore it), and a page per property with its current lease, lease history,
 * payments and maintenance. Views hand the templates lazy queries; the JIT loads what they read.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { query, type Params } from '@djust/server';
import { Lease, MaintenanceRequest, Property, PROPERTY_STATUSES } from '../entities.js';
import { RentalsView, type Section } from './base.js';
import { sqlEntityManager } from './sql-em.js';
import { Listing, text, type ListState } from './listing.js';

const listing = new Listing({
  sorts: { name: 'name', city: 'city', units: 'units', rent: 'monthlyRent', status: 'status' },
  defaultSort: 'name',
  filters: ['q', 'status', 'city'],
  pageSize: 15,
});

const isStatus = (v: string): boolean => (PROPERTY_STATUSES as readonly string[]).includes(v);

/** Name, address or city contains `q` (SQLite's LIKE ignores ASCII case); the status and city as chosen. */
export function propertyWhere(filters: { q: string; status: string; city: string }): FilterQuery<Property> {
  const and: FilterQuery<Property>[] = [];
  if (filters.q) {
    const like = `%${filters.q}%`;
    and.push({ $or: [{ name: { $like: like } }, { address: { $like: like } }, { city: { $like: like } }] });
  }
  if (filters.status) and.push({ status: filters.status as Property['status'] });
  if (filters.city) and.push({ city: filters.city });
  return and.length ? { $and: and } : {};
}

export class PropertyListView extends RentalsView {
  static template = 'properties/list.html';
  static events = ['filter'];
  section: Section = 'properties';
  list: ListState = listing.initial('/rentals/properties');
  statuses = PROPERTY_STATUSES;

  override handleParams(_params: Params, url: URL): void {
    this.list = listing.read(url);
  }

  /** dj-change (debounced while typing) and dj-submit of the filter form: a new URL, page 1. */
  filter({ form }: { form?: Record<string, unknown> }): void {
    const change = { q: text(form?.q), status: text(form?.status), city: text(form?.city) };
    const same = Object.entries(change).every(([name, value]) => this.list.filters[name] === value);
    if (!same) this.pushPatch(listing.href(this.list, change));
  }

  override async getContextData(): Promise<Record<string, unknown>> {
    const cities = await this.cities();
    const asked = this.list.filters;
    // Values the URL names that are not choices are left out rather than match nothing.
    const filters = {
      q: asked.q,
      status: isStatus(asked.status) ? asked.status : '',
      city: cities.includes(asked.city) ? asked.city : '',
    };
    const where = propertyWhere(filters);
    const page = listing.page(this.list, await this.em.count(Property, where));
    return {
      properties: query(Property).where(where).orderBy(listing.orderBy(this.list)).limit(page.limit).offset(page.offset),
      page,
      sort: listing.headers(this.list),
      cities,
      filters,
      filtered: Boolean(filters.q || filters.status || filters.city),
    };
  }

  private async cities(): Promise<string[]> {
    const rows: { city: string }[] = await sqlEntityManager(this.em)
      .createQueryBuilder(Property, 'p')
      .select('p.city', true)
      .orderBy({ city: 'asc' })
      .execute('all');
    return rows.map((r) => r.city);
  }
}

export class PropertyDetailView extends RentalsView {
  static template = 'properties/detail.html';
  section: Section = 'properties';
  /** 0 when the URL's id is not a positive integer (the page then shows "not found"). */
  propertyId = 0;

  override mount(params: Params): void {
    const id = Number(params.id);
    this.propertyId = Number.isSafeInteger(id) && id > 0 ? id : 0;
  }

  override getContextData(): Record<string, unknown> {
    const id = this.propertyId;
    if (!id) return { property: null };
    return {
      property: query(Property).where({ id }).one(),
      current_lease: query(Lease).where({ property: id, status: 'active' }).orderBy({ startDate: 'desc' }).one(),
      leases: query(Lease).where({ property: id }).orderBy({ startDate: 'desc' }),
      requests: query(MaintenanceRequest).where({ property: id }).orderBy({ createdAt: 'desc' }),
    };
  }
}
