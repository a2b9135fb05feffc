/** Django's token_kwargs: `a=b c=d` (or the legacy `b as a and d as c`) into bindings. */
import type { Binding } from '../nodes.js';
import type { Parser } from '../parser.js';
import type { Token } from '../lexer.js';

export const KWARG_RE = /^(?:([\p{L}\p{N}_]+)=)?(.+)$/su;

/** Consumes the bindings from the front of `bits` (mutated), as Django does. */
export function tokenKwargs(bits: string[], parser: Parser, token: Token, legacy: boolean): Binding[] {
  if (!bits.length) return [];
  const first = KWARG_RE.exec(bits[0]);
  const kwargFormat = !!(first && first[1]);
  if (!kwargFormat && (!legacy || bits.length < 3 || bits[1] !== 'as')) return [];
  const out: Binding[] = [];
  while (bits.length) {
    let key: string;
    let value: string;
    if (kwargFormat) {
      const m = KWARG_RE.exec(bits[0]);
      if (!m || !m[1]) return out;
      [key, value] = [m[1], m[2]];
      bits.splice(0, 1);
    } else {
      if (bits.length < 3 || bits[1] !== 'as') return out;
      [key, value] = [bits[2], bits[0]];
      bits.splice(0, 3);
    }
    const idx = out.findIndex((b) => b.name === key);
    const binding = { name: key, expr: parser.compileFilter(value, token) };
    if (idx >= 0) out[idx] = binding;
    else out.push(binding);
    if (bits.length && !kwargFormat) {
      if (bits[0] !== 'and') return out;
      bits.splice(0, 1);
    }
  }
  return out;
}
