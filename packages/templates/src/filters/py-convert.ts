/**
 * Python's int(), float(), str.split() and friends over template values, so filters
 * convert and fail exactly where Django's do.
 */
import { SafeString } from '../safe.js';
import { Decimal, isPlainObject, pyStr } from '../values.js';
import { PyOverflowError, PyTypeError, PyValueError } from './py-errors.js';

/** The characters str.isspace() accepts: str.split(), str.strip(), int() and float() use them. */
export const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const STRIP_RE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const SPLIT_RE = new RegExp(`[${PY_SPACE}]+`);

/** The text of a str (plain or safe); undefined for anything else. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof SafeString) return v.value;
  return undefined;
}

/** The text of a value, as str() gives it (a @stringfilter value is already text). */
export function text(v: unknown): string {
  return textOf(v) ?? pyStr(v);
}

/** str.strip() with no argument. */
export function pyStrip(s: string): string {
  return s.replace(STRIP_RE, '');
}

/** str.split() with no argument: runs of whitespace separate, no empty words. */
export function pySplit(s: string): string[] {
  const stripped = pyStrip(s);
  return stripped === '' ? [] : stripped.split(SPLIT_RE);
}

/** Python's type name of a value, for error messages. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string' || v instanceof SafeString) return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Decimal) return 'decimal.Decimal';
  if (v instanceof Map || (typeof v === 'object' && isPlainObject(v))) return 'dict';
  return typeof v;
}

const INT_TEXT = /^([+-]?)(\d+(?:_\d+)*)$/;

/** Python's int(x): truncates floats, parses decimal text, rejects everything else. */
export function pyInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return truncateFloat(v);
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Decimal) return truncateFloat(v.special ? v.toNumber() : decimalTrunc(v));
  const text = textOf(v);
  if (text === undefined) {
    throw new PyTypeError(`int() argument must be a string, a bytes-like object or a number, not '${pyTypeName(v)}'`);
  }
  const m = INT_TEXT.exec(pyStrip(text));
  if (!m) throw new PyValueError(`invalid literal for int() with base 10: '${text}'`);
  const n = Number(m[2].replace(/_/g, ''));
  return m[1] === '-' ? -n : n;
}

function decimalTrunc(d: Decimal): number {
  const intDigits = d.exponent >= 0 ? d.digits + '0'.repeat(d.exponent) : d.digits.slice(0, Math.max(0, d.digits.length + d.exponent));
  const n = Number(intDigits || '0');
  return d.negative && n !== 0 ? -n : n;
}

function truncateFloat(n: number): number {
  if (Number.isNaN(n)) throw new PyValueError('cannot convert float NaN to integer');
  if (!Number.isFinite(n)) throw new PyOverflowError('cannot convert float infinity to integer');
  const t = Math.trunc(n);
  return Object.is(t, -0) ? 0 : t;
}

const DIGITS = '\\d(?:_?\\d)*';
const FLOAT_TEXT = new RegExp(`^[+-]?(?:(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)$`, 'i');

/** Python's float(x). */
export function pyFloat(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (v instanceof Decimal) return v.toNumber();
  const text = textOf(v);
  if (text === undefined) {
    throw new PyTypeError(`float() argument must be a string or a number, not '${pyTypeName(v)}'`);
  }
  const s = pyStrip(text);
  if (!FLOAT_TEXT.test(s)) throw new PyValueError(`could not convert string to float: '${text}'`);
  const lower = s.toLowerCase().replace(/_/g, '');
  const sign = lower.startsWith('-') ? -1 : 1;
  const body = lower.replace(/^[+-]/, '');
  if (body.startsWith('inf')) return sign * Infinity;
  if (body === 'nan') return NaN;
  return sign * Number(body);
}

/** Runs `fn` and returns `fallback` when it throws one of the given Python errors. */
export function swallow<T, F>(fn: () => T, fallback: F, ...errors: (abstract new (...a: never[]) => Error)[]): T | F {
  try {
    return fn();
  } catch (e) {
    if (errors.some((cls) => e instanceof cls)) return fallback;
    throw e;
  }
}

/** The truncation filters' `int(arg)`: a ValueError leaves the value as it was. */
export function withLength(value: unknown, arg: unknown, fn: (length: number) => string): unknown {
  const length = swallow(() => pyInt(arg), undefined, PyValueError);
  return length === undefined ? value : fn(length);
}
