/** Python's html.unescape: named and numeric character references, as HTML5 resolves them. */
import { HTML5_ENTITIES, INVALID_CHARREFS, INVALID_CODEPOINT_RANGES } from './html-entities.js';

const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g;

export function htmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARREF, (_, ref: string) => (ref[0] === '#' ? numericRef(ref) : namedRef(ref)));
}

function numericRef(ref: string): string {
  const hex = ref[1] === 'x' || ref[1] === 'X';
  const body = ref.slice(hex ? 2 : 1).replace(/;$/, '');
  const num = hex ? parseInt(body, 16) : Number(body);
  const remapped = INVALID_CHARREFS.get(num);
  if (remapped !== undefined) return remapped;
  if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return '\ufffd';
  if (INVALID_CODEPOINT_RANGES.some(([lo, hi]) => num >= lo && num <= hi)) return '';
  return String.fromCodePoint(num);
}

/** Exact name first, then the longest known prefix (legacy names need no ';'). */
function namedRef(ref: string): string {
  const exact = HTML5_ENTITIES.get(ref);
  if (exact !== undefined) return exact;
  for (let x = ref.length - 1; x > 1; x--) {
    const prefix = HTML5_ENTITIES.get(ref.slice(0, x));
    if (prefix !== undefined) return prefix + ref.slice(x);
  }
  return '&' + ref;
}
