/**
 * Safe strings and HTML escaping, as django.utils.safestring and django.utils.html do it.
 * A SafeString is text already escaped (or trusted); autoescaping leaves it alone.
 */

export class SafeString {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
  get length(): number {
    return this.value.length;
  }
}

/** Django's mark_safe: wraps text so autoescaping leaves it alone. */
export function markSafe(value: unknown): SafeString {
  if (value instanceof SafeString) return value;
  return new SafeString(typeof value === 'string' ? value : String(value));
}

export function isSafe(value: unknown): value is SafeString {
  return value instanceof SafeString;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
};
const ESCAPE_RE = /[&<>"']/g;
const ESCAPE_TEST = /[&<>"']/;

/** Escapes the five HTML special characters exactly as django.utils.html.escape does. */
export function escapeHtml(text: string): string {
  return ESCAPE_TEST.test(text) ? text.replace(ESCAPE_RE, (c) => ESCAPES[c]) : text;
}
