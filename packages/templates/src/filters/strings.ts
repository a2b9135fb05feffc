/** Filters that transform text: case, padding, slugs, formatting, wrapping, URLs and counts. */
import { SafeString, escapeHtml, isSafe, markSafe } from '../safe.js';
import { pyStr } from '../values.js';
import { pyPercentFormat } from './printf.js';
import { pyInt, pySplit, swallow, text, textOf, withLength } from './py-convert.js';
import { PyAttributeError, PyTypeError, PyValueError } from './py-errors.js';
import { pyLength, pyTitle } from './text-case.js';
import { truncateChars, truncateWords } from './truncate.js';
import { iriToUri, quote } from './urls.js';
import type { FilterOptions, FilterTable } from './types.js';

/** A str argument's text; Python raises TypeError where a str method gets a non-str. */
function strArg(arg: unknown, what: string): string {
  const t = textOf(arg);
  if (t === undefined) throw new PyTypeError(`${what} must be str, not ${typeof arg}`);
  return t;
}

function addslashes(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'");
}

function capfirst(value: string): string {
  const [first] = value;
  return first === undefined ? value : first.toUpperCase() + value.slice(first.length);
}

/** str.ljust / str.rjust / str.center with spaces, measured in code points. */
function justify(value: string, width: number, how: 'left' | 'right' | 'center'): string {
  const margin = width - pyLength(value);
  if (margin <= 0) return value;
  if (how === 'left') return value + ' '.repeat(margin);
  if (how === 'right') return ' '.repeat(margin) + value;
  // CPython's rule for where the odd space goes.
  const left = Math.floor(margin / 2) + (margin & width & 1);
  return ' '.repeat(left) + value + ' '.repeat(margin - left);
}

function cut(value: unknown, arg: unknown): unknown {
  const removed = strArg(arg, 'replace() argument 1');
  const result = text(value).split(removed).join('');
  // Django keeps a safe value safe unless ';' was cut (it could break an entity).
  return isSafe(value) && removed !== ';' ? markSafe(result) : result;
}

/** Django's title filter: str.title(), then no capital after an apostrophe or a digit. */
function title(value: string): string {
  return pyTitle(value)
    .replace(/([a-z])'([A-Z])/g, (m) => m.toLowerCase())
    .replace(/\p{Nd}([A-Z])/gu, (m) => m.toLowerCase());
}

const ASCII_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f ';

/** django.utils.text.slugify without allow_unicode. */
export function slugify(value: string): string {
  const ascii = value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  const cleaned = ascii.toLowerCase().replace(new RegExp(`[^\\w${ASCII_SPACE}-]`, 'g'), '');
  return cleaned.replace(new RegExp(`[-${ASCII_SPACE}]+`, 'g'), '-').replace(/^[-_]+|[-_]+$/g, '');
}

function stringformat(value: unknown, arg: unknown): string {
  return swallow(() => pyPercentFormat('%' + pyStr(arg), value), '', PyTypeError, PyValueError);
}

/** The line boundaries str.splitlines() knows; the match keeps them on the line. */
const LINE_RE = /[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])|[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+$/g;

/** django.utils.text.wrap: break lines at spaces so none exceeds width (long words stay). */
export function wrap(value: string, width: number): string {
  let out = '';
  for (const rawLine of value.match(LINE_RE) ?? []) {
    let line = [...rawLine];
    // Django computes min(width + 1 if the line ends in '\n' else width, width): always width.
    while (line.length > width) {
      let space = line.slice(0, width + 1).lastIndexOf(' ') + 1;
      if (space === 0) {
        space = line.indexOf(' ') + 1;
        if (space === 0) {
          out += line.join('');
          line = [];
          break;
        }
      }
      out += line.slice(0, space - 1).join('') + '\n';
      line = line.slice(space);
    }
    out += line.join('');
  }
  return out;
}

const PHONE_KEYS: Record<string, string> = {
  a: '2', b: '2', c: '2', d: '3', e: '3', f: '3', g: '4', h: '4', i: '4', j: '5', k: '5', l: '5', m: '6',
  n: '6', o: '6', p: '7', q: '7', r: '7', s: '7', t: '8', u: '8', v: '8', w: '9', x: '9', y: '9', z: '9',
};

/** django.utils.text.phone2numeric; not a stringfilter, so only str values work. */
function phone2numeric(value: unknown): string {
  const t = textOf(value);
  if (t === undefined) throw new PyAttributeError(`'${typeof value}' object has no attribute 'lower'`);
  return [...t.toLowerCase()].map((c) => PHONE_KEYS[c] ?? c).join('');
}

function linenumbers(value: unknown, _arg: unknown, { autoescape }: FilterOptions): SafeString {
  const lines = text(value).split('\n');
  const width = String(lines.length).length;
  const escape = autoescape && !isSafe(value);
  const numbered = lines.map((line, i) => `${String(i + 1).padStart(width, '0')}. ${escape ? escapeHtml(line) : line}`);
  return markSafe(numbered.join('\n'));
}

function urlencode(value: unknown, safe: unknown): string {
  return safe === undefined ? quote(text(value)) : quote(text(value), pyStr(safe));
}

/** A @stringfilter with no argument that maps text to text. */
function textFilter(fn: (value: string) => unknown, isSafeFlag: boolean): FilterTable[string] {
  return { arg: 'none', isSafe: isSafeFlag, stringFilter: true, fn: (v) => fn(text(v)) };
}

/** A @stringfilter taking int(arg), errors propagating as in Django. */
function widthFilter(how: 'left' | 'right' | 'center'): FilterTable[string] {
  return { arg: 'required', isSafe: true, stringFilter: true, fn: (v, arg) => justify(text(v), pyInt(arg), how) };
}

export const stringFilters: FilterTable = {
  addslashes: textFilter(addslashes, true),
  capfirst: textFilter(capfirst, true),
  lower: textFilter((v) => v.toLowerCase(), true),
  upper: textFilter((v) => v.toUpperCase(), false),
  title: textFilter(title, true),
  make_list: textFilter((v) => [...v], false),
  slugify: textFilter(slugify, true),
  wordcount: textFilter((v) => pySplit(v).length, false),
  iriencode: textFilter(iriToUri, true),
  ljust: widthFilter('left'),
  rjust: widthFilter('right'),
  center: widthFilter('center'),
  cut: { arg: 'required', stringFilter: true, fn: cut },
  stringformat: { arg: 'required', isSafe: true, fn: stringformat },
  wordwrap: { arg: 'required', isSafe: true, stringFilter: true, fn: (v, arg) => wrap(text(v), pyInt(arg)) },
  phone2numeric: { arg: 'none', isSafe: true, fn: phone2numeric },
  linenumbers: { arg: 'none', isSafe: true, stringFilter: true, fn: linenumbers },
  urlencode: { arg: 'optional', stringFilter: true, fn: urlencode },
  truncatechars: {
    arg: 'required',
    isSafe: true,
    stringFilter: true,
    fn: (v, arg) => withLength(v, arg, (n) => truncateChars(text(v), n)),
  },
  truncatewords: {
    arg: 'required',
    isSafe: true,
    stringFilter: true,
    fn: (v, arg) => withLength(v, arg, (n) => truncateWords(text(v), n, false, ' \u2026')),
  },
};
