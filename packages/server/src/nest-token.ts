/**
 * The token a nested view's container carries: signed, expiring, naming the child's class and
 * params, bound to the session and its CSRF token. A join with it mounts that class with those
 * params; the client cannot pick either.
 */
import type { Params } from './router.js';
import type { Session } from './session.js';
import { sign, verify, type Verified } from './signing.js';

export const NEST_PURPOSE = 'nested';

export interface NestClaims {
  view: string;
  params: Params;
  sid: string;
  csrf: string;
}

export function issueNestToken(secret: string, ttlSeconds: number, view: string, params: Params, session: Session): string {
  const claims: NestClaims = { view, params, sid: session.id, csrf: session.csrf };
  return sign(secret, NEST_PURPOSE, claims, ttlSeconds);
}

export function readNestToken(secret: string, token: string): Verified<NestClaims> {
  return verify<NestClaims>(secret, NEST_PURPOSE, token);
}
