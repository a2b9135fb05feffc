/**
 * What a template segment names on an entity: a mapped property (scalar, to-one, to-many,
 * embedded), or a getter or method of the entity's class. Exact names win; a snake_case
 * segment falls back to its camelCase spelling, as the renderer does.
 */
import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';

export type ScalarConversion = 'date' | 'decimal' | 'none';

export type Member =
  | { kind: 'scalar'; name: string; prop: EntityProperty; convert: ScalarConversion }
  | { kind: 'toOne'; name: string; prop: EntityProperty; target: EntityMetadata }
  | { kind: 'toMany'; name: string; prop: EntityProperty; target: EntityMetadata }
  | { kind: 'embedded'; name: string; prop: EntityProperty }
  | { kind: 'getter'; name: string }
  | { kind: 'method'; name: string };

/** Members MikroORM puts on entity prototypes, and names templates may never reach. */
const INTERNAL = new Set([
  'constructor', 'toJSON', 'toObject', 'toPOJO', 'toReference', 'serialize', 'assign', 'init', 'populate',
  'isInitialized', 'populated', 'getSchema', 'setSchema', 'prototype', '__proto__',
]);

export function camelCase(name: string): string | undefined {
  if (!name.includes('_') || name.startsWith('_')) return undefined;
  return name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function conversionOf(prop: EntityProperty): ScalarConversion {
  const type = String(typeof prop.type === 'string' ? prop.type : '').toLowerCase();
  const runtime = String(prop.runtimeType ?? '').toLowerCase();
  if ((type === 'datetype' || type === 'date') && runtime !== 'date') return 'date';
  if ((type.includes('decimal') || type.includes('numeric')) && runtime === 'string') return 'decimal';
  return 'none';
}

function fromProperty(prop: EntityProperty): Member {
  switch (prop.kind) {
    case ReferenceKind.MANY_TO_ONE:
    case ReferenceKind.ONE_TO_ONE:
      return { kind: 'toOne', name: prop.name, prop, target: prop.targetMeta! };
    case ReferenceKind.ONE_TO_MANY:
    case ReferenceKind.MANY_TO_MANY:
      return { kind: 'toMany', name: prop.name, prop, target: prop.targetMeta! };
    case ReferenceKind.EMBEDDED:
      return { kind: 'embedded', name: prop.name, prop };
    default:
      return { kind: 'scalar', name: prop.name, prop, convert: conversionOf(prop) };
  }
}

/** A getter or method declared by the entity's own classes (not MikroORM's or Object's). */
function classMember(meta: EntityMetadata, name: string): Member | undefined {
  if (name.startsWith('_') || INTERNAL.has(name)) return undefined;
  let proto: object | null = (meta.class as { prototype?: object } | undefined)?.prototype ?? null;
  while (proto && proto !== Object.prototype) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (desc) {
      if (desc.get) return { kind: 'getter', name };
      if (typeof desc.value === 'function') return { kind: 'method', name };
      return undefined;
    }
    proto = Object.getPrototypeOf(proto);
  }
  return undefined;
}

function exact(meta: EntityMetadata, name: string): Member | undefined {
  if (Object.prototype.hasOwnProperty.call(meta.properties, name) && !name.startsWith('_')) {
    return fromProperty(meta.properties[name]);
  }
  return classMember(meta, name);
}

/** Resolves one template segment; `pk` names the primary key as in Django. */
export function resolveMember(meta: EntityMetadata, segment: string): Member | undefined {
  if (segment === 'pk' && meta.primaryKeys.length === 1) {
    const prop = meta.properties[meta.primaryKeys[0]];
    return { kind: 'scalar', name: prop.name, prop, convert: 'none' };
  }
  const found = exact(meta, segment);
  if (found) return found;
  const camel = camelCase(segment);
  return camel ? exact(meta, camel) : undefined;
}

/** Every name a template could use on the entity, for "did you mean" suggestions (hidden ones are not offered). */
export function memberNames(meta: EntityMetadata): string[] {
  const names = new Set<string>(Object.keys(meta.properties).filter((n) => !meta.properties[n].hidden));
  let proto: object | null = (meta.class as { prototype?: object } | undefined)?.prototype ?? null;
  while (proto && proto !== Object.prototype) {
    for (const n of Object.getOwnPropertyNames(proto)) if (classMember(meta, n)) names.add(n);
    proto = Object.getPrototypeOf(proto);
  }
  return [...names].filter((n) => !n.startsWith('_'));
}

/** The scalar columns a method reads by default: every scalar of the entity that is neither lazy nor hidden. */
export function defaultScalars(meta: EntityMetadata): EntityProperty[] {
  return meta.props.filter((p) => p.kind === ReferenceKind.SCALAR && !p.lazy && !p.hidden && p.persist !== false);
}
