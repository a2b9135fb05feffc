/**
 * Django's `alters_data`, kept on the class rather than on the function: a set of method names
 * under the well-known symbol `Symbol.for('djust.altersData')`. Frameworks that replace a
 * class's methods with wrappers (MikroORM's init does) drop a flag set on the function; a mark
 * on the class survives them. Marks on a superclass apply to its subclasses.
 */

import { camelCase } from './camel-case.js';

/** The class-level registry's key; the same symbol in every copy of the package. */
export const ALTERS_DATA: unique symbol = Symbol.for('djust.altersData') as typeof ALTERS_DATA;

/** A class (or any constructor) that may carry the registry. */
export type MarkableClass = abstract new (...args: never[]) => unknown;

/** Names as a class may declare them itself (a Set or a list): `static [ALTERS_DATA] = ['archive']`. */
type Names = ReadonlySet<string> | readonly string[];

function ownNames(cls: object): Names | undefined {
  if (!Object.hasOwn(cls, ALTERS_DATA)) return undefined;
  const v = (cls as { [ALTERS_DATA]?: unknown })[ALTERS_DATA];
  return v instanceof Set || Array.isArray(v) ? (v as Names) : undefined;
}

const namesHave = (names: Names | undefined, name: string): boolean => (Array.isArray(names) ? names.includes(name) : !!(names as ReadonlySet<string> | undefined)?.has(name));

/** Whether a function carries Django's own flag, `alters_data` (or `altersData`), on itself. */
export function flaggedAltersData(fn: unknown): boolean {
  if (typeof fn !== 'function') return false;
  const flags = fn as { alters_data?: boolean; altersData?: boolean };
  return !!(flags.alters_data || flags.altersData);
}

/** Marks methods of a class (and its subclasses) as changing data: templates never call them. */
export function markAltersData(cls: MarkableClass, ...methods: string[]): void {
  const names = new Set<string>(ownNames(cls));
  for (const m of methods) names.add(m);
  // Own and non-enumerable: a subclass's marks never add to its superclass's set.
  Object.defineProperty(cls, ALTERS_DATA, { value: names, configurable: true, enumerable: false, writable: true });
}

/** Whether `cls` or one of its superclasses marks `name`. */
export function classAltersData(cls: unknown, name: string): boolean {
  for (let c: unknown = cls; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if (namesHave(ownNames(c), name)) return true;
  }
  return false;
}

/**
 * Whether the class of `obj` (any class on its prototype chain) marks the template segment
 * `key`, as written or in the camelCase spelling lookup falls back to (`archive_all` finds
 * and refuses a marked `archiveAll`).
 */
export function instanceAltersData(obj: object, key: string): boolean {
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    // Read as a property, not through a descriptor: this runs for every method a template calls.
    const ctor = Object.hasOwn(p, 'constructor') ? (p as { constructor: unknown }).constructor : undefined;
    if (typeof ctor !== 'function' || !Object.hasOwn(ctor, ALTERS_DATA)) continue;
    const names = ownNames(ctor);
    if (namesHave(names, key)) return true;
    // The camelCase spelling only where a registry exists: most classes have none.
    const camel = camelCase(key);
    if (camel !== undefined && namesHave(names, camel)) return true;
  }
  return false;
}
