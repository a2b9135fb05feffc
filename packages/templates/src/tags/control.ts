/** Parsers for the control-flow tags: if, for, with, cycle, resetcycle, firstof, ifchanged. */
import type { TagParser } from '../parser.js';
import { ExprError } from '../expr.js';
import { parseIfExpression } from '../if-expr.js';
import type { CycleNode, IfNode, Node } from '../nodes.js';
import { tokenKwargs } from './kwargs.js';
import { splitContents as splitBits } from '../lexer.js';

const posOf = (t: { line: number; column: number }) => ({ line: t.line, column: t.column });

export const ifTag: TagParser = (parser, token, bits) => {
  const compile = (text: string) => parser.compileFilter(text, token);
  const branches: IfNode['branches'] = [];
  let cond = parseIfExpression(bits.slice(1), compile);
  for (;;) {
    const body = parser.parse(['elif', 'else', 'endif']);
    branches.push({ cond, body });
    const next = parser.nextToken();
    if (next.contents.startsWith('elif')) {
      cond = parseIfExpression(splitBits(next.contents).slice(1), (t) => parser.compileFilter(t, next));
      continue;
    }
    if (next.contents === 'else') {
      branches.push({ cond: null, body: parser.parse(['endif']) });
      const end = parser.nextToken();
      if (end.contents !== 'endif') throw parser.error(end, `Malformed template tag at line ${end.line}: "${end.contents}"`);
    } else if (next.contents !== 'endif') {
      throw parser.error(next, `Malformed template tag at line ${next.line}: "${next.contents}"`);
    }
    return { kind: 'if', pos: posOf(token), branches };
  }
};

const INVALID_LOOPVAR = /[ "'|]/;

export const forTag: TagParser = (parser, token, bits) => {
  if (bits.length < 4) throw new ExprError(`'for' statements should have at least four words: ${token.contents}`);
  const reversed = bits[bits.length - 1] === 'reversed';
  const inIndex = bits.length + (reversed ? -3 : -2);
  if (bits[inIndex] !== 'in') throw new ExprError(`'for' statements should use the format 'for x in y': ${token.contents}`);
  const targets = bits.slice(1, inIndex).join(' ').split(/ *, */);
  for (const t of targets) {
    if (!t || INVALID_LOOPVAR.test(t)) throw new ExprError(`'for' tag received an invalid argument: ${token.contents}`);
  }
  const iter = parser.compileFilter(bits[inIndex + 1], token);
  const body = parser.parse(['empty', 'endfor']);
  let empty: Node[] | null = null;
  if (parser.nextToken().contents === 'empty') {
    empty = parser.parse(['endfor']);
    parser.nextToken();
  }
  return { kind: 'for', pos: posOf(token), targets, iter, reversed, body, empty };
};

export const withTag: TagParser = (parser, token, bits) => {
  const rest = bits.slice(1);
  const bindings = tokenKwargs(rest, parser, token, true);
  if (!bindings.length) throw new ExprError(`'with' expected at least one variable assignment`);
  if (rest.length) throw new ExprError(`'with' received an invalid token: '${rest[0]}'`);
  const body = parser.parse(['endwith']);
  parser.nextToken();
  return { kind: 'with', pos: posOf(token), bindings, body };
};

/** Named cycles by parser, so `{% cycle name %}` and `{% resetcycle name %}` find them. */
const namedCycles = new WeakMap<object, Map<string, CycleNode>>();
const lastCycle = new WeakMap<object, CycleNode>();

export const cycleTag: TagParser = (parser, token, bitsIn) => {
  let bits = bitsIn;
  if (bits.length < 2) throw new ExprError(`'cycle' tag requires at least two arguments`);
  const named = namedCycles.get(parser) ?? new Map<string, CycleNode>();
  namedCycles.set(parser, named);
  if (bits.length === 2) {
    const name = bits[1];
    if (!named.size) throw new ExprError(`No named cycles in template. '${name}' is not defined`);
    const node = named.get(name);
    if (!node) throw new ExprError(`Named cycle '${name}' does not exist`);
    // Django returns the very same node: it shares state, name and silence.
    return node;
  }
  let asName: string | null = null;
  let silent = false;
  if (bits.length > 4) {
    if (bits[bits.length - 3] === 'as') {
      if (bits[bits.length - 1] !== 'silent') {
        throw new ExprError(`Only 'silent' flag is allowed after cycle's name, not '${bits[bits.length - 1]}'.`);
      }
      silent = true;
      bits = bits.slice(0, -1);
      asName = bits[bits.length - 1];
    } else if (bits[bits.length - 2] === 'as') {
      asName = bits[bits.length - 1];
    }
  }
  const valueBits = asName === null ? bits.slice(1) : bits.slice(1, -2);
  const node: CycleNode = {
    kind: 'cycle',
    pos: posOf(token),
    values: valueBits.map((b) => parser.compileFilter(b, token)),
    asName,
    silent,
    ref: null,
    id: parser.uid(),
  };
  if (asName !== null) named.set(asName, node);
  lastCycle.set(parser, node);
  return node;
};

export const resetCycleTag: TagParser = (parser, token, bits) => {
  if (bits.length > 2) throw new ExprError(`'resetcycle' tag accepts at most one argument.`);
  if (bits.length === 2) {
    const node = namedCycles.get(parser)?.get(bits[1]);
    if (!node) throw new ExprError(`Named cycle '${bits[1]}' does not exist.`);
    return { kind: 'resetcycle', pos: posOf(token), cycleId: node.id };
  }
  const last = lastCycle.get(parser);
  if (!last) throw new ExprError('No cycles in template.');
  return { kind: 'resetcycle', pos: posOf(token), cycleId: last.id };
};

export const firstOfTag: TagParser = (parser, token, bitsIn) => {
  let bits = bitsIn.slice(1);
  if (!bits.length) throw new ExprError(`'firstof' statement requires at least one argument`);
  let asName: string | null = null;
  if (bits.length >= 2 && bits[bits.length - 2] === 'as') {
    asName = bits[bits.length - 1];
    bits = bits.slice(0, -2);
  }
  return { kind: 'firstof', pos: posOf(token), values: bits.map((b) => parser.compileFilter(b, token)), asName };
};

/** `{% ifequal a b %}` / `{% ifnotequal a b %}`: an if with one comparison. */
function ifEqualTag(negate: boolean): TagParser {
  return (parser, token, bits) => {
    if (bits.length !== 3) throw new ExprError(`'${bits[0]}' takes two arguments`);
    const end = `end${bits[0]}`;
    const body = parser.parse(['else', end]);
    const branches: IfNode['branches'] = [];
    const operand = (text: string) => ({ op: 'operand' as const, expr: parser.compileFilter(text, token) });
    branches.push({ cond: { op: negate ? '!=' : '==', left: operand(bits[1]), right: operand(bits[2]) }, body });
    if (parser.nextToken().contents === 'else') {
      branches.push({ cond: null, body: parser.parse([end]) });
      parser.nextToken();
    }
    return { kind: 'if', pos: posOf(token), branches };
  };
}

export const ifEqual = ifEqualTag(false);
export const ifNotEqual = ifEqualTag(true);

export const ifChangedTag: TagParser = (parser, token, bits) => {
  const body = parser.parse(['else', 'endifchanged']);
  let elseBody: Node[] | null = null;
  if (parser.nextToken().contents === 'else') {
    elseBody = parser.parse(['endifchanged']);
    parser.nextToken();
  }
  const exprs = bits.slice(1).map((b) => parser.compileFilter(b, token));
  return { kind: 'ifchanged', pos: posOf(token), exprs, body, else: elseBody, id: parser.uid() };
};
