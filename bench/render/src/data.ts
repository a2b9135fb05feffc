/**
 * Deterministic lease data: the same seed gives the same leases on every machine and every
 * run, so the engines and the runs can be compared byte for byte.
 */

/** mulberry32: tiny, fast, and good enough to pick names; determinism is all we need. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A class rather than a plain object so `get_full_name` lives on the prototype, like a
 * Django model method: each engine has to find and call it, not read a stored string.
 */
export class User {
  constructor(
    readonly first_name: string,
    readonly last_name: string,
    readonly email: string,
  ) {}

  get_full_name(): string {
    return `${this.first_name} ${this.last_name}`.trim();
  }
}

export type LeaseStatus = 'active' | 'pending' | 'ending' | 'closed';

export interface Lease {
  id: number;
  property: { name: string; address: string };
  tenant: { user: User };
  /** Whole cents divided by 100, so two decimals never need rounding (engines round differently). */
  rent: number;
  end_date: Date;
  status: LeaseStatus;
  /** Null or '' on some leases, to exercise `default`; hostile HTML on others, to exercise escaping. */
  notes: string | null;
}

export interface PageContext {
  title: string;
  viewer: { name: string };
  leases: Lease[];
}

const FIRST = ['Ana', 'Bo', 'Chloé', 'Dmitri', 'Eun-ji', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jo'];
// O'Brien puts an apostrophe in the output; the engines spell its escape differently.
const LAST = ['Smith', "O'Brien", 'Nguyen', 'García', 'Kowalski', 'Okafor', 'Rossi', 'Berg'];
const STREETS = ['Elm St', 'Harbour Rd', 'King & Queen Ave', 'Mill Lane', 'Rue de la Paix'];
const BUILDINGS = ['Maple Court', 'Smith & Sons Lofts', 'The <Old> Mill', 'Riverside "East"', 'Oak Terrace'];
const STATUSES: readonly LeaseStatus[] = ['active', 'active', 'active', 'pending', 'ending', 'closed'];
/** Every note carries & < > " so an engine that forgot to escape is caught by the checks. */
export const HOSTILE_NOTES = [
  'Tenant says "pay <b>later</b>" & left',
  '<script>alert("x & y")</script>',
  'Pets > 2 & rent < market',
] as const;

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

export function makeLeases(n: number, seed = 42): Lease[] {
  const rand = mulberry32(seed);
  const leases: Lease[] = [];
  for (let i = 0; i < n; i++) {
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const email = `${first}.${last}${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
    const r = rand();
    leases.push({
      id: 1000 + i,
      property: { name: `${pick(rand, BUILDINGS)} #${1 + Math.floor(rand() * 40)}`, address: `${1 + Math.floor(rand() * 999)} ${pick(rand, STREETS)}` },
      tenant: { user: new User(first, last, email) },
      rent: Math.round(80_000 + rand() * 400_000) / 100,
      // Midnight UTC: every engine is asked to format in UTC, so the day never shifts.
      end_date: new Date(Date.UTC(2025 + Math.floor(rand() * 4), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))),
      status: pick(rand, STATUSES),
      notes: r < 0.3 ? null : r < 0.4 ? '' : r < 0.7 ? pick(rand, HOSTILE_NOTES) : `Renewal ${1 + Math.floor(rand() * 5)}`,
    });
  }
  return leases;
}

export function makeContext(n: number): PageContext {
  return { title: 'Leases & renewals <Q3>', viewer: { name: 'Ana "Ops" <admin>' }, leases: makeLeases(n) };
}
