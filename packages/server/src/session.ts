/**
 * Sessions in a signed cookie (like Django's signed_cookies backend): an id, a CSRF token and
 * a small data object. Nothing secret goes to the client unsigned, and nothing it sends back
 * is trusted without the signature.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sign, verify } from './signing.js';

export interface Session {
  id: string;
  csrf: string;
  data: Record<string, unknown>;
}

export const SESSION_COOKIE = 'djust_session';
const PURPOSE = 'session';
const TWO_WEEKS = 14 * 24 * 3600;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      out[name] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

export function newSession(): Session {
  return { id: randomBytes(16).toString('base64url'), csrf: randomBytes(24).toString('base64url'), data: {} };
}

function isSession(v: unknown): v is Session {
  const s = v as Session;
  return !!s && typeof s.id === 'string' && typeof s.csrf === 'string' && typeof s.data === 'object' && s.data !== null;
}

/** The session a request's cookie carries, or undefined when absent, forged or expired. */
export function readSession(secret: string, cookieHeader: string | undefined): Session | undefined {
  const raw = parseCookies(cookieHeader)[SESSION_COOKIE];
  if (!raw) return undefined;
  const r = verify<unknown>(secret, PURPOSE, raw);
  return r.ok && isSession(r.value) ? r.value : undefined;
}

/** Browsers drop a cookie longer than this (name, value and attributes together). */
const MAX_COOKIE_BYTES = 4096;

export function sessionCookie(secret: string, session: Session, secure: boolean): string {
  const value = sign(secret, PURPOSE, session, TWO_WEEKS);
  // The session lives in the cookie (Django's signed_cookies backend): a browser would silently drop a larger one.
  if (value.length > MAX_COOKIE_BYTES - 200) {
    throw new Error(`the session is too large for its cookie (${value.length} bytes signed, at most ${MAX_COOKIE_BYTES - 200}): keep ids in it, not records`);
  }
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${TWO_WEEKS}${secure ? '; Secure' : ''}`;
}

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function csrfMatches(session: Session, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}
