/** Filters over sequences and plain values: sorting, picking, joining, slicing, defaults. */
import { PyTypeError, pyCompare } from '../compare.js';
import { MISSING, lookupRaw } from '../lookup.js';
import { markSafe } from '../safe.js';
import { Decimal, PyDate, isPlainObject, isTruthy, pyIter, pyLen, pyStr } from '../values.js';
import { conditionalEscape } from './html.js';
import { pformat } from './pprint.js';
import { pyFloat, pyInt, swallow, textOf } from './py-convert.js';
import { PyAttributeError, PyIndexError, PyKeyError, PyValueError } from './py-errors.js';
import type { FilterOptions, FilterTable } from './types.js';

/** value[key] for dict keys, list and str indexes, as Python's itemgetter does it. */
function getItem(obj: unknown, key: unknown): unknown {
  const k = textOf(key) ?? key;
  if (Array.isArray(obj) || textOf(obj) !== undefined) {
    if (typeof k !== 'number' && typeof k !== 'boolean') throw new PyTypeError('indices must be integers or slices, not str');
    if (!Number.isInteger(Number(k))) throw new PyTypeError('indices must be integers or slices, not float');
    const items = Array.isArray(obj) ? obj : [...(textOf(obj) as string)];
    const i = Number(k) < 0 ? Number(k) + items.length : Number(k);
    if (i < 0 || i >= items.length) throw new PyIndexError('index out of range');
    return items[i];
  }
  if (obj instanceof Map) {
    if (!obj.has(k)) throw new PyKeyError(pyStr(k));
    return obj.get(k);
  }
  if (typeof obj === 'object' && obj !== null && typeof k === 'string' && Object.prototype.hasOwnProperty.call(obj, k)) {
    return (obj as Record<string, unknown>)[k];
  }
  if (typeof obj === 'object' && obj !== null) throw new PyKeyError(pyStr(k));
  throw new PyTypeError(`'${typeof obj}' object is not subscriptable`);
}

/** Methods a dict or list has as attributes: getattr finds them (they then fail to sort). */
const DICT_METHODS = new Set(['clear', 'copy', 'fromkeys', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values']);
const LIST_METHODS = new Set(['append', 'clear', 'copy', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse', 'sort']);
const INT_ATTRS = new Set(['real', 'numerator']);
const DATE_ATTRS = new Set(['year', 'month', 'day']);
const DATETIME_ATTRS = new Set(['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond']);

const isDict = (v: unknown): v is object => typeof v === 'object' && v !== null && isPlainObject(v);

/** A bound method found by getattr: a value no other value orders against. */
class BoundMethod {
  constructor(readonly name: string) {}
}

/** getattr(value, name) for the values templates carry; AttributeError when Python has none. */
function getAttr(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    if (LIST_METHODS.has(name)) return new BoundMethod(name);
  } else if (value instanceof Date) {
    if (DATETIME_ATTRS.has(name)) return lookupRaw(value, name);
  } else if (value instanceof PyDate) {
    if (DATE_ATTRS.has(name)) return lookupRaw(value, name);
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    const n = Number(value);
    if (name === 'real') return n;
    if (name === 'imag') return 0;
    if (Number.isInteger(n) && INT_ATTRS.has(name)) return n;
    if (Number.isInteger(n) && name === 'denominator') return 1;
  } else if (value instanceof Map || isDict(value)) {
    if (DICT_METHODS.has(name)) return new BoundMethod(name);
  } else if (typeof value === 'object' && value !== null && !(value instanceof Decimal) && textOf(value) === undefined) {
    const found = lookupRaw(value, name);
    if (found !== MISSING) return found;
  }
  throw new PyAttributeError(`object has no attribute '${name}'`);
}

/** value[name] with a str key, falling back to getattr(value, name), as Django 3.2.11+ does. */
function itemOrAttr(value: unknown, name: string): unknown {
  if (value instanceof Map && value.has(name)) return value.get(name);
  if (isDict(value) && Object.prototype.hasOwnProperty.call(value, name)) return (value as Record<string, unknown>)[name];
  return getAttr(value, name);
}

/**
 * Django 3.2.25's _property_resolver: item access when arg reads as a float; otherwise a
 * dotted path of item-or-attribute steps (no calls, no list indexes), refusing private names.
 */
function propertyResolver(arg: unknown): (item: unknown) => unknown {
  const numeric = swallow(
    () => {
      pyFloat(arg);
      return true;
    },
    false,
    PyValueError,
  );
  if (numeric) return (item) => getItem(item, arg);
  const path = textOf(arg);
  if (path === undefined) throw new PyTypeError(`float() argument must be a string or a number`);
  if (path === '') throw new PyIndexError('string index out of range');
  if (path.includes('._') || path.startsWith('_')) throw new PyAttributeError('Access to private variables is forbidden.');
  const parts = path.split('.');
  return (item) => parts.reduce((value, part) => itemOrAttr(value, part), item);
}

/** sorted(value, key=..., reverse=...): stable either way; '' on TypeError or AttributeError. */
function dictsort(value: unknown, arg: unknown, reverse: boolean): unknown {
  try {
    const items = pyIter(value);
    if (items === undefined) return '';
    const resolve = propertyResolver(arg);
    const keyed = items.map((item) => ({ item, key: resolve(item) }));
    const sign = reverse ? -1 : 1;
    keyed.sort((a, b) => sign * pyCompare(a.key, b.key));
    return keyed.map((k) => k.item);
  } catch (e) {
    if (e instanceof PyTypeError || e instanceof PyAttributeError) return '';
    throw e;
  }
}

/** value[0] / value[-1]; '' when the sequence is empty. */
function pick(value: unknown, index: 0 | -1): unknown {
  return swallow(() => getItem(value, index), '', PyIndexError);
}

function join(value: unknown, arg: unknown, { autoescape }: FilterOptions): unknown {
  const items = pyIter(value);
  if (items === undefined) return value;
  const parts = autoescape ? items.map((v) => conditionalEscape(v).value) : items.map((v) => textOf(v));
  // str.join raises TypeError on a non-str item; Django then returns the value as it was.
  if (parts.some((p) => p === undefined)) return value;
  return markSafe(parts.join(conditionalEscape(arg).value));
}

function lengthIs(value: unknown, arg: unknown): unknown {
  const length = pyLen(value);
  if (length === undefined) return '';
  const wanted = swallow(() => pyInt(arg), undefined, PyValueError, PyTypeError);
  return wanted === undefined ? '' : length === wanted;
}

function random(value: unknown): unknown {
  const items = pyIter(value);
  if (items === undefined) throw new PyTypeError(`object of type '${typeof value}' has no len()`);
  if (items.length === 0) throw new PyIndexError('Cannot choose from an empty sequence');
  return items[Math.floor(Math.random() * items.length)];
}

/** Python's slice.indices(): start, stop, step resolved against a length. */
function sliceIndices(length: number, start: number | null, stop: number | null, step: number): [number, number] {
  const clamp = (i: number | null, dflt: number, lo: number, hi: number): number => {
    if (i === null) return dflt;
    const j = i < 0 ? i + length : i;
    return Math.min(Math.max(j, lo), hi);
  };
  if (step > 0) return [clamp(start, 0, 0, length), clamp(stop, length, 0, length)];
  return [clamp(start, length - 1, -1, length - 1), clamp(stop, -1, -1, length - 1)];
}

function pySliceItems<T>(items: T[], bits: (number | null)[]): T[] {
  const [start, stop, step] = bits.length === 1 ? [null, bits[0], 1] : [bits[0], bits[1], bits[2] ?? 1];
  const by = step ?? 1;
  if (by === 0) throw new PyValueError('slice step cannot be zero');
  const [from, to] = sliceIndices(items.length, start, stop, by);
  const out: T[] = [];
  for (let i = from; by > 0 ? i < to : i > to; i += by) out.push(items[i]);
  return out;
}

/** value[slice(*bits)] for lists and strings; the value unchanged on ValueError/TypeError. */
function slice(value: unknown, arg: unknown): unknown {
  try {
    const bits = pyStr(arg)
      .split(':')
      .map((x) => (x === '' ? null : pyInt(x)));
    if (bits.length > 3) throw new PyTypeError('slice expected at most 3 arguments');
    const text = textOf(value);
    if (text !== undefined) return pySliceItems([...text], bits).join('');
    if (Array.isArray(value)) return pySliceItems(value, bits);
    throw new PyTypeError('unhashable type: slice');
  } catch (e) {
    if (e instanceof PyValueError || e instanceof PyTypeError) return value;
    throw e;
  }
}

function yesno(value: unknown, arg: unknown): unknown {
  const choices = arg === undefined ? 'yes,no,maybe' : textOf(arg);
  if (choices === undefined) throw new PyAttributeError(`'${typeof arg}' object has no attribute 'split'`);
  const bits = choices.split(',');
  if (bits.length < 2) return value;
  // Without exactly three choices, "maybe" falls back to "no".
  const [yes, no, maybe] = bits.length === 3 ? bits : [bits[0], bits[1], bits[1]];
  if (value === null || value === undefined) return maybe;
  return isTruthy(value) ? yes : no;
}

export const listFilters: FilterTable = {
  dictsort: { arg: 'required', fn: (v, arg) => dictsort(v, arg, false) },
  dictsortreversed: { arg: 'required', fn: (v, arg) => dictsort(v, arg, true) },
  first: { arg: 'none', fn: (v) => pick(v, 0) },
  last: { arg: 'none', isSafe: true, fn: (v) => pick(v, -1) },
  join: { arg: 'required', isSafe: true, fn: join },
  length: { arg: 'none', fn: (v) => pyLen(v) ?? 0 },
  length_is: { arg: 'required', fn: lengthIs },
  random: { arg: 'none', isSafe: true, fn: random },
  slice: { arg: 'required', isSafe: true, fn: slice },
  default: { arg: 'required', fn: (v, arg) => (isTruthy(v) ? v : arg) },
  default_if_none: { arg: 'required', fn: (v, arg) => (v === null || v === undefined ? arg : v) },
  yesno: { arg: 'optional', fn: yesno },
  pprint: { arg: 'none', isSafe: true, fn: (v) => pformat(v) },
};
