/**
 * json.dumps(value, cls=DjangoJSONEncoder) as Python writes it: ensure_ascii, ", " and ": "
 * separators, NaN/Infinity, dates in ISO form and Decimals as strings.
 */
import { SafeString } from '../safe.js';
import { Decimal, PyDate, isPlainObject, pad2, pyFloatRepr, pyNumberStr } from '../values.js';
import { pyTypeName } from './py-convert.js';
import { PyTypeError, PyValueError } from './py-errors.js';

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal with every non-ASCII UTF-16 unit as \uxxxx (ensure_ascii). */
export function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function jsonFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return Number.isInteger(n) ? pyNumberStr(n) : pyFloatRepr(n);
}

/** datetime.isoformat() cut to milliseconds, as DjangoJSONEncoder does. */
function isoDateTime(d: Date): string {
  const date = PyDate.fromDate(d).toString();
  const base = `${date}T${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  const ms = d.getMilliseconds();
  return ms ? `${base}.${String(ms).padStart(3, '0')}` : base;
}

/** DjangoJSONEncoder.default for the types JSON lacks; undefined when it has no answer. */
function encoderDefault(v: unknown): string | undefined {
  if (v instanceof Date) return isoDateTime(v);
  if (v instanceof PyDate || v instanceof Decimal) return v.toString();
  return undefined;
}

/** A dict key as json.dumps converts it. */
function jsonKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k instanceof SafeString) return k.value;
  if (typeof k === 'number') return jsonFloat(k);
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k === null || k === undefined) return 'null';
  throw new PyTypeError(`keys must be str, int, float, bool or None, not ${pyTypeName(k)}`);
}

export function jsonDumps(v: unknown, seen: Set<unknown> = new Set()): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string' || v instanceof SafeString) return jsonString(String(v));
  if (typeof v === 'number') return jsonFloat(v);
  if (Array.isArray(v) || v instanceof Map || (typeof v === 'object' && isPlainObject(v))) {
    if (seen.has(v)) throw new PyValueError('Circular reference detected');
    seen.add(v);
    const text = Array.isArray(v) ? `[${v.map((x) => jsonDumps(x, seen)).join(', ')}]` : jsonObject(v, seen);
    seen.delete(v);
    return text;
  }
  const fallback = encoderDefault(v);
  if (fallback !== undefined) return jsonString(fallback);
  throw new PyTypeError(`Object of type ${pyTypeName(v)} is not JSON serializable`);
}

function jsonObject(v: object, seen: Set<unknown>): string {
  const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
  return `{${entries.map(([k, x]) => `${jsonString(jsonKey(k))}: ${jsonDumps(x, seen)}`).join(', ')}}`;
}
