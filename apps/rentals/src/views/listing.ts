/**
 * Lists whose state lives in the URL (`?q=oak&status=occupied&sort=-rent&page=2`): read it back
 * in `handleParams`, write it with `pushPatch` or `dj-patch` links, so reload, back and forward
 * restore the list. One `Listing` per list page, declared once at module level:
 *
 *   const listing = new Listing({
 *     sorts: { name: 'name', rent: 'monthlyRent', tenant: 'tenant.user.lastName' }, // ?sort=key → entity path
 *     defaultSort: 'name',          // or '-rent' for descending
 *     filters: ['q', 'status'],     // query params kept as text ('' when absent)
 *     pageSize: 15,
 *   });
 *
 *   class ListView extends RentalsView {
 *     list = listing.initial('/rentals/things');         // plain data: the view's state
 *     handleParams(_p: Params, url: URL) { this.list = listing.read(url); }
 *     filter({ form }) { this.pushPatch(listing.href(this.list, { q: text(form.q) })); }
 *     async getContextData() {
 *       const where = ...;                               // from this.list.filters
 *       const page = listing.page(this.list, await this.em.count(Thing, where));
 *       return {
 *         things: query(Thing).where(where).orderBy(listing.orderBy(this.list)).limit(page.limit).offset(page.offset),
 *         page,                                          // the pager: page.links, page.next_href, ...
 *         sort: listing.headers(this.list),              // per column: sort.name.href, sort.name.aria
 *       };
 *     }
 *   }
 *
 * Template side: `<th aria-sort="{{ sort.name.aria }}"><a class="sort" href="{{ sort.name.href }}" dj-patch>Name</a></th>`,
 * and `templates/listing/pagination.html` (`{% include "listing/pagination.html" %}`, reads `page`
 * and an optional `noun`, e.g. `{% include "listing/pagination.html" with noun="property" %}`).
 *
 * - `href(state, change)` gives the canonical URL: defaults are left out, so `/rentals/things`
 *   is the first page in the default order. A change of a filter or of the sort goes back to
 *   page 1 unless the change names a page itself.
 * - `page()` clamps the page asked for to the pages there are (page 9 of 4 shows page 4).
 * - Unknown sort keys and bad page numbers in the URL fall back to the defaults; filter values
 *   are trimmed and cut to 200 characters. Checking a filter's value (an allowed status, say)
 *   is the view's job.
 * - `orderBy` adds the entity's `id` (or `tiebreak`) last, so rows with equal values keep one
 *   order and no row appears on two pages.
 */
import type { QueryOrderMap } from '@mikro-orm/core';

export interface ListingOptions<K extends string> {
  /** Sort key in the URL → the entity's property path (dots for relations: 'tenant.user.lastName'). */
  sorts: Readonly<Record<K, string>>;
  /** The order without `?sort=`: a key, '-key' for descending. */
  defaultSort: NoInfer<K> | `-${NoInfer<K>}`;
  /** Query parameters kept as text filters. */
  filters?: readonly string[];
  /** Rows per page (default 15). */
  pageSize?: number;
  /** The property added last to every order (default 'id'). */
  tiebreak?: string;
}

/** A list's state as read from its URL: plain data, fit for a view's public field. */
export interface ListState {
  /** The list's path, which every link keeps. */
  path: string;
  /** Each declared filter's value, '' when absent. */
  filters: Record<string, string>;
  /** A declared sort key. */
  sort: string;
  desc: boolean;
  /** 1-based, as asked; `page()` clamps it. */
  page: number;
}

/** What `href` may change: a filter by name, `sort` ('rent' or '-rent'), `page`. */
export type ListChange = Readonly<Record<string, string | number | undefined>>;

export interface SortHeader {
  /** The URL that sorts by this column: ascending, or descending when it already sorts ascending. */
  href: string;
  /** For the header's `aria-sort`. */
  aria: 'ascending' | 'descending' | 'none';
  /** The order a click gives, for the link's label. */
  next: 'ascending' | 'descending';
}

export interface PageLink {
  number: number;
  href: string;
  current: boolean;
}

export interface Pager {
  number: number;
  pages: number;
  total: number;
  limit: number;
  offset: number;
  /** 1-based numbers of the first and last rows shown (0 and 0 when there are none). */
  start: number;
  end: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previousHref: string;
  nextHref: string;
  /** The first, the last, and the pages around the current one; `null` marks a gap (…). */
  links: (PageLink | null)[];
}

const MAX_FILTER_LENGTH = 200;
/** Pages shown on each side of the current one before a gap. */
const WINDOW = 2;

/** Form and query values arrive as a string, a list or nothing: the first string, trimmed. */
export function text(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, MAX_FILTER_LENGTH) : '';
}

export class Listing<K extends string> {
  readonly pageSize: number;
  private readonly filters: readonly string[];
  private readonly tiebreak: string;
  private readonly defaultKey: K;
  private readonly defaultDesc: boolean;

  constructor(private readonly options: ListingOptions<K>) {
    this.pageSize = options.pageSize ?? 15;
    this.filters = options.filters ?? [];
    this.tiebreak = options.tiebreak ?? 'id';
    const [key, desc] = this.parseSort(options.defaultSort) ?? [undefined, false];
    if (key === undefined) throw new Error(`defaultSort ${JSON.stringify(options.defaultSort)} is not one of the sorts`);
    this.defaultKey = key;
    this.defaultDesc = desc;
    for (const reserved of ['sort', 'page']) {
      if (this.filters.includes(reserved)) throw new Error(`'${reserved}' cannot be a filter's name`);
    }
  }

  /** The state of the list at `path` with nothing asked for: before the first handleParams. */
  initial(path: string): ListState {
    return this.read(new URL(path, 'http://list.invalid'));
  }

  /** The state the URL asks for, bad values replaced by the defaults. */
  read(url: URL): ListState {
    const q = url.searchParams;
    const filters: Record<string, string> = {};
    for (const name of this.filters) filters[name] = text(q.get(name));
    const [sort, desc] = this.parseSort(q.get('sort') ?? '') ?? [this.defaultKey, this.defaultDesc];
    const asked = Number(q.get('page'));
    const page = Number.isSafeInteger(asked) && asked >= 1 ? asked : 1;
    return { path: url.pathname, filters, sort, desc, page };
  }

  /** The URL of the state with `change` applied; a new filter or sort starts at page 1. */
  href(state: ListState, change: ListChange = {}): string {
    const filters = { ...state.filters };
    let sort: [K, boolean] = [state.sort as K, state.desc];
    let page = state.page;
    let reset = false;
    for (const [name, value] of Object.entries(change)) {
      if (name === 'page' || value === undefined) continue;
      if (name === 'sort') sort = this.parseSort(String(value)) ?? [this.defaultKey, this.defaultDesc];
      else if (this.filters.includes(name)) filters[name] = text(String(value));
      else throw new Error(`'${name}' is not a filter of this list`);
      reset = true;
    }
    if (change.page !== undefined) page = Math.max(1, Math.floor(Number(change.page)) || 1);
    else if (reset) page = 1;

    const params = new URLSearchParams();
    for (const name of this.filters) if (filters[name]) params.set(name, filters[name]);
    if (sort[0] !== this.defaultKey || sort[1] !== this.defaultDesc) params.set('sort', `${sort[1] ? '-' : ''}${sort[0]}`);
    if (page > 1) params.set('page', String(page));
    const search = params.toString();
    return search ? `${state.path}?${search}` : state.path;
  }

  /** The MikroORM order for the state's sort, the tiebreak last. */
  orderBy(state: ListState): QueryOrderMap<object> {
    const path = this.options.sorts[state.sort as K] ?? this.options.sorts[this.defaultKey];
    const dir = state.desc ? 'desc' : 'asc';
    const order = nest(path.split('.'), dir);
    if (path !== this.tiebreak) Object.assign(order, nest(this.tiebreak.split('.'), 'asc'));
    return order as QueryOrderMap<object>;
  }

  /** Each sort key's header: its link and its aria-sort. */
  headers(state: ListState): Record<K, SortHeader> {
    const out = {} as Record<K, SortHeader>;
    for (const key of Object.keys(this.options.sorts) as K[]) {
      const active = key === state.sort;
      const nextDesc = active && !state.desc;
      out[key] = {
        href: this.href(state, { sort: `${nextDesc ? '-' : ''}${key}` }),
        aria: active ? (state.desc ? 'descending' : 'ascending') : 'none',
        next: nextDesc ? 'descending' : 'ascending',
      };
    }
    return out;
  }

  /** The pager for `total` rows: the page asked for, clamped, with its links. */
  page(state: ListState, total: number): Pager {
    const pages = Math.max(1, Math.ceil(total / this.pageSize));
    const number = Math.min(state.page, pages);
    const offset = (number - 1) * this.pageSize;
    const at = (n: number): string => this.href(state, { page: n });
    const links: (PageLink | null)[] = [];
    for (let n = 1; n <= pages; n++) {
      const near = Math.abs(n - number) <= WINDOW;
      if (n === 1 || n === pages || near) links.push({ number: n, href: at(n), current: n === number });
      else if (links[links.length - 1] !== null) links.push(null);
    }
    return {
      number,
      pages,
      total,
      limit: this.pageSize,
      offset,
      start: total ? offset + 1 : 0,
      end: Math.min(total, offset + this.pageSize),
      hasPrevious: number > 1,
      hasNext: number < pages,
      previousHref: at(Math.max(1, number - 1)),
      nextHref: at(Math.min(pages, number + 1)),
      links,
    };
  }

  /** 'rent' → ['rent', false], '-rent' → ['rent', true]; undefined for an unknown key. */
  private parseSort(value: string): [K, boolean] | undefined {
    const desc = value.startsWith('-');
    const key = desc ? value.slice(1) : value;
    return Object.hasOwn(this.options.sorts, key) ? [key as K, desc] : undefined;
  }
}

/** ['tenant', 'user', 'lastName'], 'asc' → { tenant: { user: { lastName: 'asc' } } }. */
function nest(segments: string[], dir: 'asc' | 'desc'): Record<string, unknown> {
  const [head, ...rest] = segments;
  return { [head]: rest.length ? nest(rest, dir) : dir };
}
