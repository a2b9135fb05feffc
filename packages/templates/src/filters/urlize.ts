/**
 * django.utils.html.urlize as of Django 3.2: links URLs and e-mail addresses in plain text,
 * trimming surrounding punctuation, optionally truncating the link text, escaping the rest
 * when autoescaping applies.
 */
import { escapeHtml } from '../safe.js';
import { htmlUnescape } from './html-unescape.js';
import { PY_SPACE } from './py-convert.js';
import { PyUnicodeError, punycode, smartUrlquote } from './urls.js';

const TRAILING_PUNCTUATION = '.,:;!';
const WRAPPING_PUNCTUATION: readonly [string, string][] = [
  ['(', ')'],
  ['[', ']'],
];
const WORD_SPLIT = new RegExp(`([${PY_SPACE}<>"']+)`, 'u');
const SIMPLE_URL = /^https?:\/\/\[?[\p{L}\p{N}_]/iu;
const SIMPLE_URL_2 = /^www\.|^(?!http)[\p{L}\p{N}_][^@]+\.(com|edu|gov|int|mil|net|org)($|\/.*)$/iu;

export interface UrlizeOptions {
  trimUrlLimit?: number;
  nofollow: boolean;
  autoescape: boolean;
  /** Whether the input was a SafeString: its words are kept as they are. */
  safeInput: boolean;
}

export function urlize(text: string, options: UrlizeOptions): string {
  const words = text.split(WORD_SPLIT);
  return words.map((word) => urlizeWord(word, options)).join('');
}

function urlizeWord(word: string, options: UrlizeOptions): string {
  const plain = (): string => (!options.safeInput && options.autoescape ? escapeHtml(word) : word);
  if (!(word.includes('.') || word.includes('@') || word.includes(':'))) return plain();
  const [lead, middle, trail] = trimPunctuation('', word, '');
  const target = linkTarget(middle);
  if (target === 'skip') return word;
  if (target === undefined) return plain();
  let [shown, before, after] = [trimUrl(middle, options.trimUrlLimit), lead, trail];
  if (options.autoescape && !options.safeInput) {
    [shown, before, after] = [escapeHtml(shown), escapeHtml(before), escapeHtml(after)];
  }
  const rel = options.nofollow && !target.email ? ' rel="nofollow"' : '';
  return `${before}<a href="${escapeHtml(target.url)}"${rel}>${shown}</a>${after}`;
}

/** The href for a word, undefined when it is no link, 'skip' when its domain is bad. */
function linkTarget(middle: string): { url: string; email: boolean } | undefined | 'skip' {
  if (SIMPLE_URL.test(middle)) return { url: smartUrlquote(htmlUnescape(middle)), email: false };
  if (SIMPLE_URL_2.test(middle)) return { url: smartUrlquote('http://' + htmlUnescape(middle)), email: false };
  if (middle.includes(':') || !isEmailSimple(middle)) return undefined;
  const at = middle.lastIndexOf('@');
  try {
    return { url: `mailto:${middle.slice(0, at)}@${punycode(middle.slice(at + 1))}`, email: true };
  } catch (e) {
    // Django `continue`s here: the word is left exactly as it was, unescaped.
    if (e instanceof PyUnicodeError) return 'skip';
    throw e;
  }
}

function trimUrl(url: string, limit: number | undefined): string {
  const chars = [...url];
  if (limit === undefined || chars.length <= limit) return url;
  return chars.slice(0, Math.max(0, limit - 1)).join('') + '\u2026';
}

function countOf(text: string, sub: string): number {
  return text.split(sub).length - 1;
}

/** Moves wrapping and trailing punctuation from the word into lead and trail, repeatedly. */
function trimPunctuation(leadIn: string, middleIn: string, trailIn: string): [string, string, string] {
  let [lead, middle, trail] = [leadIn, middleIn, trailIn];
  let trimmed = true;
  while (trimmed) {
    trimmed = false;
    for (const [opening, closing] of WRAPPING_PUNCTUATION) {
      if (middle.startsWith(opening)) {
        middle = middle.slice(opening.length);
        lead += opening;
        trimmed = true;
      }
      // Keep parentheses at the end only if they're balanced.
      if (middle.endsWith(closing) && countOf(middle, closing) === countOf(middle, opening) + 1) {
        middle = middle.slice(0, -closing.length);
        trail = closing + trail;
        trimmed = true;
      }
    }
    // Entities are unescaped so their ';' is not taken for punctuation. Django 3.2 then
    // cuts the escaped text at the unescaped lengths, which this reproduces.
    const unescaped = htmlUnescape(middle);
    const stripped = rstripChars(unescaped, TRAILING_PUNCTUATION);
    if (unescaped !== stripped) {
      const [keptLen, fullLen] = [[...stripped].length, [...unescaped].length];
      trail = pySlice(middle, keptLen) + trail;
      middle = pySliceTo(middle, keptLen - fullLen);
      trimmed = true;
    }
  }
  return [lead, middle, trail];
}

function rstripChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** text[start:] by code points. */
function pySlice(text: string, start: number): string {
  return [...text].slice(start).join('');
}

/** text[:stop] by code points, stop negative or zero as in Python (0 gives ''). */
function pySliceTo(text: string, stop: number): string {
  return [...text].slice(0, stop).join('');
}

function isEmailSimple(value: string): boolean {
  // An @ must be in the middle of the value.
  if (!value.includes('@') || value.startsWith('@') || value.endsWith('@')) return false;
  const parts = value.split('@');
  if (parts.length !== 2) return false;
  // A dot must be in the domain (e.g. example.com), not first.
  return parts[1].includes('.') && !parts[1].startsWith('.');
}
