/**
 * The decimal arithmetic floatformat, filesizeformat and stringformat need: the exact
 * decimal value of a double and Decimal.quantize with Python's rounding modes. Decimals
 * are the shared `Decimal` value type (sign, coefficient digits, exponent).
 */
import { Decimal } from '../values.js';

export type Rounding = 'half-up' | 'half-even';

/** The exact decimal value of a finite double (Decimal(x) in Python, not Decimal(repr(x))). */
export function exactDecimal(n: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // Subnormals have no implicit leading bit and the smallest exponent.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  if (exp2 >= 0) return trimmed(negative, (mantissa << BigInt(exp2)).toString(), 0);
  // m * 2^-k = m * 5^k / 10^k
  return trimmed(negative, (mantissa * 5n ** BigInt(-exp2)).toString(), exp2);
}

/** Drops trailing zeros of the coefficient so the exponent is as large as possible. */
function trimmed(negative: boolean, digits: string, exponent: number): Decimal {
  if (/^0+$/.test(digits)) return new Decimal(negative, '0', 0);
  const stripped = digits.replace(/0+$/, '');
  return new Decimal(negative, stripped, exponent + digits.length - stripped.length);
}

/** True when the value has a nonzero digit after the decimal point (int(d) != d). */
export function hasFraction(d: Decimal): boolean {
  if (d.special || d.exponent >= 0) return false;
  return /[1-9]/.test(d.digits.slice(Math.max(0, d.digits.length + d.exponent)));
}

/** Decimal.quantize(Decimal(10) ** exp, rounding): exactly `exp` as the exponent. */
export function quantize(d: Decimal, exp: number, rounding: Rounding): Decimal {
  if (d.exponent >= exp) return new Decimal(d.negative, stripZeros(d.digits + '0'.repeat(d.exponent - exp)), exp);
  const drop = exp - d.exponent;
  const padded = d.digits.padStart(drop + 1, '0');
  const keep = padded.slice(0, padded.length - drop);
  const rest = padded.slice(padded.length - drop);
  let kept = BigInt(keep);
  if (roundsUp(rest, keep, rounding)) kept += 1n;
  return new Decimal(d.negative, kept.toString(), exp);
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

function roundsUp(rest: string, keep: string, rounding: Rounding): boolean {
  const first = rest[0];
  if (first > '5') return true;
  if (first < '5') return false;
  if (/[1-9]/.test(rest.slice(1))) return true;
  // An exact tie.
  return rounding === 'half-up' || Number(keep[keep.length - 1]) % 2 === 1;
}

/** Rounds to `sig` significant digits; a nonzero result has exactly `sig` digits. */
export function roundSignificant(d: Decimal, sig: number, rounding: Rounding): Decimal {
  // Zero keeps one digit; callers pad the coefficient to the width they show.
  if (/^0+$/.test(d.digits)) return new Decimal(d.negative, '0', 1 - sig);
  const q = quantize(d, d.adjusted() - sig + 1, rounding);
  // A carry (9.99 → 10.0) adds a digit: drop the trailing zero it leaves.
  if (q.digits.length > sig) return new Decimal(q.negative, q.digits.slice(0, sig), q.exponent + 1);
  return q;
}

/** Python's round(x, ndigits) for a float: the exact value rounded half-even, back to a float. */
export function pyRound(n: number, ndigits: number): number {
  if (!Number.isFinite(n)) return n;
  return quantize(exactDecimal(n), -ndigits, 'half-even').toNumber();
}
