/** Stable hashes the cache key is made of: a template with everything it reaches, and an entity's mapping. */
import { createHash } from 'node:crypto';
import type { EntityMetadata } from '@mikro-orm/core';
import { flattenedSourceHash, type Template } from '@djust/templates';
import { memberNames } from './members.js';
import { readsOf } from './reads.js';
import { altersDataOf } from './alters.js';
import type { Shape } from './planned.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The template engine's hash of the flattened source (the template and every template it
 * includes or extends); under debug it is recomputed on each call, so edits show at once.
 */
export function templateFingerprint(template: Template): string {
  return flattenedSourceHash(template);
}

const metaHashes = new WeakMap<EntityMetadata, string>();

/** Hash of what planning reads from an entity: its properties, relations, members and declared reads. */
export function metadataFingerprint(meta: EntityMetadata): string {
  let h = metaHashes.get(meta);
  if (!h) {
    const props = meta.props.map((p) => [p.name, p.kind, String(p.type), p.targetMeta?.className ?? '', !!p.nullable, !!p.ref, !!p.lazy, !!p.hidden, String(p.runtimeType ?? '')]);
    const members = memberNames(meta).map((m) => [m, readsOf(meta.class, m) ?? null, altersDataOf(meta.class, m)]);
    h = sha256(JSON.stringify([meta.className, meta.primaryKeys, props, members]));
    metaHashes.set(meta, h);
  }
  return h;
}

/** Changes whenever the planner or the generated code changes meaning, so old stored entries are not reused. */
const ARTIFACT_FORMAT = 2;

/** The key of one variable's artifact, given its template's fingerprint. */
export function artifactKey(templateHash: string, variable: string, meta: EntityMetadata, shape: Shape = 'one'): string {
  return sha256(`${ARTIFACT_FORMAT}\0${templateHash}\0${variable}\0${shape}\0${meta.className}\0${metadataFingerprint(meta)}`);
}

export function cacheKey(template: Template, variable: string, meta: EntityMetadata, shape: Shape = 'one'): string {
  return artifactKey(templateFingerprint(template), variable, meta, shape);
}
