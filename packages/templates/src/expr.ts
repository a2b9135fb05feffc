/**
 * Django's Variable and FilterExpression parsing: `value|filter:arg|other`. The grammar and
 * its error messages follow django/template/base.py.
 */
import { SafeString } from './safe.js';
import { PyFloat } from './values.js';
import type { FilterExpr, FilterCall, Operand, Pos } from './nodes.js';
import type { FilterSpec } from './filters/types.js';

/** Raised by the expression parser; the template parser adds the position. */
export class ExprError extends Error {}

const STR_DQ = String.raw`"[^"\\]*(?:\\.[^"\\]*)*"`;
const STR_SQ = String.raw`'[^'\\]*(?:\\.[^'\\]*)*'`;
const CONSTANT = String.raw`(?:_\(${STR_DQ}\)|_\(${STR_SQ}\)|${STR_DQ}|${STR_SQ})`;
const NUM = String.raw`[-+.]?\d[\d.e]*`;
const VAR_CHARS = String.raw`[\p{L}\p{N}_.]`;
// The first alternative anchors at the start (Python's `^` under finditer).
const FILTER_RE = new RegExp(
  String.raw`^(?<constant>${CONSTANT})|^(?<var>${VAR_CHARS}+|${NUM})|(?:\s*\|\s*(?<filter_name>[\p{L}\p{N}_]+)(?::(?:(?<constant_arg>${CONSTANT})|(?<var_arg>${VAR_CHARS}+|${NUM})))?)`,
  'gu',
);

const INT_RE = /^\s*[+-]?\d(?:_?\d)*\s*$/;
const FLOAT_RE = /^\s*[+-]?(?:(?:\d(?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?\s*$/;
const FLOAT_SPECIAL_RE = /^\s*[+-]?(?:inf|infinity|nan)\s*$/i;

/** Python's float(); undefined where Python raises ValueError. */
export function parsePyFloat(text: string): number | undefined {
  if (FLOAT_RE.test(text)) return Number(text.replace(/_/g, '').trim());
  if (FLOAT_SPECIAL_RE.test(text)) {
    const t = text.trim().toLowerCase();
    if (t.endsWith('nan')) return NaN;
    return t.startsWith('-') ? -Infinity : Infinity;
  }
  return undefined;
}

/** Python's int(); undefined where Python raises ValueError. */
export function parsePyInt(text: string): number | undefined {
  return INT_RE.test(text) ? Number(text.replace(/_/g, '').trim()) : undefined;
}

/** django.utils.text.unescape_string_literal; undefined when `s` is not a quoted literal. */
export function unescapeStringLiteral(s: string): string | undefined {
  const q = s[0];
  if ((q !== '"' && q !== "'") || s.length < 2 || s[s.length - 1] !== q) return undefined;
  return s.slice(1, -1).split('\\' + q).join(q).split('\\\\').join('\\');
}

/** Django's Variable(...): a number, a quoted (safe) string, or a dotted lookup. */
export function parseVariable(text: string): Operand {
  let v = text;
  const numeric = v.includes('.') || v.toLowerCase().includes('e') ? parsePyFloat(v) : parsePyInt(v);
  // "2." parses as a float in Python but Django rejects it as a number.
  if (numeric !== undefined && !v.endsWith('.')) {
    const isFloat = v.includes('.') || v.toLowerCase().includes('e');
    return { kind: 'literal', value: isFloat && Number.isInteger(numeric) ? new PyFloat(numeric) : numeric };
  }
  if (v.startsWith('_(') && v.endsWith(')')) v = v.slice(2, -1);
  const literal = unescapeStringLiteral(v);
  if (literal !== undefined) return { kind: 'literal', value: new SafeString(literal) };
  if (v.includes('._') || v.startsWith('_')) {
    throw new ExprError(`Variables and attributes may not begin with underscores: '${v}'`);
  }
  const path = v.split('.');
  if (path.length > MAX_SEGMENTS) throw new ExprError(`More than ${MAX_SEGMENTS} attribute lookups in '${v.slice(0, 40)}…'`);
  return { kind: 'lookup', path, text: v };
}

/** Resolving a constant at parse time, as FilterExpression does with Variable(constant).resolve({}). */
function constantOperand(text: string): Operand {
  const op = parseVariable(text);
  // A constant that turned out to be a lookup resolves against an empty context: None.
  return op.kind === 'literal' ? op : { kind: 'literal', value: null };
}

/** Limits that keep generated code shallow; real templates stay far below them. */
export const MAX_FILTERS = 200;
export const MAX_SEGMENTS = 200;

export type FilterFinder = (name: string) => FilterSpec;

function checkArity(name: string, spec: FilterSpec, hasArg: boolean): void {
  if (spec.arg === 'none' && hasArg) throw new ExprError(`${name} requires 1 arguments, 2 provided`);
  if (spec.arg === 'required' && !hasArg) throw new ExprError(`${name} requires 2 arguments, 1 provided`);
}

export function parseFilterExpression(token: string, findFilter: FilterFinder, pos: Pos): FilterExpr {
  let base: Operand | null | undefined;
  const filters: FilterCall[] = [];
  let upto = 0;
  FILTER_RE.lastIndex = 0;
  for (let m = FILTER_RE.exec(token); m !== null; m = FILTER_RE.exec(token)) {
    if (m[0] === '') {
      FILTER_RE.lastIndex++;
      continue;
    }
    const start = m.index;
    if (upto !== start) {
      throw new ExprError(
        `Could not parse some characters: ${token.slice(0, upto)}|${token.slice(upto, start)}|${token.slice(start)}`,
      );
    }
    const g = m.groups ?? {};
    if (base === undefined) {
      if (g.constant) base = constantOperand(g.constant);
      else if (g.var === undefined) throw new ExprError(`Could not find variable at start of ${token}.`);
      else base = parseVariable(g.var);
    } else {
      const name = g.filter_name;
      let arg: Operand | undefined;
      if (g.constant_arg) arg = constantOperand(g.constant_arg);
      else if (g.var_arg) arg = parseVariable(g.var_arg);
      if (filters.length >= MAX_FILTERS) throw new ExprError(`More than ${MAX_FILTERS} filters in one expression`);
      const spec = findFilter(name);
      checkArity(name, spec, arg !== undefined);
      filters.push(arg === undefined ? { name, spec } : { name, spec, arg });
    }
    upto = m.index + m[0].length;
  }
  if (upto !== token.length) {
    throw new ExprError(`Could not parse the remainder: '${token.slice(upto)}' from '${token}'`);
  }
  return { base: base ?? null, filters, text: token, pos };
}
