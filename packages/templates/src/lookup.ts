/**
 * Django's variable lookup for one segment of a dotted path: dictionary key, then attribute,
 * then list index; callables are called with no arguments. A snake_case segment that finds
 * nothing falls back to its camelCase spelling. This module is the one source of truth: the
 * root names of a render (scope.ts), the runtime and the code compiled for `{{ a.b.c }}`
 * (compiler.ts, whose inline fast path must agree with `lookupName`) all answer as it does.
 *
 * Values come in two sorts, told apart by their prototype chain:
 * - data: plain objects (also null-prototype ones) and instances of application classes,
 *   whose chain holds no built-in prototype but Object.prototype at its end. Their own
 *   properties and their classes' members are reachable.
 * - built-in values: arrays, Maps, Sets, typed arrays and Buffers, Dates, Errors, RegExps,
 *   Promises, iterators, and this package's SafeString, Decimal, PyDate and PyFloat (and
 *   subclasses of any of these). Only what Python's own types offer is reachable: a Map's
 *   keys and items/keys/values, a list's or str's indexes, str methods, a date's fields; plus
 *   the members a subclass declares. Their own properties and built-in members (`pop`,
 *   `reverse`, `size`, `message`, `length`) never are, so no lookup can mutate them.
 * Nothing reaches a prototype or the Function constructor: `constructor`, `prototype`,
 * `__proto__` and names starting with `_` are never returned.
 */
import { Decimal, PyDate, PyFloat } from './values.js';
import { SafeString } from './safe.js';
import { STR_METHODS } from './str-methods.js';
import { flaggedAltersData, instanceAltersData } from './alters-data.js';
import { camelCase } from './camel-case.js';

/** Returned when a lookup finds nothing (Django's VariableDoesNotExist, silently). */
export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

const FORBIDDEN = new Set(['constructor', 'prototype', '__proto__']);

const protoOf = Object.getPrototypeOf as (o: object) => object | null;
const hasOwn = Object.prototype.hasOwnProperty;
const TYPED_ARRAY_PROTOTYPE = protoOf(Uint8Array.prototype) as object;
/** The iterator prototypes (array, Map, Set, string, matchAll, generators), whose `next` would advance them. */
const ITERATOR_PROTOTYPES = (() => {
  const generator = protoOf(protoOf((function* () {})()) as object) as object;
  const asyncGenerator = protoOf(protoOf((async function* () {})()) as object) as object;
  const leaves = [[][Symbol.iterator](), new Map().entries(), new Set().values(), ''[Symbol.iterator](), /x/g[Symbol.matchAll]('')];
  const protos = leaves.map((it) => protoOf(it) as object);
  return [...protos, protoOf(protos[0]) as object, generator, asyncGenerator, protoOf(asyncGenerator) as object];
})();

/** Prototypes of the built-in value types (see above); Object.prototype ends every chain. */
const BUILTIN_PROTOTYPES = new Set<object>([
  Object.prototype,
  Function.prototype,
  Array.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  Symbol.prototype,
  BigInt.prototype,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  WeakSet.prototype,
  WeakRef.prototype,
  Date.prototype,
  RegExp.prototype,
  Error.prototype,
  Promise.prototype,
  ArrayBuffer.prototype,
  SharedArrayBuffer.prototype,
  DataView.prototype,
  TYPED_ARRAY_PROTOTYPE,
  // Node's Buffer adds members (fill, write, swap16...) of its own above Uint8Array.
  ...(typeof Buffer === 'function' ? [Buffer.prototype] : []),
  ...ITERATOR_PROTOTYPES,
  SafeString.prototype,
  Decimal.prototype,
  PyDate.prototype,
  PyFloat.prototype,
]);

export function isForbiddenName(name: string): boolean {
  return name.charCodeAt(0) === 95 /* _ */ || FORBIDDEN.has(name);
}


const dataPrototypes = new WeakMap<object, boolean>();

/**
 * Whether objects with this prototype are data (plain objects, application class instances):
 * no built-in prototype on the chain but Object.prototype at its end. Decided once per prototype.
 */
export function isDataPrototype(proto: object | null): boolean {
  if (proto === null || proto === Object.prototype) return true;
  let known = dataPrototypes.get(proto);
  if (known === undefined) {
    known = true;
    for (let p: object | null = proto; p !== null && p !== Object.prototype; p = protoOf(p)) {
      if (BUILTIN_PROTOTYPES.has(p)) {
        known = false;
        break;
      }
    }
    dataPrototypes.set(proto, known);
  }
  return known;
}

/**
 * Calls a callable found by lookup under `key` unless it opts out, as Django does: flagged
 * `alters_data` itself, or named in its owner's class registry (alters-data.ts).
 */
export function callIfCallable(value: unknown, owner: unknown, key: string): unknown {
  if (typeof value !== 'function') return value;
  const fn = value as ((this: unknown) => unknown) & { do_not_call_in_templates?: boolean; doNotCallInTemplates?: boolean };
  if (fn.do_not_call_in_templates || fn.doNotCallInTemplates) return value;
  if (flaggedAltersData(fn)) return MISSING;
  if (typeof owner === 'object' && owner !== null && instanceAltersData(owner, key)) return MISSING;
  if (isClass(fn)) return MISSING;
  try {
    return fn.call(owner);
  } catch (e) {
    return silentFailure(e);
  }
}

const classes = new WeakMap<object, boolean>();

/** Classes are callable in JS but calling one throws; Django would not call a type either. */
function isClass(fn: object): boolean {
  let known = classes.get(fn);
  if (known === undefined) {
    known = /^class[\s{]/.test(Function.prototype.toString.call(fn));
    classes.set(fn, known);
  }
  return known;
}

/**
 * Django's silent_variable_failure: an error so marked makes the whole lookup quietly fail
 * (a missing value, wherever in the path it was raised); others propagate.
 */
export function silentFailure(e: unknown): Missing {
  const flags = e as { silent_variable_failure?: unknown; silentVariableFailure?: unknown } | null;
  if (flags && (flags.silent_variable_failure || flags.silentVariableFailure)) return MISSING;
  throw e;
}

/** A member as a property descriptor describes it: a value, a getter's result, or (setter only) undefined. */
function readDescriptor(desc: PropertyDescriptor, obj: object): unknown {
  if ('value' in desc) return desc.value;
  if (!desc.get) return undefined;
  try {
    return desc.get.call(obj);
  } catch (e) {
    return silentFailure(e);
  }
}

/** Class members by prototype and name: resolved once, since prototypes rarely change. */
const protoMembers = new WeakMap<object, Map<string, PropertyDescriptor | null>>();

/** A member declared on the chain from `proto` up to (not including) the first built-in prototype. */
function protoMember(proto: object, key: string): PropertyDescriptor | null {
  let byKey = protoMembers.get(proto);
  if (!byKey) protoMembers.set(proto, (byKey = new Map()));
  let m = byKey.get(key);
  if (m === undefined) {
    m = null;
    for (let t: object | null = proto; t !== null && !BUILTIN_PROTOTYPES.has(t); t = protoOf(t)) {
      const desc = Object.getOwnPropertyDescriptor(t, key);
      if (desc) {
        m = desc;
        break;
      }
    }
    byKey.set(key, m);
  }
  return m;
}

/** What a class (or a subclass of a built-in type) declares under `key`, or MISSING. */
function classMember(obj: object, proto: object | null, key: string): unknown {
  const m = proto === null ? null : protoMember(proto, key);
  return m ? readDescriptor(m, obj) : MISSING;
}

/** A data object's own property, else its class's member. */
function dataMember(obj: object, proto: object | null, key: string): unknown {
  if (!hasOwn.call(obj, key)) return classMember(obj, proto, key);
  return readDescriptor(Object.getOwnPropertyDescriptor(obj, key)!, obj);
}

/** dict.items(), .keys() and .values(), for `{% for k, v in d.items %}`. */
function dictMethod(entries: () => [unknown, unknown][], key: string): unknown {
  if (key === 'items') return entries();
  if (key === 'keys') return entries().map((e) => e[0]);
  if (key === 'values') return entries().map((e) => e[1]);
  return MISSING;
}

/** A list index such as `0` or `-1`. */
function itemAt(items: readonly unknown[], key: string): unknown {
  if (!/^-?\d+$/.test(key)) return MISSING;
  let i = parseInt(key, 10);
  if (i < 0) i += items.length;
  return i >= 0 && i < items.length ? items[i] : MISSING;
}

/** A str's attributes: its methods (returned uncalled), then its characters by index. */
function strAttr(text: string, key: string): unknown {
  if (Object.hasOwn(STR_METHODS, key)) return () => STR_METHODS[key](text);
  return /^-?\d+$/.test(key) ? itemAt([...text], key) : MISSING;
}

const DATE_ATTRS: Record<string, (d: Date) => number> = {
  year: (d) => d.getFullYear(),
  month: (d) => d.getMonth() + 1,
  day: (d) => d.getDate(),
  hour: (d) => d.getHours(),
  minute: (d) => d.getMinutes(),
  second: (d) => d.getSeconds(),
  microsecond: (d) => d.getMilliseconds() * 1000,
};

/** A built-in value's attributes: what Python's own type offers, plus what a subclass declares. */
function builtinAttr(obj: object, proto: object | null, key: string, frame: boolean): unknown {
  if (obj instanceof SafeString) return strAttr(obj.value, key);
  const map = obj instanceof Map ? obj : null;
  if (map?.has(key)) return map.get(key);
  const declared = classMember(obj, proto, key);
  if (declared !== MISSING) return declared;
  const camel = camelCase(key);
  if (camel !== undefined) {
    if (map?.has(camel)) return map.get(camel);
    const viaCamel = classMember(obj, proto, camel);
    if (viaCamel !== MISSING) return viaCamel;
  }
  if (map) return frame ? MISSING : dictMethod(() => [...map.entries()], key);
  if (obj instanceof Date) return Object.hasOwn(DATE_ATTRS, key) ? DATE_ATTRS[key](obj) : MISSING;
  if (obj instanceof PyDate) return key === 'year' || key === 'month' || key === 'day' ? obj[key] : MISSING;
  if (Array.isArray(obj)) return itemAt(obj, key);
  return MISSING;
}

/**
 * Resolves one segment against a value without calling what it finds (getters do run).
 * `frame`: `obj` is a frame of the context stack, whose names are its keys only, as Django's
 * Context is a stack of dicts it indexes: a dict's items/keys/values are no names of a render.
 */
export function lookupRaw(obj: unknown, key: string, frame = false): unknown {
  if (obj === null || obj === undefined || isForbiddenName(key)) return MISSING;
  if (typeof obj === 'string') return strAttr(obj, key);
  // Numbers, booleans and functions have no attributes a template reads.
  if (typeof obj !== 'object') return MISSING;
  const proto = protoOf(obj);
  if (!isDataPrototype(proto)) return builtinAttr(obj, proto, key, frame);
  const found = dataMember(obj, proto, key);
  if (found !== MISSING) return found;
  const camel = camelCase(key);
  if (camel !== undefined) {
    const viaCamel = dataMember(obj, proto, camel);
    if (viaCamel !== MISSING) return viaCamel;
  }
  return !frame && (proto === null || proto === Object.prototype) ? dictMethod(() => Object.entries(obj), key) : MISSING;
}

/** One segment of a dotted path, as Django resolves it: lookup, then call. */
export function lookup(obj: unknown, key: string): unknown {
  return isForbiddenName(key) ? MISSING : lookupName(obj, key);
}

/**
 * `lookup` for a key already known not to be forbidden (compiled templates check their
 * segments once, at compile time).
 */
export function lookupName(obj: unknown, key: string, frame = false): unknown {
  if (typeof obj === 'object' && obj !== null) {
    // A plain object's own field, the commonest case: read directly (the same answer as below).
    const proto = protoOf(obj);
    if ((proto === Object.prototype || proto === null) && hasOwn.call(obj, key)) {
      let v: unknown;
      try {
        v = (obj as Record<string, unknown>)[key];
      } catch (e) {
        return silentFailure(e);
      }
      return typeof v === 'function' ? callIfCallable(v, obj, key) : v;
    }
  }
  const raw = lookupRaw(obj, key, frame);
  return typeof raw === 'function' ? callIfCallable(raw, obj, key) : raw;
}

/**
 * A whole dotted path from a root object (`{{ a.b.c }}` is `resolvePath(context, ['a', 'b',
 * 'c'])`), each segment through `lookup`: what a compiled template must find too.
 */
export function resolvePath(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const seg of path) v = v === MISSING ? MISSING : lookup(v, seg);
  return v;
}

// ------------------------------------------------------------ the compiled fast case
// Compiled paths (compiler.ts) read a property inline when the object is data, telling data
// by its `constructor`; these two helpers keep that fast case answering as lookupName does.

/** What no constructor is: dataConstructor's answer for a value that is not data. */
const NOT_DATA: unique symbol = Symbol('not data');

/** A value's `constructor` when the value is data (so a lookup site can remember it), else NOT_DATA. */
export function dataConstructor(obj: object): unknown {
  return isDataPrototype(protoOf(obj)) ? (obj as { constructor?: unknown }).constructor : NOT_DATA;
}

/**
 * A function the fast case read from an object: called as lookupName would call it.
 * lookupName decides instead when the object is not data after all (an iterator, whose
 * `constructor` reads as Object's) or when the function is Object.prototype's own member,
 * which templates never reach.
 */
export function callFound(obj: object, fn: unknown, key: string): unknown {
  const inherited = (Object.prototype as unknown as Record<string, unknown>)[key] === fn && !hasOwn.call(obj, key);
  if (inherited || !isDataPrototype(protoOf(obj))) return lookupName(obj, key);
  return callIfCallable(fn, obj, key);
}
