/**
 * A list page's state in its URL (`?q=&status=&sort=-end_date&page=2`): read back from the URL
 * in `handleParams`, and turned into the links a template needs (page links, sortable column
 * headers with their `aria-sort`), so reload, back and forward restore the list.
 *
 *   const SORTS = { end_date: { endDate: 'asc' }, rent: { monthlyRent: 'asc' } };
 *   this.list = readList(url, { sorts: Object.keys(SORTS), defaultSort: 'end_date', filters: ['status'] });
 *   pager(this.list, total, PAGE_SIZE); sortHeaders(this.list);
 *
 * Kept plain (strings and numbers), so it lives on the view between events.
 */

export interface ListState {
  path: string;
  /** The search text ('' when none). */
  q: string;
  /** A sort key, '-' first for descending ('-end_date'). */
  sort: string;
  page: number;
  /** Other filters by name ('' when unset). */
  filters: Record<string, string>;
}

export interface ListSpec {
  /** The sort keys a URL may name; anything else falls back to `defaultSort`. */
  sorts: readonly string[];
  defaultSort: string;
  /** Filter names read from the URL, each with the values it may take. */
  filters?: Readonly<Record<string, readonly string[]>>;
}

const MAX_QUERY = 80;
const MAX_PAGE = 100_000;

/** The list's state from a URL; unknown or malformed values fall back to the defaults. */
export function readList(url: URL, spec: ListSpec): ListState {
  const get = (name: string): string => (url.searchParams.get(name) ?? '').trim();
  const rawSort = get('sort');
  const sort = spec.sorts.includes(rawSort.replace(/^-/, '')) ? rawSort : spec.defaultSort;
  const rawPage = Number(get('page'));
  const page = Number.isInteger(rawPage) && rawPage >= 1 ? Math.min(rawPage, MAX_PAGE) : 1;
  const filters: Record<string, string> = {};
  for (const [name, allowed] of Object.entries(spec.filters ?? {})) {
    const value = get(name);
    filters[name] = allowed.includes(value) ? value : '';
  }
  return { path: url.pathname, q: get('q').slice(0, MAX_QUERY), sort, page, filters };
}

/** The list's URL with some of its state changed; defaults are left out of the query. */
export function listUrl(state: ListState, change: Partial<Omit<ListState, 'path' | 'filters'>> & { filters?: Record<string, string> } = {}): string {
  const next = { ...state, ...change, filters: { ...state.filters, ...change.filters } };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const [name, value] of Object.entries(next.filters)) if (value) params.set(name, value);
  if (next.sort) params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const query = params.toString();
  return query ? `${next.path}?${query}` : next.path;
}

/** The sort key without its direction, and whether it is descending. */
export function sortKey(state: ListState): { key: string; descending: boolean } {
  return { key: state.sort.replace(/^-/, ''), descending: state.sort.startsWith('-') };
}

export interface SortHeader {
  url: string;
  /** `aria-sort` for the column's `<th>`. */
  aria: 'ascending' | 'descending' | 'none';
}

/** For each sortable column: the link that sorts by it (again: the other way) and its aria-sort. */
export function sortHeaders(state: ListState, sorts: readonly string[]): Record<string, SortHeader> {
  const { key, descending } = sortKey(state);
  const out: Record<string, SortHeader> = {};
  for (const name of sorts) {
    const current = name === key;
    out[name] = {
      url: listUrl(state, { sort: current && !descending ? `-${name}` : name, page: 1 }),
      aria: current ? (descending ? 'descending' : 'ascending') : 'none',
    };
  }
  return out;
}

export interface PageLink {
  number: number;
  url: string;
  current: boolean;
}

export interface Pager {
  page: number;
  pages: number;
  total: number;
  /** 1-based positions of the first and last row shown. */
  first: number;
  last: number;
  offset: number;
  limit: number;
  prev: string | null;
  next: string | null;
  /** Links to the pages around the current one (at most 7). */
  links: PageLink[];
}

/** Paging for `total` rows, `size` a page; a page past the end shows the last one. */
export function pager(state: ListState, total: number, size: number): Pager {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(state.page, pages);
  const offset = (page - 1) * size;
  const from = Math.max(1, Math.min(page - 3, pages - 6));
  const links: PageLink[] = [];
  for (let n = from; n <= Math.min(pages, from + 6); n++) links.push({ number: n, url: listUrl(state, { page: n }), current: n === page });
  return {
    page,
    pages,
    total,
    first: total ? offset + 1 : 0,
    last: Math.min(total, offset + size),
    offset,
    limit: size,
    prev: page > 1 ? listUrl(state, { page: page - 1 }) : null,
    next: page < pages ? listUrl(state, { page: page + 1 }) : null,
    links,
  };
}
