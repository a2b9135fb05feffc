/**
 * Loading what a plan needs, in a constant number of queries and only the columns the
 * template reads: a lazy query runs with the plan; entities the view loaded (in this fork or
 * another) are merged and populated; a Collection is loaded through its owner; a Reference by
 * its key. Nothing already loaded is loaded again.
 */
import { helper, wrap, type Collection, type EntityManager, type Reference } from '@mikro-orm/core';
import type { Artifact } from './cache/types.js';
import type { Planned } from './planned.js';

const populateOf = (a: Artifact): never[] => a.populate as never[];
const fieldsOf = (a: Artifact): never[] => a.fields as never[];

/** The entity as managed by `em`: entities from another fork (say loaded in mount) are merged in. */
function managedBy<T extends object>(em: EntityManager, entity: T): T {
  return helper(entity).__em === em ? entity : em.merge(entity);
}

/** Entities already loaded get what they miss: one query per relation level, only the columns read. */
export async function loadEntities(em: EntityManager, entities: object[], artifact: Artifact): Promise<object[]> {
  const managed = entities.map((e) => managedBy(em, e));
  if (artifact.populate.length && managed.length) await em.populate(managed, populateOf(artifact), { fields: fieldsOf(artifact) });
  return managed;
}

/**
 * Collections (of one property) through their owners, so their rows and what they reach come
 * in one populate for all of them (none if loaded already). The rows of each, in order.
 */
export async function loadCollections(em: EntityManager, colls: Collection<object>[], artifact: Artifact): Promise<object[][]> {
  if (!colls.length) return [];
  const owners = colls.map((c) => managedBy(em, c.owner));
  const name = colls[0].property.name;
  const under = (p: string): string => `${name}.${p}`;
  await em.populate(owners, [name, ...artifact.populate.map(under)] as never[], { fields: artifact.fields.map(under) as never[] });
  return owners.map((o) => (o as Record<string, Collection<object>>)[name].getItems());
}

/** A Reference not loaded yet is found by its key with the plan; a loaded one is populated like an entity. */
async function loadReference(em: EntityManager, ref: Reference<object>, artifact: Artifact): Promise<object | null> {
  const target = ref.unwrap();
  if (wrap(target).isInitialized()) return (await loadEntities(em, [target], artifact))[0];
  const options = { populate: populateOf(artifact), fields: fieldsOf(artifact), strategy: 'balanced' as const };
  return em.findOne(helper(target).__meta.class, helper(target).getPrimaryKey() as never, options);
}

/** The rows of a planned value: a list, one entity, or null. */
export async function loadPlanned(em: EntityManager, value: Planned, artifact: Artifact): Promise<object[] | object | null> {
  switch (value.kind) {
    case 'query': {
      const { entity, where, orderBy, limit, offset, single } = value.q.spec;
      const options = { populate: populateOf(artifact), fields: fieldsOf(artifact), strategy: 'balanced' as const, orderBy, limit, offset };
      // find + limit 1 rather than findOne, which refuses an empty `where`.
      const found = await em.find(entity, where, options);
      return single ? (found[0] ?? null) : found;
    }
    case 'one':
      return (await loadEntities(em, [value.entity], artifact))[0];
    case 'many':
      return loadEntities(em, value.entities, artifact);
    case 'collection':
      return (await loadCollections(em, [value.coll], artifact))[0];
    case 'ref':
      return loadReference(em, value.ref, artifact);
  }
}
