/**
 * The token a nested view's container carries: signed, expiring, naming the child's class,
 * params and parent view, bound to the session and its CSRF token. A join with it mounts that class with those
 * params; the client cannot pick either.
 */
import { randomBytes } from 'node:crypto';
import type { Params } from './router.js';
import type { Session } from './session.js';
import { sign, verify, type Verified } from './signing.js';

export const NEST_PURPOSE = 'nested';

/** A nested view: its class name, its params, and the `v` of the view it is rendered in. */
export interface NestedView {
  view: string;
  params: Params;
  parent: string;
}

export interface NestClaims extends NestedView {
  sid: string;
  csrf: string;
  /** Random per issue: each container's token is its own (the parent keeps the one it issued). */
  n: string;
}

export function issueNestToken(secret: string, ttlSeconds: number, child: NestedView, session: Session): string {
  const claims: NestClaims = { ...child, sid: session.id, csrf: session.csrf, n: randomBytes(6).toString('base64url') };
  return sign(secret, NEST_PURPOSE, claims, ttlSeconds);
}

export function readNestToken(secret: string, token: string): Verified<NestClaims> {
  return verify<NestClaims>(secret, NEST_PURPOSE, token);
}
