/**
 * The live-session claim a page in a live session carries (`data-dj-nav`), and a `redirect`
 * navigate brings afresh: signed, expiring like join tokens, bound to the session, its CSRF
 * token and the live session's name. With it a client joins another route of the same live
 * session by URL alone, on the socket it already has.
 */
import type { Session } from './session.js';
import { sign, verify, type Verified } from './signing.js';

export const NAV_PURPOSE = 'nav';

export interface NavClaims {
  sid: string;
  csrf: string;
  /** The live session's name. */
  ls: string;
}

export function issueNavClaim(secret: string, ttlSeconds: number, liveSession: string, session: Session): string {
  const claims: NavClaims = { sid: session.id, csrf: session.csrf, ls: liveSession };
  return sign(secret, NAV_PURPOSE, claims, ttlSeconds);
}

export function readNavClaim(secret: string, claim: string): Verified<NavClaims> {
  return verify<NavClaims>(secret, NAV_PURPOSE, claim);
}
