/**
 * The attributes a root view's container carries: its class, a join token for its route, and
 * in a live session the claim for navigating live and the session's name. The HTTP page writes
 * them; a join by claim hands them to the client for the container it reuses.
 */
import { ATTR } from '@djust/protocol';
import type { LiveMatch } from './core.js';
import { issueJoinToken } from './join-token.js';
import { issueNavClaim } from './nav-claim.js';
import type { Session } from './session.js';

export function rootAttributes(secret: string, ttlSeconds: number, match: LiveMatch, session: Session): Record<string, string> {
  const attrs: Record<string, string> = {
    [ATTR.VIEW]: match.cls.name,
    [ATTR.TOKEN]: issueJoinToken(secret, ttlSeconds, match, session),
  };
  if (match.liveSession !== undefined) {
    attrs[ATTR.NAV] = issueNavClaim(secret, ttlSeconds, match.liveSession, session);
    attrs[ATTR.SESSION] = match.liveSession;
  }
  return attrs;
}
