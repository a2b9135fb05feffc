/**
 * The security headers every response carries, as Django's SecurityMiddleware and
 * XFrameOptionsMiddleware send them. An app changes one by giving its value, adds others
 * (a Content-Security-Policy, say), or drops one with `false`; a handler's reply headers win.
 */
import type { ServerResponse } from 'node:http';

/** Header name → value, or false to send none. */
export type SecurityHeaders = Record<string, string | false>;

const DEFAULTS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** The defaults with the app's changes: normalized once, set on every response. */
export function securityHeaders(changes: SecurityHeaders = {}): ReadonlyArray<readonly [string, string]> {
  const merged = new Map<string, string | false>(Object.entries(DEFAULTS));
  for (const [name, value] of Object.entries(changes)) merged.set(name.toLowerCase(), value);
  return [...merged].filter((e): e is [string, string] => e[1] !== false);
}

export function setSecurityHeaders(res: ServerResponse, headers: ReadonlyArray<readonly [string, string]>): void {
  for (const [name, value] of headers) res.setHeader(name, value);
}
