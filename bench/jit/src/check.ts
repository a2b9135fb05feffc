/**
 * Equivalence checks run before any number is printed: a fast serializer that drops a field
 * would win every table. The JIT and the hand-written serializer must agree exactly; the
 * generic ones emit more, but must carry every value the dashboard reads.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { PyDate } from '@djust/templates';
import type { DashboardLease } from './views.js';

/** The value at a dotted path of plain data, or undefined where the path breaks off. */
export function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function assertSameOutput(name: string, actual: unknown, expected: readonly DashboardLease[]): void {
  try {
    deepStrictEqual(actual, expected);
  } catch (e) {
    throw new Error(`${name}: output differs from the hand-written serializer`, { cause: e });
  }
}

/** A generic serializer's rows (camelCase, plain strings) hold the same dashboard values. */
export function assertCovers(name: string, rows: unknown, expected: readonly DashboardLease[]): void {
  if (!Array.isArray(rows) || rows.length !== expected.length) throw new Error(`${name}: expected ${expected.length} rows`);
  expected.forEach((want, i) => {
    const row: unknown = rows[i];
    const user = want.tenant?.user ?? null;
    const endDate = at(row, 'endDate');
    const checks: [string, unknown, unknown][] = [
      ['id', at(row, 'id'), want.id],
      ['property.name', at(row, 'property.name'), want.property?.name],
      ['tenant.user.email', at(row, 'tenant.user.email') ?? null, user?.email ?? null],
      ['full name', user ? `${String(at(row, 'tenant.user.firstName'))} ${String(at(row, 'tenant.user.lastName'))}` : null, user?.get_full_name ?? null],
      ['endDate', typeof endDate === 'string' ? PyDate.parse(endDate.slice(0, 10)) : endDate, want.end_date],
    ];
    for (const [what, got, exp] of checks) {
      try {
        deepStrictEqual(got, exp);
      } catch (e) {
        throw new Error(`${name}: row ${i} ${what} differs`, { cause: e });
      }
    }
  });
}
