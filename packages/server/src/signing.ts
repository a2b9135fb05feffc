/**
 * Signed, expiring tokens: `base64url(json).base64url(hmac-sha256)`. Used for the session
 * cookie and for the join token that binds a page to its view. Verification never throws, and
 * is strict: only the exact base64url the server wrote is accepted (Node's decoder would let
 * padding, stray characters and set unused bits through, so one token would have many spellings).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Verified<T> = { ok: true; value: T } | { ok: false; reason: 'bad' | 'expired' };

function mac(secret: string, purpose: string, body: string): string {
  return createHmac('sha256', secret).update(purpose).update('\0').update(body).digest('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The bytes of `text` when it is base64url exactly as Node writes it (no padding, no stray bits); else undefined. */
function canonicalBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
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
  // Compared as text: the canonical signature is the only spelling that matches.
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(secret, purpose, body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad' };
  const json = canonicalBase64url(body);
  if (json === undefined) return { ok: false, reason: 'bad' };
  let parsed: { v: T; exp?: number };
  try {
    parsed = JSON.parse(json.toString('utf8')) as { v: T; exp?: number };
  } catch {
    return { ok: false, reason: 'bad' };
  }
  if (typeof parsed.exp === 'number' && parsed.exp < Date.now() / 1000) return { ok: false, reason: 'expired' };
  return { ok: true, value: parsed.v };
}
