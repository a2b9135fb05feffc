/**
 * django.utils.text.Truncator (3.2.25): character and word truncation of plain text and of
 * HTML, where tags are not counted and tags left open are closed again.
 */
import { PY_SPACE, pySplit } from './py-convert.js';
import { isCombining } from './unicode-combining.js';

const DEFAULT_TRUNCATE = '%(truncated_text)s\u2026';
/** Longer HTML is cut first (CVE-2023-43665), as Django 3.2.22+ does. */
const MAX_LENGTH_HTML = 5_000_000;
const HTML4_SINGLETS = new Set(['br', 'col', 'link', 'base', 'img', 'param', 'area', 'hr', 'input']);

const RE_WORDS = new RegExp(`<[^>]+?>|([^<>${PY_SPACE}]+)`, 'gsu');
const RE_CHARS = /<[^>]+?>|(.)/gsu;
const RE_TAG = new RegExp(`^<(/)?([^${PY_SPACE}]+?)(?:([${PY_SPACE}]*/)|[${PY_SPACE}].*?)?>`, 'su');

/** The truncation marker around (or after) the kept text. */
function addTruncationText(text: string, truncate: string): string {
  if (truncate.includes('%(truncated_text)s')) return truncate.split('%(truncated_text)s').join(text);
  // Don't append the marker if the text already ends with it.
  return text.endsWith(truncate) ? text : text + truncate;
}

/** Truncator(text).chars(num, truncate, html). */
export function truncateChars(input: string, length: number, html = false, truncate = DEFAULT_TRUNCATE): string {
  const text = input.normalize('NFC');
  // The marker's own visible characters come out of the length.
  let truncateLen = length;
  for (const ch of addTruncationText('', truncate)) {
    if (isCombining(ch)) continue;
    truncateLen -= 1;
    if (truncateLen === 0) break;
  }
  if (html) return truncateHtml(length, truncate, text, truncateLen, false);
  return textChars(length, truncate, text, truncateLen);
}

function textChars(length: number, truncate: string, text: string, truncateLen: number): string {
  const chars = [...text];
  let seen = 0;
  let endIndex: number | undefined;
  for (let i = 0; i < chars.length; i++) {
    // Combining characters don't add to the length.
    if (isCombining(chars[i])) continue;
    seen += 1;
    if (endIndex === undefined && seen > truncateLen) endIndex = i;
    if (seen > length) return addTruncationText(chars.slice(0, endIndex ?? 0).join(''), truncate);
  }
  return text;
}

/** Truncator(text).words(num, truncate, html). */
export function truncateWords(text: string, length: number, html = false, truncate = DEFAULT_TRUNCATE): string {
  if (html) return truncateHtml(length, truncate, text, length, true);
  const words = pySplit(text);
  if (words.length > length) return addTruncationText(words.slice(0, length).join(' '), truncate);
  return words.join(' ');
}

function truncateHtml(length: number, truncate: string, input: string, truncateLen: number, words: boolean): string {
  if (words && length <= 0) return '';
  let text = input;
  const sizeLimited = text.length > MAX_LENGTH_HTML;
  if (sizeLimited) text = text.slice(0, MAX_LENGTH_HTML);
  const truncateText = addTruncationText('', truncate);
  const regex = words ? RE_WORDS : RE_CHARS;
  let pos = 0;
  let endTextPos = 0;
  let currentLen = 0;
  let openTags: string[] = [];
  while (currentLen <= length) {
    regex.lastIndex = pos;
    const m = regex.exec(text);
    if (!m) break;
    pos = m.index + m[0].length;
    if (m[1]) {
      // An actual non-HTML word or character.
      currentLen += 1;
      if (currentLen === truncateLen) endTextPos = pos;
      continue;
    }
    const tag = RE_TAG.exec(m[0]);
    // Non-tags and tags past the truncation point don't matter.
    if (!tag || currentLen >= truncateLen) continue;
    openTags = trackTag(openTags, tag);
  }
  if (currentLen <= length) return sizeLimited && truncateText ? text + truncateText : text;
  let out = text.slice(0, endTextPos) + truncateText;
  for (const tag of openTags) out += `</${tag}>`;
  return out;
}

/** Updates the open-tag stack (innermost first) for one tag. */
function trackTag(openTags: string[], tag: RegExpExecArray): string[] {
  const [, closing, rawName, selfClosing] = tag;
  // Element names are always case-insensitive.
  const name = rawName.toLowerCase();
  if (selfClosing || HTML4_SINGLETS.has(name)) return openTags;
  if (closing) {
    // SGML: an end tag closes, back to the matching start tag, all unclosed start tags.
    const i = openTags.indexOf(name);
    return i < 0 ? openTags : openTags.slice(i + 1);
  }
  return [name, ...openTags];
}
