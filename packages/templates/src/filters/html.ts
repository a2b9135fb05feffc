/**
 * Filters that produce or clean HTML: escaping, line breaks, tags, JSON in a script
 * element, links, nested lists and HTML-aware truncation.
 */
import { SafeString, escapeHtml, isSafe, markSafe } from '../safe.js';
import { pyIter, pyStr } from '../values.js';
import { pyInt, text, withLength } from './py-convert.js';
import { PyTypeError } from './py-errors.js';
import { jsonDumps } from './json.js';
import { stripTags } from './strip-tags.js';
import { truncateChars, truncateWords } from './truncate.js';
import { urlize } from './urlize.js';
import type { FilterOptions, FilterTable } from './types.js';

/** django.utils.html.conditional_escape: safe strings pass, everything else is escaped. */
export function conditionalEscape(v: unknown): SafeString {
  return isSafe(v) ? v : markSafe(escapeHtml(pyStr(v)));
}

/** django.utils.text.normalize_newlines. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n|\r/g, '\n');
}

const JS_ESCAPES: Record<string, string> = {
  '\\': '\\u005C',
  "'": '\\u0027',
  '"': '\\u0022',
  '>': '\\u003E',
  '<': '\\u003C',
  '&': '\\u0026',
  '=': '\\u003D',
  '-': '\\u002D',
  ';': '\\u003B',
  '`': '\\u0060',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** django.utils.html.escapejs: the characters unsafe in JS strings, and controls, as \uXXXX. */
export function escapeJs(text: string): SafeString {
  const escaped = text.replace(/[\\'"<>&=\-;`\u2028\u2029\x00-\x1f]/g, (c) => {
    return JS_ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  });
  return markSafe(escaped);
}

/** django.utils.html.linebreaks: paragraphs on blank lines, <br> on single newlines. */
export function linebreaks(value: string, autoescape: boolean): string {
  const paras = normalizeNewlines(value).split(/\n{2,}/);
  return paras.map((p) => `<p>${(autoescape ? escapeHtml(p) : p).replace(/\n/g, '<br>')}</p>`).join('\n\n');
}

function linebreaksbr(value: unknown, _arg: unknown, { autoescape }: FilterOptions): SafeString {
  const normalized = normalizeNewlines(text(value));
  const escaped = autoescape && !isSafe(value) ? escapeHtml(normalized) : normalized;
  return markSafe(escaped.replace(/\n/g, '<br>'));
}

function jsonScript(value: unknown, elementId: unknown): SafeString {
  const json = jsonDumps(value).replace(/[<>&]/g, (c) => ({ '<': '\\u003C', '>': '\\u003E', '&': '\\u0026' })[c] as string);
  return markSafe(`<script id="${conditionalEscape(elementId).value}" type="application/json">${json}</script>`);
}

function urlizeFilter(value: unknown, trimUrlLimit: number | undefined, autoescape: boolean): SafeString {
  return markSafe(urlize(text(value), { trimUrlLimit, nofollow: true, autoescape, safeInput: isSafe(value) }));
}

/** django's unordered_list: nested lists become nested <ul>, items escaped when autoescaping. */
function unorderedList(value: unknown, _arg: unknown, { autoescape }: FilterOptions): SafeString {
  const escaper = autoescape ? (x: unknown): string => conditionalEscape(x).value : pyStr;
  return markSafe(listFormatter(value, 1, escaper));
}

function listFormatter(items: unknown, tabs: number, escaper: (x: unknown) => string): string {
  const indent = '\t'.repeat(tabs);
  return walkItems(items)
    .map(([item, children]) => {
      const sublist = children !== undefined && children.length > 0 ? `\n${indent}<ul>\n${listFormatter(children, tabs + 1, escaper)}\n${indent}</ul>\n${indent}` : '';
      return `${indent}<li>${escaper(item)}${sublist}</li>`;
    })
    .join('\n');
}

/** Pairs each item with the list that directly follows it, if one does (its children). */
function walkItems(items: unknown): [unknown, unknown[] | undefined][] {
  const list = pyIter(items);
  if (list === undefined) throw new PyTypeError('object is not iterable');
  const pairs: [unknown, unknown[] | undefined][] = [];
  let i = 0;
  while (i < list.length) {
    const next = list[i + 1];
    if (i + 1 < list.length && Array.isArray(next)) {
      pairs.push([list[i], next]);
      i += 2;
    } else {
      pairs.push([list[i], undefined]);
      i += 1;
    }
  }
  return pairs;
}

export const htmlFilters: FilterTable = {
  escape: { arg: 'none', isSafe: true, stringFilter: true, fn: (v) => conditionalEscape(v) },
  force_escape: { arg: 'none', isSafe: true, stringFilter: true, fn: (v) => markSafe(escapeHtml(text(v))) },
  escapejs: { arg: 'none', stringFilter: true, fn: (v) => escapeJs(text(v)) },
  safe: { arg: 'none', isSafe: true, stringFilter: true, fn: (v) => markSafe(text(v)) },
  safeseq: {
    arg: 'none',
    isSafe: true,
    fn: (v) => {
      const items = pyIter(v);
      if (items === undefined) throw new PyTypeError(`'${typeof v}' object is not iterable`);
      return items.map((x) => markSafe(pyStr(x)));
    },
  },
  striptags: { arg: 'none', isSafe: true, stringFilter: true, fn: (v) => stripTags(text(v)) },
  linebreaks: {
    arg: 'none',
    isSafe: true,
    stringFilter: true,
    fn: (v, _a, { autoescape }) => markSafe(linebreaks(text(v), autoescape && !isSafe(v))),
  },
  linebreaksbr: { arg: 'none', isSafe: true, stringFilter: true, fn: linebreaksbr },
  json_script: { arg: 'required', isSafe: true, fn: jsonScript },
  urlize: { arg: 'none', isSafe: true, stringFilter: true, fn: (v, _a, { autoescape }) => urlizeFilter(v, undefined, autoescape) },
  urlizetrunc: {
    arg: 'required',
    isSafe: true,
    stringFilter: true,
    fn: (v, limit, { autoescape }) => urlizeFilter(v, pyInt(limit), autoescape),
  },
  unordered_list: { arg: 'none', isSafe: true, fn: unorderedList },
  truncatechars_html: {
    arg: 'required',
    isSafe: true,
    stringFilter: true,
    fn: (v, arg) => withLength(v, arg, (n) => truncateChars(text(v), n, true)),
  },
  truncatewords_html: {
    arg: 'required',
    isSafe: true,
    stringFilter: true,
    fn: (v, arg) => withLength(v, arg, (n) => truncateWords(text(v), n, true, ' \u2026')),
  },
};
