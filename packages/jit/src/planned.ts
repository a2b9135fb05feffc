/**
 * The context values the JIT plans, told apart: a lazy query, one entity, an array of entities
 * of one class, a Collection, a Reference. For each, the metadata of its entities and whether
 * it is one entity or a list (on a list the planner reads QuerySet idioms and indexes).
 */
import { Collection, Reference, Utils, helper, type EntityMetadata, type MetadataStorage } from '@mikro-orm/core';
import { isLazyQuery, type LazyQuery } from './query.js';

export type Shape = 'one' | 'many';

export type Planned =
  | { kind: 'query'; q: LazyQuery }
  | { kind: 'one'; entity: object }
  | { kind: 'many'; entities: object[] }
  | { kind: 'collection'; coll: Collection<object> }
  | { kind: 'ref'; ref: Reference<object> };

const isEntity = (x: unknown): x is object => Utils.isEntity(x);

export function classify(v: unknown): Planned | undefined {
  if (isLazyQuery(v)) return { kind: 'query', q: v };
  if (v instanceof Collection) return { kind: 'collection', coll: v as Collection<object> };
  if (Reference.isReference(v)) return { kind: 'ref', ref: v as Reference<object> };
  if (Array.isArray(v)) {
    const items: unknown[] = v;
    const cls = items.length ? (items[0] as object | null)?.constructor : undefined;
    if (cls && items.every((x) => isEntity(x) && x.constructor === cls)) return { kind: 'many', entities: items as object[] };
    return undefined;
  }
  if (isEntity(v)) return { kind: 'one', entity: v };
  return undefined;
}

const metaOf = (entity: object): EntityMetadata => helper(entity).__meta;

/** The metadata of a planned value's entities, and its shape. */
export function describePlanned(value: Planned, metadata: MetadataStorage): { meta: EntityMetadata; shape: Shape } {
  switch (value.kind) {
    case 'query':
      return { meta: metadata.get(Utils.className(value.q.spec.entity as string)), shape: value.q.spec.single ? 'one' : 'many' };
    case 'one':
      return { meta: metaOf(value.entity), shape: 'one' };
    case 'many':
      return { meta: metaOf(value.entities[0]), shape: 'many' };
    case 'collection':
      return { meta: value.coll.property.targetMeta!, shape: 'many' };
    case 'ref':
      return { meta: metaOf(value.ref.unwrap()), shape: 'one' };
  }
}
