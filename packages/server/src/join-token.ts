/**
 * The join token a live page carries: signed, expiring, and bound to the route pattern and
 * params it was rendered for, the session and its CSRF token. A patch to a new URL issues a
 * new one, so a reconnect after live navigation joins the URL the user is on.
 */
import type { Params } from './router.js';
import type { Session } from './session.js';
import { sign, verify, type Verified } from './signing.js';

export const JOIN_PURPOSE = 'join';

export interface JoinClaims {
  route: string;
  params: Params;
  sid: string;
  csrf: string;
}

/** A live route matched by a URL: the pattern it was registered under and the params it gives. */
export interface RouteMatch {
  pattern: string;
  params: Params;
}

export function issueJoinToken(secret: string, ttlSeconds: number, match: RouteMatch, session: Session): string {
  const claims: JoinClaims = { route: match.pattern, params: match.params, sid: session.id, csrf: session.csrf };
  return sign(secret, JOIN_PURPOSE, claims, ttlSeconds);
}

export function readJoinToken(secret: string, token: string): Verified<JoinClaims> {
  return verify<JoinClaims>(secret, JOIN_PURPOSE, token);
}

/** Whether the URL a client joins is the one its token was issued for (the query may differ). */
export function claimsMatch(claims: JoinClaims, match: RouteMatch): boolean {
  if (claims.route !== match.pattern || claims.params === null || typeof claims.params !== 'object') return false;
  const given = Object.keys(claims.params);
  const actual = Object.keys(match.params);
  return given.length === actual.length && actual.every((k) => Object.hasOwn(claims.params, k) && claims.params[k] === match.params[k]);
}
