/** Python's == and ordering between template values. */
import { Decimal, PyDate, PyFloat, isPlainObject } from './values.js';
import { SafeString } from './safe.js';

/** Python's TypeError for comparisons between types that have no order. */
export class PyTypeError extends Error {
  override name = 'TypeError';
}

/** The numeric value of Python's numeric types (bool, int, float, Decimal); undefined for others. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Decimal) return v.toNumber();
  if (v instanceof PyFloat) return v.value;
  return undefined;
}

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof SafeString) return v.value;
  return undefined;
}

export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  const ta = asText(a);
  const tb = asText(b);
  if (ta !== undefined && tb !== undefined) return ta === tb;
  if (a instanceof PyDate && b instanceof PyDate) return a.toString() === b.toString();
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !pyEquals(v, b.get(k))) return false;
    return true;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    const rb = b as Record<string, unknown>;
    const ra = a as Record<string, unknown>;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && pyEquals(ra[k], rb[k]));
  }
  return false;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Date) return 'datetime.datetime';
  if (v instanceof PyDate) return 'datetime.date';
  return typeof v;
}

/** Negative, zero or positive as Python orders a and b; throws PyTypeError when it cannot. */
export function pyCompare(a: unknown, b: unknown): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) {
    if (Number.isNaN(na) || Number.isNaN(nb)) return NaN;
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  const ta = asText(a);
  const tb = asText(b);
  if (ta !== undefined && tb !== undefined) return ta < tb ? -1 : ta > tb ? 1 : 0;
  if (a instanceof PyDate && b instanceof PyDate) return pyCompare(a.toString(), b.toString());
  if (a instanceof Date && b instanceof Date) return pyCompare(a.getTime(), b.getTime());
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw new PyTypeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}
