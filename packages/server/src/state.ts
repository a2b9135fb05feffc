/**
 * Snapshots of a view's public state, so a handler that throws leaves the view as it was.
 * Plain data (arrays, plain objects, Maps, Sets, Dates) is copied deeply; anything else
 * (entities, lazy queries, class instances) is kept by reference.
 */

function copy(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (seen.has(v)) return seen.get(v);
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const x of v) out.push(copy(x, seen));
    return out;
  }
  if (v instanceof Date) return new Date(v.getTime());
  if (v instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(v, out);
    for (const [k, x] of v) out.set(k, copy(x, seen));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set<unknown>();
    seen.set(v, out);
    for (const x of v) out.add(copy(x, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = Object.create(proto) as Record<string, unknown>;
  seen.set(v, out);
  for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k], seen);
  return out;
}

export type Snapshot = Map<string, unknown>;

/** Every own enumerable field of the view (private `_` ones too: they are state as well). */
export function snapshot(view: object): Snapshot {
  const seen = new Map<object, unknown>();
  const out: Snapshot = new Map();
  for (const k of Object.keys(view)) out.set(k, copy((view as Record<string, unknown>)[k], seen));
  return out;
}

export function restore(view: object, snap: Snapshot): void {
  const target = view as Record<string, unknown>;
  for (const k of Object.keys(view)) if (!snap.has(k)) delete target[k];
  for (const [k, v] of snap) target[k] = v;
}
