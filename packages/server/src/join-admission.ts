/**
 * Whether a join may mount a view, and which: with a page's join token the view the URL leads
 * to (the token's route and params must be the URL's); with a nested view's token the class and
 * params it names; with a live-session claim the view the URL leads to (its route must be in
 * the claim's live session). Each must belong to the socket's session and CSRF token.
 */
import { ERR, type ErrorCode, type JoinMessage, type ViewId } from '@djust/protocol';
import type { AppCore, LiveMatch } from './core.js';
import { readNestToken } from './nest-token.js';
import { claimsMatch, readJoinToken } from './join-token.js';
import { readNavClaim } from './nav-claim.js';
import { sameOriginUrl } from './same-origin.js';
import { csrfMatches, type Session } from './session.js';
import type { Verified } from './signing.js';

export type Admission =
  /** `parent`: for a nested view, the `v` of the view it was rendered in. */
  | { ok: true; match: LiveMatch; url: URL; session: Session; parent?: ViewId }
  /** `close`: the credential cannot be trusted, so the socket is closed with this reason. */
  | { ok: false; code: ErrorCode; message: string; close?: string }
  /** The URL is live, but outside the claim's live session: the client loads the page instead. */
  | { ok: false; reload: string };

type Owned = { sid: string; csrf: string };

type Refusal = Extract<Admission, { ok: false }>;

/** The socket's session when the credential is readable, unexpired and that session's; else the refusal. */
function owner(verified: Verified<Owned>, session: Session | undefined): Session | Refusal {
  if (!verified.ok) {
    const expired = verified.reason === 'expired';
    return expired
      ? { ok: false, code: ERR.EXPIRED_TOKEN, message: 'The page is too old; reload it', close: 'expired token' }
      : { ok: false, code: ERR.BAD_TOKEN, message: 'The join token is not valid', close: 'bad token' };
  }
  if (!session || session.id !== verified.value.sid || !csrfMatches(session, verified.value.csrf)) {
    return { ok: false, code: ERR.BAD_TOKEN, message: 'The join token belongs to another session', close: 'session mismatch' };
  }
  return session;
}

type Views = Pick<AppCore, 'liveMatch' | 'viewNamed'>;

/** A nested view's join: the class and params its token names, on the page's URL. */
function admitNested(nested: ReturnType<typeof readNestToken>, session: Session | undefined, msg: JoinMessage, views: Views): Admission {
  const checked = owner(nested, session);
  if ('ok' in checked) return checked;
  const claims = nested.ok ? nested.value : undefined;
  const cls = claims && views.viewNamed(claims.view);
  const url = sameOriginUrl(msg.url);
  if (!claims || !cls || !url) return { ok: false, code: ERR.NOT_FOUND, message: 'The nested view no longer exists; reload the page' };
  return { ok: true, match: { pattern: `nested:${claims.view}`, cls, params: claims.params }, url, session: checked, parent: claims.parent };
}

export function admitJoin(secret: string, session: Session | undefined, msg: JoinMessage, views: Views): Admission {
  // A nested view's token is told apart by its signature: it verifies (or has only expired) for its purpose alone.
  const nested = msg.token !== undefined ? readNestToken(secret, msg.token) : undefined;
  if (nested && (nested.ok || nested.reason === 'expired')) return admitNested(nested, session, msg, views);
  const token = msg.token !== undefined ? readJoinToken(secret, msg.token) : undefined;
  const nav = msg.nav !== undefined ? readNavClaim(secret, msg.nav) : undefined;
  // The decoder lets through exactly one of the two.
  const checked = owner((token ?? nav)!, session);
  if ('ok' in checked) return checked;
  const url = sameOriginUrl(msg.url);
  const match = url && views.liveMatch(url.pathname);
  if (!url || !match) return { ok: false, code: ERR.NOT_FOUND, message: 'The page no longer maps to a live view; reload it' };
  if (token?.ok && !claimsMatch(token.value, match)) return { ok: false, code: ERR.BAD_TOKEN, message: 'The join token was issued for another page', close: 'token for another page' };
  if (nav?.ok && match.liveSession !== nav.value.ls) return { ok: false, reload: url.pathname + url.search };
  return { ok: true, match, url, session: checked };
}
