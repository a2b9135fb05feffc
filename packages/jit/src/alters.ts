/**
 * Methods that change data, which templates must never call: Django's `alters_data`.
 * `altersData(Book, 'archive')` marks them in a registry keyed by class and name, which the
 * planner reads (through the class hierarchy). MikroORM's `init` replaces entity methods with
 * wrappers, dropping a flag set on the function, so the mark is also put (back) on the
 * method the class has now, as the `alters_data` flag the template engine honours: when
 * marked, and again for every entity class when a Jit is created with the initialized ORM.
 */
import type { MetadataStorage } from '@mikro-orm/core';

type AnyClass = abstract new (...args: never[]) => unknown;

const marked = new WeakMap<object, Set<string>>();

/** The function-level flags Django and the engine use. */
interface Flagged {
  alters_data?: boolean;
  altersData?: boolean;
}

function flagMethod(proto: object, name: string): void {
  for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const desc = Object.getOwnPropertyDescriptor(p, name);
    if (!desc) continue;
    if (typeof desc.value === 'function') (desc.value as Flagged).alters_data = true;
    return;
  }
}

/** Marks methods of an entity class (and its subclasses) as changing data. */
export function altersData(entity: AnyClass, ...methods: string[]): void {
  const set = marked.get(entity) ?? new Set<string>();
  for (const m of methods) {
    set.add(m);
    flagMethod(entity.prototype as object, m);
  }
  marked.set(entity, set);
}

/** Whether a member of `entity` changes data: marked for it or a superclass, or flagged on the function. */
export function altersDataOf(entity: unknown, member: string): boolean {
  for (let cls: unknown = entity; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    if (marked.get(cls)?.has(member)) return true;
  }
  const proto = (entity as { prototype?: object } | undefined)?.prototype;
  const fn = proto ? (proto as Record<string, unknown>)[member] : undefined;
  return typeof fn === 'function' && !!((fn as Flagged).alters_data || (fn as Flagged).altersData);
}

/** Puts the engine's flag back on every marked method of the ORM's entity classes. */
export function reapplyAltersData(metadata: MetadataStorage): void {
  for (const meta of Object.values(metadata.getAll())) {
    const proto = (meta.class as { prototype?: object } | undefined)?.prototype;
    if (!proto) continue;
    for (let cls: unknown = meta.class; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
      for (const m of marked.get(cls) ?? []) flagMethod(proto, m);
    }
  }
}
