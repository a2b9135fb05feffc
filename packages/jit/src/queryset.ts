/**
 * The serialized form of a to-many relation or a list of rows that a template reads the way
 * Django templates read a related manager or a QuerySet: `.all`, `.count`, `.first`, `.last`,
 * `.exists` and numeric indexes (`.0`). It is a list (an Array subclass), so everything else
 * treats it as one: loops, filters (`|length`, `|first`, `|slice`, `|dictsort`...), `{% if %}`
 * and printing; the template engine's lookup reaches the members this class declares, as it
 * does for any subclass of a built-in type. Plain data: it holds already serialized rows, in
 * the order loaded. The planner uses it only where the template reads one of those members;
 * elsewhere a list stays an array.
 */
export class PlainQuerySet<T = unknown> extends Array<T> {
  /** What `map`, `slice`, `filter` and the like derive from it: plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(items: readonly T[]) {
    super();
    // A loop, not push(...items): a spread of a long list would overflow the call stack.
    for (let i = 0; i < items.length; i++) this[i] = items[i];
  }

  /** The same rows, read as Django's `.all()` is: a query set again (`.all.count`, `.all|first`). */
  all(): PlainQuerySet<T> {
    return new PlainQuerySet(this);
  }

  count(): number {
    return this.length;
  }

  first(): T | null {
    return this.length ? this[0] : null;
  }

  last(): T | null {
    return this.length ? this[this.length - 1] : null;
  }

  exists(): boolean {
    return this.length > 0;
  }
}

/** Serialized rows as the template reads them: a PlainQuerySet where it uses the idioms, else the array itself. */
export function rowList<T>(rows: T[], queryset: boolean | undefined): T[] {
  return queryset ? new PlainQuerySet(rows) : rows;
}
