/** Parsers for the tags that shape output: autoescape, filter, spaceless, verbatim, templatetag,
 *  comment, load, lorem, now, widthratio, regroup, url, csrf_token. */
import type { TagParser } from '../parser.js';
import { ExprError } from '../expr.js';
import type { Binding, FilterExpr } from '../nodes.js';
import { KWARG_RE } from './kwargs.js';

const posOf = (t: { line: number; column: number }) => ({ line: t.line, column: t.column });

export const autoescapeTag: TagParser = (parser, token) => {
  const args = token.contents.split(/\s+/);
  if (args.length !== 2) throw new ExprError(`'autoescape' tag requires exactly one argument.`);
  if (args[1] !== 'on' && args[1] !== 'off') throw new ExprError(`'autoescape' argument should be 'on' or 'off'`);
  const body = parser.parse(['endautoescape']);
  parser.nextToken();
  return { kind: 'autoescape', pos: posOf(token), on: args[1] === 'on', body };
};

export const filterTag: TagParser = (parser, token) => {
  const m = /^\S+\s+([\s\S]+)$/.exec(token.contents);
  if (!m) throw new ExprError(`'filter' tag requires at least one filter`);
  const expr = parser.compileFilter(`var|${m[1]}`, token);
  for (const f of expr.filters) {
    if (f.name === 'escape' || f.name === 'safe') {
      throw new ExprError(`"filter ${f.name}" is not permitted.  Use the "autoescape" tag instead.`);
    }
  }
  const body = parser.parse(['endfilter']);
  parser.nextToken();
  return { kind: 'filter', pos: posOf(token), expr, body };
};

export const spacelessTag: TagParser = (parser, token) => {
  const body = parser.parse(['endspaceless']);
  parser.nextToken();
  return { kind: 'spaceless', pos: posOf(token), body };
};

export const verbatimTag: TagParser = (parser, token) => {
  const body = parser.parse(['endverbatim']);
  parser.nextToken();
  const text = body.map((n) => (n.kind === 'text' ? n.text : '')).join('');
  return { kind: 'text', pos: posOf(token), text };
};

const TEMPLATETAG: Record<string, string> = {
  openblock: '{%',
  closeblock: '%}',
  openvariable: '{{',
  closevariable: '}}',
  openbrace: '{',
  closebrace: '}',
  opencomment: '{#',
  closecomment: '#}',
};

export const templateTagTag: TagParser = (_parser, token) => {
  const bits = token.contents.split(/\s+/);
  if (bits.length !== 2) throw new ExprError(`'templatetag' statement takes one argument`);
  if (!Object.prototype.hasOwnProperty.call(TEMPLATETAG, bits[1])) {
    throw new ExprError(`Invalid templatetag argument: '${bits[1]}'. Must be one of: ${Object.keys(TEMPLATETAG).join(', ')}`);
  }
  return { kind: 'text', pos: posOf(token), text: TEMPLATETAG[bits[1]] };
};

export const commentTag: TagParser = (parser) => {
  parser.skipPast('endcomment');
  return null;
};

export const loadTag: TagParser = (parser, _token, bits) => {
  parser.load(bits);
  return null;
};

export const loremTag: TagParser = (parser, token, bitsIn) => {
  const bits = [...bitsIn];
  const tagName = bits[0];
  const random = bits[bits.length - 1] === 'random';
  if (random) bits.pop();
  let method: 'w' | 'p' | 'b' = 'b';
  const last = bits[bits.length - 1];
  if (last === 'w' || last === 'p' || last === 'b') {
    method = last;
    bits.pop();
  }
  const count = bits.length > 1 ? bits.pop()! : '1';
  if (bits.length !== 1) throw new ExprError(`Incorrect format for '${tagName}' tag`);
  return { kind: 'lorem', pos: posOf(token), count: parser.compileFilter(count, token), method, random };
};

export const nowTag: TagParser = (_parser, token, bitsIn) => {
  let bits = bitsIn;
  let asName: string | null = null;
  if (bits.length === 4 && bits[2] === 'as') {
    asName = bits[3];
    bits = bits.slice(0, 2);
  }
  if (bits.length !== 2) throw new ExprError(`'now' statement takes one argument`);
  return { kind: 'now', pos: posOf(token), format: bits[1].slice(1, -1), asName };
};

export const widthRatioTag: TagParser = (parser, token, bits) => {
  let asName: string | null = null;
  if (bits.length === 6) {
    if (bits[4] !== 'as') throw new ExprError(`Invalid syntax in widthratio tag. Expecting 'as' keyword`);
    asName = bits[5];
  } else if (bits.length !== 4) {
    throw new ExprError('widthratio takes at least three arguments');
  }
  const [value, max, width] = bits.slice(1, 4).map((b) => parser.compileFilter(b, token));
  return { kind: 'widthratio', pos: posOf(token), value, max, width, asName };
};

export const regroupTag: TagParser = (parser, token, bits) => {
  if (bits.length !== 6) throw new ExprError(`'regroup' tag takes five arguments`);
  const target = parser.compileFilter(bits[1], token);
  if (bits[2] !== 'by') throw new ExprError(`second argument to 'regroup' tag must be 'by'`);
  if (bits[4] !== 'as') throw new ExprError(`next-to-last argument to 'regroup' tag must be 'as'`);
  const asName = bits[5];
  // Django resolves the key as `<as-name>.<by>` with the as-name bound to each item in turn.
  const by = parser.compileFilter(`${asName}.${bits[3]}`, token);
  return { kind: 'regroup', pos: posOf(token), target, by, asName };
};

/** Positional and keyword arguments, shared by `url` and custom tags. */
export function parseArgs(
  parser: Parameters<TagParser>[0],
  token: Parameters<TagParser>[1],
  bits: string[],
  what: string,
): { args: FilterExpr[]; kwargs: Binding[] } {
  const args: FilterExpr[] = [];
  const kwargs: Binding[] = [];
  for (const bit of bits) {
    const m = KWARG_RE.exec(bit);
    if (!m) throw new ExprError(`Malformed arguments to ${what} tag`);
    if (m[1]) kwargs.push({ name: m[1], expr: parser.compileFilter(m[2], token) });
    else args.push(parser.compileFilter(m[2], token));
  }
  return { args, kwargs };
}

/** Splits a trailing `as name` off a tag's bits. */
export function takeAs(bits: string[]): { bits: string[]; asName: string | null } {
  if (bits.length >= 2 && bits[bits.length - 2] === 'as') return { bits: bits.slice(0, -2), asName: bits[bits.length - 1] };
  return { bits, asName: null };
}

export const urlTag: TagParser = (parser, token, bits) => {
  if (bits.length < 2) throw new ExprError(`'${bits[0]}' takes at least one argument, a URL pattern name.`);
  const name = parser.compileFilter(bits[1], token);
  const rest = takeAs(bits.slice(2));
  const { args, kwargs } = parseArgs(parser, token, rest.bits, 'url');
  return { kind: 'url', pos: posOf(token), name, args, kwargs, asName: rest.asName };
};

export const csrfTokenTag: TagParser = (_parser, token) => ({ kind: 'csrf_token', pos: posOf(token) });
