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

const ESCAPE_TEST = /[&<>"']/;

/** Escapes the five HTML special characters exactly as django.utils.html.escape does. */
export function escapeHtml(text: string): string {
  if (!ESCAPE_TEST.test(text)) return text;
  // A single pass that copies runs between special characters: the hottest path of a render.
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    let rep: string;
    switch (text.charCodeAt(i)) {
      case 38: rep = '&amp;'; break;
      case 60: rep = '&lt;'; break;
      case 62: rep = '&gt;'; break;
      case 34: rep = '&quot;'; break;
      case 39: rep = '&#x27;'; break;
      default: continue;
    }
    if (i > last) out += text.slice(last, i);
    out += rep;
    last = i + 1;
  }
  return last < text.length ? out + text.slice(last) : out;
}
