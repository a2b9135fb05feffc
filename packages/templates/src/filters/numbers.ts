/** Numeric filters: arithmetic, rounding, digits, file sizes and plural suffixes. */
import { SafeString, markSafe } from '../safe.js';
import { Decimal, MAX_FORMATTED_DIGITS, pyFloatRepr, pyLen, pyNumberStr, pyRepr } from '../values.js';
import { hasFraction, pyRound, quantize } from './decimal-math.js';
import { pyFloat, pyInt, swallow, textOf } from './py-convert.js';
import { PyTypeError, PyValueError, PyZeroDivisionError } from './py-errors.js';
import type { FilterTable } from './types.js';

/** Python's `a + b` for the operand types templates carry; undefined where Python raises. */
function pyAdd(a: unknown, b: unknown): unknown {
  const numeric = (x: unknown): x is number | boolean => typeof x === 'number' || typeof x === 'boolean';
  if (numeric(a) && numeric(b)) return Number(a) + Number(b);
  const ta = textOf(a);
  const tb = textOf(b);
  if (ta !== undefined && tb !== undefined) {
    // SafeString + SafeString stays safe; any plain str makes the sum plain.
    return a instanceof SafeString && b instanceof SafeString ? markSafe(ta + tb) : ta + tb;
  }
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  return undefined;
}

/** int(value) + int(arg), else value + arg, else ''. */
function add(value: unknown, arg: unknown): unknown {
  const sum = swallow(() => pyInt(value) + pyInt(arg), undefined, PyValueError, PyTypeError);
  if (sum !== undefined) return sum;
  return pyAdd(value, arg) ?? '';
}

function divisibleby(value: unknown, arg: unknown): boolean {
  const divisor = pyInt(arg);
  const dividend = pyInt(value);
  if (divisor === 0) throw new PyZeroDivisionError('integer division or modulo by zero');
  return dividend % divisor === 0;
}

function getDigit(value: unknown, arg: unknown): unknown {
  let position: number;
  let number: number;
  try {
    position = pyInt(arg);
    number = pyInt(value);
  } catch (e) {
    // An invalid argument or value: fail silently with the value unchanged.
    if (e instanceof PyValueError) return value;
    throw e;
  }
  if (position < 1) return number;
  const digits = pyNumberStr(number);
  if (position > digits.length) return 0;
  const ch = digits[digits.length - position];
  if (!/\d/.test(ch)) throw new PyValueError(`invalid literal for int() with base 10: '${ch}'`);
  return Number(ch);
}

/** repr(text) made a Decimal, else Decimal(str(float(text))), as Django 3.2 reads its input. */
function floatformatInput(text: unknown): { repr: string; d: Decimal } | undefined {
  const repr = pyRepr(text);
  const direct = typeof text === 'number' ? Decimal.parse(repr) : undefined;
  if (direct) return { repr, d: direct };
  try {
    return { repr, d: Decimal.parse(pyFloatRepr(pyFloat(text))) as Decimal };
  } catch (e) {
    if (e instanceof PyValueError || e instanceof PyTypeError) return undefined;
    throw e;
  }
}

const ZEROS = '00000000000000000000';
const intArgs = new Map<string, number | undefined>();

/** An argument like "2" or "-3" as a number, remembered: templates repeat a few literals. */
function smallIntArg(text: string): number | undefined {
  if (!intArgs.has(text)) {
    if (intArgs.size > 100) intArgs.clear();
    intArgs.set(text, /^[-+]?\d{1,2}$/.test(text) ? Number(text) : undefined);
  }
  return intArgs.get(text);
}

/** Adds one unit in the last place of a string of decimal digits. */
function incrementDigits(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return '1' + '0'.repeat(digits.length);
  return digits.slice(0, i) + String(Number(digits[i]) + 1) + '0'.repeat(digits.length - i - 1);
}

/**
 * floatformat of a finite number with an integer argument, on repr's digits directly: the
 * same result as Decimal(repr(x)).quantize(ROUND_HALF_UP) without building Decimals. This is
 * the filter's everyday case; anything unusual takes the general path.
 */
function floatformatNumber(x: unknown, arg: unknown): SafeString | undefined {
  if (typeof x !== 'number' || !Number.isFinite(x)) return undefined;
  let p: number | undefined;
  if (arg === undefined) p = -1;
  else if (typeof arg === 'number' && Number.isInteger(arg)) p = arg;
  else if (arg instanceof SafeString) p = smallIntArg(arg.value);
  if (p === undefined || Math.abs(p) > 20) return undefined;
  const abs = Math.abs(x);
  // Within these bounds String(x) has repr's digits (ints print without a fraction).
  if (!(abs >= 1e-4 && abs < 1e15) && x !== 0) return undefined;
  const repr = String(x);
  const dot = repr.indexOf('.');
  const fracLen = dot < 0 ? 0 : repr.length - dot - 1;
  // The everyday case: no rounding needed, only padding with zeros.
  if (p > 0 && fracLen <= p) return markSafe((dot < 0 ? repr + '.' : repr) + ZEROS.slice(0, p - fracLen));
  const negative = repr.startsWith('-');
  const [whole, frac = ''] = (negative ? repr.slice(1) : repr).split('.');
  const places = Math.abs(p);
  if (p < 0 && !/[1-9]/.test(frac)) return markSafe((negative && /[1-9]/.test(whole) ? '-' : '') + whole);
  let digits = whole + frac.slice(0, places).padEnd(places, '0');
  if (frac.length > places && frac[places] >= '5') digits = incrementDigits(digits);
  const intLen = digits.length - places;
  const text = places ? `${digits.slice(0, intLen) || '0'}.${digits.slice(intLen)}` : digits;
  // No "-0": a negative number rounded to zero loses its sign.
  return markSafe((negative && /[1-9]/.test(digits) ? '-' : '') + text);
}

/** Django 3.2.25's floatformat: rounds half up; a trailing 'g' asks for grouping (none here). */
export function floatformat(text: unknown, argIn: unknown): unknown {
  const quick = floatformatNumber(text, argIn);
  if (quick !== undefined) return quick;
  let arg: unknown = argIn === undefined ? -1 : argIn;
  const argText = textOf(arg);
  if (argText !== undefined && argText.endsWith('g')) arg = argText.slice(0, -1) || -1;
  const input = floatformatInput(text);
  if (input === undefined) return '';
  const p = swallow(() => pyInt(arg), undefined, PyValueError);
  if (p === undefined) return input.repr;
  const { d } = input;
  // Too long to format (Django's guard against huge exponents): the input comes back as read.
  if (d.digitsPlusExponent() > MAX_FORMATTED_DIGITS) return input.repr;
  // int(d) raises for NaN and infinities: the input comes back as it was read.
  if (d.special) return input.repr;
  const fractional = hasFraction(d);
  if (!fractional && p < 0) return markSafe(integerText(d));
  const rounded = quantize(d, -Math.abs(p), 'half-up');
  // No "-0": a negative number rounded to zero loses its sign.
  const shown = rounded.isZero() ? new Decimal(false, rounded.digits, rounded.exponent) : rounded;
  return markSafe(shown.toFixedString());
}

/** '%d' % int(d): the integer part, truncated toward zero, never "-0". */
function integerText(d: Decimal): string {
  const whole = d.exponent >= 0 ? d.digits + '0'.repeat(d.exponent) : d.digits.slice(0, d.digits.length + d.exponent);
  const digits = whole.replace(/^0+(?=\d)/, '') || '0';
  return (d.negative && digits !== '0' ? '-' : '') + digits;
}

const UNITS: [number, string][] = [
  [2 ** 50, 'PB'],
  [2 ** 40, 'TB'],
  [2 ** 30, 'GB'],
  [2 ** 20, 'MB'],
  [2 ** 10, 'KB'],
];

/** number_format(round(x, 1), 1) for a float. */
function oneDecimal(x: number): string {
  const repr = pyFloatRepr(pyRound(x, 1));
  const fixed = repr.includes('e') ? (Decimal.parse(repr) as Decimal).toFixedString() : repr;
  const [whole, frac = ''] = fixed.split('.');
  return `${whole}.${frac.slice(0, 1).padEnd(1, '0')}`;
}

/** django's filesizeformat, with a no-break space between number and unit. */
function filesizeformat(value: unknown): SafeString {
  const bytes = swallow(() => pyInt(value), undefined, PyValueError, PyTypeError);
  if (bytes === undefined) return markSafe('0\u00a0bytes');
  const size = Math.abs(bytes);
  const unit = UNITS.find(([limit]) => size >= limit);
  const text = unit ? `${oneDecimal(size / unit[0])} ${unit[1]}` : `${size} ${size === 1 ? 'byte' : 'bytes'}`;
  return markSafe((bytes < 0 ? '-' : '') + text.replace(/ /g, '\u00a0'));
}

/** 's' by default; "y,ies" style pairs; more than two parts give ''. */
function pluralize(value: unknown, argIn: unknown): string {
  const arg = argIn === undefined ? 's' : textOf(argIn);
  if (arg === undefined) throw new PyTypeError(`argument of type '${typeof argIn}' is not iterable`);
  const bits = (arg.includes(',') ? arg : ',' + arg).split(',');
  if (bits.length > 2) return '';
  const [singular, plural] = bits;
  try {
    return pyFloat(value) === 1 ? singular : plural;
  } catch (e) {
    if (e instanceof PyValueError) return '';
    if (!(e instanceof PyTypeError)) throw e;
  }
  // Not a number: maybe it's a list.
  const length = pyLen(value);
  if (length === undefined) return '';
  return length === 1 ? singular : plural;
}

export const numberFilters: FilterTable = {
  add: { arg: 'required', fn: add },
  divisibleby: { arg: 'required', fn: divisibleby },
  get_digit: { arg: 'required', fn: getDigit },
  floatformat: { arg: 'optional', isSafe: true, fn: floatformat },
  filesizeformat: { arg: 'none', isSafe: true, fn: filesizeformat },
  pluralize: { arg: 'optional', fn: pluralize },
};
