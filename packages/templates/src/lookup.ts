/**
 * Django's variable lookup for one segment of a dotted path: dictionary key, then attribute,
 * then list index; callables are called with no arguments. A snake_case segment that finds
 * nothing falls back to its camelCase spelling. Nothing reaches an object's prototype or the
 * Function constructor: `constructor`, `prototype`, `__proto__` and members of built-in
 * prototypes are never returned.
 */
import { Decimal, PyDate, isPlainObject } from './values.js';
import { SafeString } from './safe.js';
import { pyTitle } from './filters/text-case.js';

/** Returned when a lookup finds nothing (Django's VariableDoesNotExist, silently). */
export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

const FORBIDDEN = new Set(['constructor', 'prototype', '__proto__']);

/** Prototypes whose members templates never see (methods like `pop` would mutate). */
const BUILTIN_PROTOTYPES = new Set<unknown>([
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  Map.prototype,
  Set.prototype,
  Date.prototype,
  Promise.prototype,
  RegExp.prototype,
  Error.prototype,
  SafeString.prototype,
]);

export function isForbiddenName(name: string): boolean {
  return name.charCodeAt(0) === 95 /* _ */ || FORBIDDEN.has(name);
}

/** `end_date` → `endDate`; undefined when the name has no underscore to fold. */
export function camelCase(name: string): string | undefined {
  if (!name.includes('_') || name.startsWith('_')) return undefined;
  return name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Calls a callable found by lookup unless it opts out, as Django does. */
export function callIfCallable(value: unknown, owner: unknown): unknown {
  if (typeof value !== 'function') return value;
  const fn = value as ((this: unknown) => unknown) & { alters_data?: boolean; altersData?: boolean; do_not_call_in_templates?: boolean; doNotCallInTemplates?: boolean };
  if (fn.do_not_call_in_templates || fn.doNotCallInTemplates) return value;
  if (fn.alters_data || fn.altersData) return MISSING;
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

/** Django's silent_variable_failure: an error so marked makes the lookup quietly fail; others propagate. */
export function silentFailure(e: unknown): Missing {
  const flags = e as { silent_variable_failure?: unknown; silentVariableFailure?: unknown } | null;
  if (flags && (flags.silent_variable_failure || flags.silentVariableFailure)) return MISSING;
  throw e;
}

function memberOf(obj: object, key: string): unknown {
  if (obj instanceof Map) {
    return obj.has(key) ? obj.get(key) : MISSING;
  }
  // Own data and accessor properties, then class members below the built-in prototypes.
  let target: object | null = obj;
  while (target !== null && !BUILTIN_PROTOTYPES.has(target)) {
    const desc = Object.getOwnPropertyDescriptor(target, key);
    if (desc) {
      if ('value' in desc) return desc.value;
      if (desc.get) {
        try {
          return desc.get.call(obj);
        } catch (e) {
          return silentFailure(e);
        }
      }
      return MISSING;
    }
    target = Object.getPrototypeOf(target);
  }
  return MISSING;
}

/** A class member as found on a prototype chain: a method or other value, or a getter. */
type ProtoMember = { value: unknown } | { get: () => unknown } | null;

/** Class members by prototype and name: resolved once, since prototypes rarely change. */
const protoMembers = new WeakMap<object, Map<string, ProtoMember>>();

function protoMember(proto: object, key: string): ProtoMember {
  let byKey = protoMembers.get(proto);
  if (!byKey) protoMembers.set(proto, (byKey = new Map()));
  let m = byKey.get(key);
  if (m === undefined) {
    m = null;
    for (let t: object | null = proto; t !== null && !BUILTIN_PROTOTYPES.has(t); t = Object.getPrototypeOf(t)) {
      const desc = Object.getOwnPropertyDescriptor(t, key);
      if (desc) {
        m = 'value' in desc ? { value: desc.value } : desc.get ? { get: desc.get } : null;
        break;
      }
    }
    byKey.set(key, m);
  }
  return m;
}

/** Reads a class member found on the prototype, calling methods and getters as Django would. */
function readMember(obj: object, m: Exclude<ProtoMember, null>): unknown {
  if ('value' in m) return typeof m.value === 'function' ? callIfCallable(m.value, obj) : m.value;
  try {
    return m.get.call(obj);
  } catch (e) {
    return silentFailure(e);
  }
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

/** The few attributes Python's own types expose that templates commonly read. */
function builtinAttr(obj: unknown, key: string): unknown {
  if (obj instanceof Date && key in DATE_ATTRS) return DATE_ATTRS[key](obj);
  if (obj instanceof PyDate && (key === 'year' || key === 'month' || key === 'day')) return obj[key];
  // dict.items(), .keys() and .values(), for `{% for k, v in d.items %}`.
  if (obj instanceof Map || (obj !== null && typeof obj === 'object' && isPlainObject(obj))) {
    const entries = obj instanceof Map ? [...obj.entries()] : Object.entries(obj);
    if (key === 'items') return entries;
    if (key === 'keys') return entries.map((e) => e[0]);
    if (key === 'values') return entries.map((e) => e[1]);
  }
  return MISSING;
}

function indexOf(obj: unknown, key: string): unknown {
  if (!/^-?\d+$/.test(key)) return MISSING;
  let i = parseInt(key, 10);
  if (Array.isArray(obj)) {
    if (i < 0) i += obj.length;
    return i >= 0 && i < obj.length ? obj[i] : MISSING;
  }
  if (typeof obj === 'string' || obj instanceof SafeString) {
    const chars = [...String(obj)];
    if (i < 0) i += chars.length;
    return i >= 0 && i < chars.length ? chars[i] : MISSING;
  }
  return MISSING;
}

const isSpace = (s: string): boolean => s.length > 0 && /^\s+$/u.test(s);
const cased = (s: string): boolean => s.toLowerCase() !== s.toUpperCase();

/** Python str methods a template can call without arguments (`{{ name.upper }}`). */
const STR_METHODS: Record<string, (s: string) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  capitalize: (s) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
  title: (s) => pyTitle(s),
  strip: (s) => s.trim(),
  lstrip: (s) => s.trimStart(),
  rstrip: (s) => s.trimEnd(),
  split: (s) => s.trim().split(/\s+/u).filter(Boolean),
  splitlines: (s) => s.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u).filter((l, i, all) => i < all.length - 1 || l !== ''),
  isdigit: (s) => /^\p{Nd}+$/u.test(s),
  isnumeric: (s) => /^\p{N}+$/u.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: isSpace,
  isupper: (s) => cased(s) && s === s.toUpperCase(),
  islower: (s) => cased(s) && s === s.toLowerCase(),
};

/** Resolves one segment against a value without calling what it finds. */
export function lookupRaw(obj: unknown, key: string): unknown {
  if (obj === null || obj === undefined || isForbiddenName(key)) return MISSING;
  if ((typeof obj === 'string' || obj instanceof SafeString) && Object.hasOwn(STR_METHODS, key)) {
    const text = String(obj);
    return () => STR_METHODS[key](text);
  }
  if (typeof obj === 'object' || typeof obj === 'function') {
    if (typeof obj === 'function') return MISSING;
    if (!(obj instanceof Decimal) && !(obj instanceof SafeString)) {
      const found = Array.isArray(obj) ? MISSING : memberOf(obj, key);
      if (found !== MISSING) return found;
      const camel = camelCase(key);
      if (camel !== undefined) {
        const viaCamel = memberOf(obj, camel);
        if (viaCamel !== MISSING) return viaCamel;
      }
      const attr = builtinAttr(obj, key);
      if (attr !== MISSING) return attr;
    }
  }
  return indexOf(obj, key);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** One segment of a dotted path, as Django resolves it: lookup, then call. */
export function lookup(obj: unknown, key: string): unknown {
  return isForbiddenName(key) ? MISSING : lookupName(obj, key);
}

/**
 * `lookup` for a key already known not to be forbidden (compiled templates check their
 * segments once, at compile time). The fast path serves plain data, what the JIT hands
 * templates: an own property of a plain object.
 */
export function lookupName(obj: unknown, key: string): unknown {
  if (typeof obj === 'object' && obj !== null) {
    const proto = Object.getPrototypeOf(obj);
    const plain = proto === Object.prototype || proto === null;
    // Instances of the application's own classes (models, view data): own fields, then members.
    const instance = !plain && !BUILTIN_PROTOTYPES.has(proto) && !Array.isArray(obj) && !(obj instanceof Map);
    if ((plain || instance) && hasOwn.call(obj, key)) {
      let v: unknown;
      try {
        v = (obj as Record<string, unknown>)[key];
      } catch (e) {
        return silentFailure(e);
      }
      return typeof v === 'function' ? callIfCallable(v, obj) : v;
    }
    if (instance) {
      const m = protoMember(proto, key);
      if (m) return readMember(obj, m);
    }
  }
  const raw = lookupRaw(obj, key);
  if (raw === MISSING) return MISSING;
  return typeof raw === 'function' ? callIfCallable(raw, obj) : raw;
}
