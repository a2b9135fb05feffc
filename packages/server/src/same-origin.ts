/** URLs that stay on the app: a path (and query) resolved against the app's own origin. */

const PLACEHOLDER = 'http://djust.invalid';

/** `raw` as a URL on this app, or undefined when it is not a same-origin path ('//host', 'https://...', garbage). */
export function sameOriginUrl(raw: string): URL | undefined {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//')) return undefined;
  try {
    const url = new URL(raw, PLACEHOLDER);
    return url.origin === PLACEHOLDER ? url : undefined;
  } catch {
    return undefined;
  }
}
