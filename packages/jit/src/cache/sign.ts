/**
 * Entries that leave the process (files, Redis) hold code that will be compiled, so they are
 * signed with the app secret; a bad or missing signature means the entry is discarded.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Artifact } from './types.js';

export interface SignedEntry {
  v: 1;
  artifact: Artifact;
  sig: string;
}

function mac(secret: string, key: string, artifact: Artifact): string {
  return createHmac('sha256', secret).update(key).update('\0').update(JSON.stringify(artifact)).digest('hex');
}

export function sign(secret: string, key: string, artifact: Artifact): SignedEntry {
  return { v: 1, artifact, sig: mac(secret, key, artifact) };
}

function isArtifact(a: unknown): a is Artifact {
  if (typeof a !== 'object' || a === null) return false;
  const r = a as Record<string, unknown>;
  return typeof r.entity === 'string' && typeof r.source === 'string' && Array.isArray(r.populate) && Array.isArray(r.fields) && Array.isArray(r.issues);
}

/** The artifact of a well-formed entry whose signature verifies, else undefined. */
export function verify(secret: string, key: string, raw: string): Artifact | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { v, artifact, sig } = entry as Partial<SignedEntry>;
  if (v !== 1 || !isArtifact(artifact) || typeof sig !== 'string') return undefined;
  // The exact text written, compared in constant time: decoding `sig` as hex would stop at
  // the first non-hex character and ignore case, so other spellings would verify too.
  const expected = Buffer.from(mac(secret, key, artifact), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? artifact : undefined;
}
