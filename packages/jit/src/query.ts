/**
 * Lazy queries: `query(Lease).where({ status: 'active' }).orderBy({ endDate: 'asc' }).limit(5)`.
 * A value, not a promise: nothing runs until the JIT executes it with the plan's populate
 * hints and field list. Each call returns a new query; the original is left as it was.
 */
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';

export interface QuerySpec<T extends object> {
  entity: EntityName<T>;
  where: FilterQuery<T>;
  orderBy: QueryOrderMap<T>[];
  limit?: number;
  offset?: number;
  /** One row (or null) instead of a list. */
  single: boolean;
}

export class LazyQuery<T extends object = object> {
  constructor(readonly spec: Readonly<QuerySpec<T>>) {
    Object.freeze(this);
  }

  private with(patch: Partial<QuerySpec<T>>): LazyQuery<T> {
    return new LazyQuery<T>({ ...this.spec, ...patch });
  }

  /** Adds conditions (combined with AND with any already given). */
  where(cond: FilterQuery<T>): LazyQuery<T> {
    const current = this.spec.where as object;
    const empty = current && typeof current === 'object' && Object.keys(current).length === 0;
    return this.with({ where: (empty ? cond : { $and: [current, cond] }) as FilterQuery<T> });
  }

  orderBy(order: QueryOrderMap<T>): LazyQuery<T> {
    return this.with({ orderBy: [...this.spec.orderBy, order] });
  }

  limit(n: number): LazyQuery<T> {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`limit must be a non-negative integer, got ${n}`);
    return this.with({ limit: n });
  }

  offset(n: number): LazyQuery<T> {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`offset must be a non-negative integer, got ${n}`);
    return this.with({ offset: n });
  }

  /** The first matching row, or null. */
  one(): LazyQuery<T> {
    return this.with({ single: true, limit: 1 });
  }
}

export function query<T extends object>(entity: EntityName<T>): LazyQuery<T> {
  return new LazyQuery<T>({ entity, where: {} as FilterQuery<T>, orderBy: [], single: false });
}

export function isLazyQuery(v: unknown): v is LazyQuery {
  return v instanceof LazyQuery;
}
