/**
 * The properties: a list whose search, filters, sort and page live in the URL (so reload, back
 * and forward restore it), and a page per property with its current lease, lease history,
 * payments and maintenance. Views hand the templates lazy queries; the JIT loads what they read.
 */
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { NotFound, query, type Params } from '@djust/server';
import { Lease, MaintenanceRequest, Property, PROPERTY_STATUSES } from '../entities.js';
import { parseId } from '../parse.js';
import { RentalsView, type Section } from './base.js';
import { containsText, sqlEntityManager } from './sql-em.js';
import { Listing, text, type ListState } from './listing.js';

const listing = new Listing({
  sorts: { name: 'name', city: 'city', units: 'units', rent: 'monthlyRent', status: 'status' },
  defaultSort: 'name',
  filters: ['q', 'status', 'city'],
  pageSize: 15,
});

const isStatus = (v: string): boolean => (PROPERTY_STATUSES as readonly string[]).includes(v);

/** Name, address or city contains `q` (any case); the status and city as chosen. */
export function propertyWhere(em: EntityManager, filters: { q: string; status: string; city: string }): FilterQuery<Property> {
  const and: FilterQuery<Property>[] = [];
  if (filters.q) {
    const has = containsText(em, filters.q);
    and.push({ $or: [{ name: has }, { address: has }, { city: has }] });
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
    const where = propertyWhere(this.em, filters);
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
  propertyId = 0;

  /** An id that is not a positive integer, or names no property, is Django's Http404. */
  override async mount(params: Params): Promise<void> {
    const id = parseId(params.id);
    if (id === null || (await this.em.count(Property, { id })) === 0) {
      throw new NotFound('Property not found');
    }
    this.propertyId = id;
  }

  override getContextData(): Record<string, unknown> {
    const id = this.propertyId;
    return {
      // null once the property is gone (removed while the page was open): the page says so.
      property: query(Property).where({ id }).one(),
      current_lease: query(Lease).where({ property: id, status: 'active' }).orderBy({ startDate: 'desc' }).one(),
      leases: query(Lease).where({ property: id }).orderBy({ startDate: 'desc' }),
      requests: query(MaintenanceRequest).where({ property: id }).orderBy({ createdAt: 'desc' }),
    };
  }
}
