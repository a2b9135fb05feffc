/**
 * django.contrib.humanize's number filters, as Django 3.2.25 gives them with its default
 * settings (English, USE_L10N off): `{% load humanize %}` then intcomma, ordinal, apnumber,
 * intword. naturalday and naturaltime are not here (they depend on the server's clock and
 * time zone, which a template engine does not own).
 */
import { markSafe, SafeString } from '../safe.js';
import { Decimal, pyStr } from '../values.js';
import { floatformat } from './numbers.js';
import { pyInt, swallow } from './py-convert.js';
import { PyTypeError, PyValueError } from './py-errors.js';
import type { FilterTable } from './types.js';

/** Python's int(value), or undefined where int() raises (humanize then gives the value back). */
const intOf = (v: unknown): number | undefined => swallow(() => pyInt(v), undefined, PyTypeError, PyValueError);

const isFloat = (v: unknown): v is number => typeof v === 'number' && !Number.isInteger(v);

/** Django's numberformat.format with ',' every three digits and '.' for decimals, forced grouping. */
function grouped(number: number | Decimal): string {
  let text: string;
  if (number instanceof Decimal) {
    // Too long to write out: the coefficient and exponent, as Django formats them.
    if (number.digitsPlusExponent() > 200) return number.toScientificString();
    text = number.toFixedString();
  } else {
    text = pyStr(number);
    // A float Python writes with an exponent goes through Decimal(str(number)) and '{:f}'.
    if (/e/i.test(text)) text = (Decimal.parse(text) as Decimal).toFixedString();
  }
  const sign = text.startsWith('-') ? '-' : '';
  const [int, dec] = (sign ? text.slice(1) : text).split('.');
  return sign + int.replace(/\B(?=(\d{3})+$)/g, ',') + (dec === undefined ? '' : `.${dec}`);
}

/** intcomma: localized grouping of what int() accepts (floats and Decimals kept whole), else a regex on str(value). */
function intcomma(value: unknown, localized = true): unknown {
  if (localized) {
    if (isFloat(value) || value instanceof Decimal) return grouped(value);
    const n = intOf(value);
    if (n !== undefined) return grouped(n);
  }
  const orig = pyStr(value);
  const next = orig.replace(/^(-?\d+)(\d{3})/, '$1,$2');
  return next === orig ? next : intcomma(next, false);
}

const ORDINAL_SUFFIXES = ['th', 'st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th'];
/** Python's %, whose result takes the divisor's sign. */
const pyMod = (a: number, b: number): number => ((a % b) + b) % b;

function ordinal(value: unknown): unknown {
  const n = intOf(value);
  if (n === undefined) return value;
  const hundreds = pyMod(n, 100);
  return markSafe(`${n}${hundreds >= 11 && hundreds <= 13 ? 'th' : ORDINAL_SUFFIXES[pyMod(n, 10)]}`);
}

const AP_NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** apnumber: 1 to 9 spelled out (Associated Press style); other whole numbers as int() gives them. */
function apnumber(value: unknown): unknown {
  const n = intOf(value);
  if (n === undefined) return value;
  return n > 0 && n < 10 ? AP_NUMBERS[n - 1] : n;
}

const INTWORD_UNITS: [number, string][] = [
  [6, 'million'], [9, 'billion'], [12, 'trillion'], [15, 'quadrillion'], [18, 'quintillion'], [21, 'sextillion'],
  [24, 'septillion'], [27, 'octillion'], [30, 'nonillion'], [33, 'decillion'], [100, 'googol'],
];

/** intword: a million and more as "1.2 million", one decimal rounded half up as floatformat does. */
function intword(value: unknown): unknown {
  const n = intOf(value);
  if (n === undefined) return value;
  if (Math.abs(n) < 1_000_000) return n;
  for (const [exponent, unit] of INTWORD_UNITS) {
    const large = 10 ** exponent;
    if (Math.abs(n) < large * 1000) return `${(floatformat(n / large, 1) as SafeString).value} ${unit}`;
  }
  return n;
}

export const humanizeFilters: FilterTable = {
  intcomma: { arg: 'none', isSafe: true, fn: (v) => intcomma(v) },
  ordinal: { arg: 'none', isSafe: true, fn: ordinal },
  apnumber: { arg: 'none', isSafe: true, fn: apnumber },
  intword: { arg: 'none', fn: intword },
};
