/**
 * The `{% if %}` expression grammar, a Pratt parser after Django's smartif.py: operators with
 * binding powers, `not` as a prefix, everything else an operand (a filter expression).
 */
import type { IfCond, FilterExpr } from './nodes.js';
import { ExprError } from './expr.js';

type Infix = Exclude<IfCond['op'], 'operand' | 'not'>;

const INFIX_POWER: Record<Infix, number> = {
  or: 6,
  and: 7,
  in: 9,
  'not in': 9,
  is: 10,
  'is not': 10,
  '==': 10,
  '!=': 10,
  '>': 10,
  '>=': 10,
  '<': 10,
  '<=': 10,
};
const NOT_POWER = 8;

type Tok = { type: 'op'; op: Infix | 'not' } | { type: 'operand'; text: string } | { type: 'end' };

function isInfix(s: string): s is Infix {
  return Object.prototype.hasOwnProperty.call(INFIX_POWER, s);
}

/** Joins `not in` and `is not` into single operators, as smartif's IfParser does. */
function lex(bits: string[]): Tok[] {
  const toks: Tok[] = [];
  for (let i = 0; i < bits.length; i++) {
    const bit = bits[i];
    if (bit === 'is' && bits[i + 1] === 'not') {
      toks.push({ type: 'op', op: 'is not' });
      i++;
    } else if (bit === 'not' && bits[i + 1] === 'in') {
      toks.push({ type: 'op', op: 'not in' });
      i++;
    } else if (bit === 'not') {
      toks.push({ type: 'op', op: 'not' });
    } else if (isInfix(bit)) {
      toks.push({ type: 'op', op: bit });
    } else {
      toks.push({ type: 'operand', text: bit });
    }
  }
  return toks;
}

function opName(t: Tok): string {
  return t.type === 'op' ? t.op : t.type === 'operand' ? t.text : '';
}

/** More operands than this in one condition is refused (the generated code nests per operator). */
const MAX_TERMS = 200;

export function parseIfExpression(bits: string[], compile: (text: string) => FilterExpr): IfCond {
  if (bits.length > 2 * MAX_TERMS) throw new ExprError(`More than ${MAX_TERMS} terms in an if condition`);
  const toks = lex(bits);
  let i = 0;
  const next = (): Tok => (i < toks.length ? toks[i++] : { type: 'end' });
  const peek = (): Tok => (i < toks.length ? toks[i] : { type: 'end' });

  const nud = (t: Tok): IfCond => {
    if (t.type === 'operand') return { op: 'operand', expr: compile(t.text) };
    if (t.type === 'op' && t.op === 'not') return { op: 'not', arg: expression(NOT_POWER) };
    if (t.type === 'end') throw new ExprError('Unexpected end of expression in if tag.');
    throw new ExprError(`Not expecting '${opName(t)}' in this position in if tag.`);
  };

  const expression = (rbp = 0): IfCond => {
    let left = nud(next());
    for (;;) {
      const t = peek();
      if (t.type === 'end') return left;
      if (t.type === 'operand') return left;
      if (t.op === 'not') throw new ExprError(`Not expecting 'not' as infix operator in if tag.`);
      const power = INFIX_POWER[t.op];
      if (rbp >= power) return left;
      next();
      left = { op: t.op, left, right: expression(power) };
    }
  };

  const cond = expression();
  const rest = peek();
  if (rest.type !== 'end') throw new ExprError(`Unused '${opName(rest)}' at end of if expression.`);
  return cond;
}
