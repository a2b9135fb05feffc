/**
 * Signed, expiring tokens: `base64url(json).base64url(hmac-sha256)`. Used for the session
 * cookie and for the join token that binds a page to its view. Verification never throws.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Verified<T> = { ok: true; value: T } | { ok: false; reason: 'bad' | 'expired' };

function mac(secret: string, purpose: string, body: string): string {
  return createHmac('sha256', secret).update(purpose).update('\0').update(body).digest('base64url');
}

/** Signs `value` for one purpose (a token for one purpose is refused for another). */
export function sign(secret: string, purpose: string, value: unknown, ttlSeconds?: number): string {
  const exp = ttlSeconds === undefined ? undefined : Math.floor(Date.now() / 1000) + ttlSeconds;
  const body = Buffer.from(JSON.stringify({ v: value, exp })).toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

export function verify<T>(secret: string, purpose: string, token: unknown): Verified<T> {
  if (typeof token !== 'string' || token.length > 16_384) return { ok: false, reason: 'bad' };
  const dot = token.indexOf('.');
  if (dot <= 0) return { ok: false, reason: 'bad' };
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(secret, purpose, body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad' };
  let parsed: { v: T; exp?: number };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { v: T; exp?: number };
  } catch {
    return { ok: false, reason: 'bad' };
  }
  if (typeof parsed.exp === 'number' && parsed.exp < Date.now() / 1000) return { ok: false, reason: 'expired' };
  return { ok: true, value: parsed.v };
}
