/**
 * The serialized form of a to-many relation or a list of rows that a template reads the way
 * Django templates read a related manager or a QuerySet: `.all`, `.count`, `.first`, `.last`,
 * `.exists` and numeric indexes (`.0`), while still iterating, counting (`|length`) and testing
 * (`{% if %}`) like a list. Plain data: it holds already serialized rows, in the order loaded.
 * The planner uses it only where the template reads one of those members; elsewhere a list
 * stays an array.
 */
export class PlainQuerySet<T = unknown> implements Iterable<T> {
  readonly [index: number]: T;
  readonly #items: readonly T[];

  constructor(items: readonly T[]) {
    this.#items = items;
    // Own index properties: the renderer reads `.0` as an attribute of an object.
    for (let i = 0; i < items.length; i++) (this as unknown as T[])[i] = items[i];
  }

  get length(): number {
    return this.#items.length;
  }

  /** The rows, as a list (`{% for p in lease.payments.all %}`, `.all|first`). */
  all(): T[] {
    return [...this.#items];
  }

  count(): number {
    return this.#items.length;
  }

  first(): T | null {
    return this.#items[0] ?? null;
  }

  last(): T | null {
    return this.#items[this.#items.length - 1] ?? null;
  }

  exists(): boolean {
    return this.#items.length > 0;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#items[Symbol.iterator]();
  }
}
