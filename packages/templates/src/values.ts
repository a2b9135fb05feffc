/**
 * Python value semantics the template language is defined in terms of: decimals, calendar
 * dates, str(), repr() and truthiness. JS values map onto them as follows:
 *   string → str, SafeString → SafeString, number → int (when integral) or float,
 *   boolean → bool, null → None, undefined → a missing value, Array → list,
 *   Map / plain object → dict, Date → naive datetime (local wall-clock fields),
 *   PyDate → date, Decimal → decimal.Decimal.
 */
import { SafeString } from './safe.js';

/** decimal.Decimal: sign, coefficient digits and exponent, kept exactly. */
export class Decimal {
  /** `digits` has no sign and no leading zeros (except a single "0"). */
  constructor(
    readonly negative: boolean,
    readonly digits: string,
    readonly exponent: number,
    readonly special: '' | 'NaN' | 'Infinity' = '',
  ) {}

  static parse(text: string): Decimal | undefined {
    const s = text.trim();
    const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
    if (special) {
      return new Decimal(special[1] === '-', '0', 0, special[2].toLowerCase() === 'nan' ? 'NaN' : 'Infinity');
    }
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const frac = m[3] ?? '';
    let digits = (m[2] + frac).replace(/^0+(?=\d)/, '');
    if (digits === '') digits = '0';
    return new Decimal(m[1] === '-', digits, (m[4] ? parseInt(m[4], 10) : 0) - frac.length);
  }

  /** Decimal(str(x)) for a JS number, as Django does with floats. */
  static fromNumber(n: number): Decimal {
    return Decimal.parse(pyFloatRepr(n)) as Decimal;
  }

  isZero(): boolean {
    return this.special === '' && /^0+$/.test(this.digits);
  }

  /** Python's Decimal.adjusted(): the exponent of the most significant digit. */
  adjusted(): number {
    return this.exponent + this.digits.length - 1;
  }

  toNumber(): number {
    if (this.special === 'NaN') return NaN;
    if (this.special === 'Infinity') return this.negative ? -Infinity : Infinity;
    return Number(`${this.negative ? '-' : ''}${this.digits}e${this.exponent}`);
  }

  /** str(Decimal): scientific notation only for large exponents, as Python does. */
  toString(): string {
    if (this.special) return this.specialText();
    const leftDigits = this.exponent + this.digits.length;
    const dotPlace = this.exponent <= 0 && leftDigits > -6 ? leftDigits : 1;
    const exp = leftDigits === dotPlace ? '' : 'E' + signed(leftDigits - dotPlace);
    return (this.negative ? '-' : '') + placeDot(this.digits, dotPlace) + exp;
  }

  /**
   * len(digits) + abs(exponent) of Decimal.as_tuple(), 0 for NaN and infinities: Django's
   * measure for values too long to format (see MAX_FORMATTED_DIGITS).
   */
  digitsPlusExponent(): number {
    return this.special ? 0 : this.digits.length + Math.abs(this.exponent);
  }

  /** format(Decimal, 'e'): every coefficient digit, the exponent signed and unpadded. */
  toScientificString(): string {
    if (this.special) return this.specialText();
    const adjusted = this.adjusted();
    const mantissa = this.digits.length > 1 ? `${this.digits[0]}.${this.digits.slice(1)}` : this.digits;
    return `${this.negative ? '-' : ''}${mantissa}e${signed(adjusted)}`;
  }

  /** format(Decimal, 'f'): always positional. */
  toFixedString(): string {
    if (this.special) return this.specialText();
    return (this.negative ? '-' : '') + placeDot(this.digits, this.exponent + this.digits.length);
  }

  private specialText(): string {
    return this.special === 'NaN' ? 'NaN' : (this.negative ? '-' : '') + 'Infinity';
  }
}

function signed(n: number): string {
  return n < 0 ? String(n) : '+' + n;
}

function placeDot(digits: string, dotPlace: number): string {
  if (dotPlace <= 0) return '0.' + '0'.repeat(-dotPlace) + digits;
  if (dotPlace >= digits.length) return digits + '0'.repeat(dotPlace - digits.length);
  return digits.slice(0, dotPlace) + '.' + digits.slice(dotPlace);
}

/** datetime.date: a calendar date without a time part. Months are 1-12. */
export class PyDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}

  static parse(text: string): PyDate | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return m ? new PyDate(+m[1], +m[2], +m[3]) : undefined;
  }

  static fromDate(d: Date): PyDate {
    return new PyDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
  }

  /** Midnight of this day as a JS Date (local time), for arithmetic. */
  toDate(): Date {
    const d = new Date(2000, this.month - 1, this.day);
    d.setFullYear(this.year);
    return d;
  }

  toString(): string {
    return `${String(this.year).padStart(4, '0')}-${pad2(this.month)}-${pad2(this.day)}`;
  }
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** repr(float) in Python: shortest round-trip digits, exponent outside 1e-4 ≤ |x| < 1e16. */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  // Where JS and Python both print positionally, their shortest round-trip digits agree.
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e16) {
    const js = String(n);
    if (!js.includes('e')) return js.includes('.') ? js : js + '.0';
  }
  const [mantissa, expText] = n.toExponential().split('e');
  const exp = parseInt(expText, 10);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/[-.]/g, '');
  const sign = negative ? '-' : '';
  if (exp >= -4 && exp < 16) {
    const body = placeDot(digits, exp + 1);
    return sign + (body.includes('.') ? body : body + '.0');
  }
  const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** str(number): ints print all their digits; other numbers as Python floats. */
export function pyNumberStr(n: number): string {
  if (Number.isInteger(n)) {
    if (Object.is(n, -0)) return '0';
    return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  }
  return pyFloatRepr(n);
}

/**
 * Django's cut-off (django.utils.numberformat, and floatformat since the fix for
 * CVE-2024-41989): a value longer than this, by Decimal.digitsPlusExponent, is not formatted
 * positionally: number_format prints it in exponent form, floatformat returns it as read.
 */
export const MAX_FORMATTED_DIGITS = 200;

/** number_format of a Decimal without grouping: positional, unless it is too long to spell out. */
function formatDecimal(d: Decimal): string {
  return d.digitsPlusExponent() > MAX_FORMATTED_DIGITS ? d.toScientificString() : d.toFixedString();
}

/** How the template prints a number (Django 3.2's localize → number_format, no grouping). */
export function localizeNumber(n: number | Decimal | PyFloat): string {
  if (n instanceof Decimal) return formatDecimal(n);
  const value = n instanceof PyFloat ? n.value : n;
  if (typeof n === 'number' && Number.isInteger(n)) return pyNumberStr(n);
  // number_format treats a float whose str() has an exponent as Decimal(str(x)), printed positionally.
  const repr = pyFloatRepr(value);
  return repr.includes('e') && Number.isFinite(value) ? formatDecimal(Decimal.parse(repr)!) : repr;
}

/**
 * A Python float whose value is integral, from a template literal such as `2.0` or `1e3`:
 * JS numbers cannot tell 2.0 from 2, and Python prints them differently.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return pyFloatRepr(this.value);
  }
}

/** Python's repr() of a str: single quotes unless the text holds one and no double quote. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** An object with its own string form: a class with toString, or data carrying one (JIT output). */
function printsItself(v: object): boolean {
  if (Object.prototype.hasOwnProperty.call(v, 'toString')) return typeof (v as { toString: unknown }).toString === 'function';
  if (v instanceof Map || isPlainObject(v)) return false;
  return typeof v.toString === 'function' && v.toString !== Object.prototype.toString;
}

/** Python's repr(): lists and dicts as Python shows them; cycles print as [...] / {...}. */
export function pyRepr(v: unknown, seen: Set<unknown> = new Set()): string {
  if (typeof v === 'string') return pyStrRepr(v);
  if (v instanceof SafeString) return pyStrRepr(v.value);
  if (v instanceof Decimal) return `Decimal('${v.toString()}')`;
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (v instanceof PyDate) return `datetime.date(${v.year}, ${v.month}, ${v.day})`;
  if (v instanceof Date) {
    const parts = [v.getFullYear(), v.getMonth() + 1, v.getDate(), v.getHours(), v.getMinutes()];
    const sec = v.getSeconds();
    const ms = v.getMilliseconds();
    if (sec || ms) parts.push(sec);
    if (ms) parts.push(ms * 1000);
    return `datetime.datetime(${parts.join(', ')})`;
  }
  if (Array.isArray(v) || v instanceof Set) {
    if (seen.has(v)) return Array.isArray(v) ? '[...]' : '{...}';
    seen.add(v);
    const items = [...v].map((x) => pyRepr(x, seen));
    seen.delete(v);
    if (v instanceof Set) return items.length ? `{${items.join(', ')}}` : 'set()';
    return `[${items.join(', ')}]`;
  }
  if (v !== null && typeof v === 'object' && printsItself(v)) {
    // Objects that print themselves (Django's loop dict, model instances with __str__).
    return String(v);
  }
  if (v instanceof Map || (typeof v === 'object' && v !== null && isPlainObject(v))) {
    if (seen.has(v)) return '{...}';
    seen.add(v);
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    const text = `{${entries.map(([k, x]) => `${pyRepr(k, seen)}: ${pyRepr(x, seen)}`).join(', ')}}`;
    seen.delete(v);
    return text;
  }
  return pyStr(v);
}

/** Python's str(). Strings (safe or not) come back as they are. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof SafeString) return v.value;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumberStr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Decimal || v instanceof PyDate) return v.toString();
  if (v instanceof Date) return pyDateTimeStr(v);
  if (typeof v === 'object') {
    if (Array.isArray(v) || v instanceof Map || v instanceof Set || isPlainObject(v)) return pyRepr(v);
    return String(v);
  }
  if (typeof v === 'function') return `<function ${v.name || 'anonymous'}>`;
  return String(v);
}

/** str(datetime): `YYYY-MM-DD HH:MM:SS[.ffffff]`. */
export function pyDateTimeStr(d: Date): string {
  const base = `${PyDate.fromDate(d).toString()} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  const ms = d.getMilliseconds();
  return ms ? `${base}.${String(ms * 1000).padStart(6, '0')}` : base;
}

/** Python truthiness: None, False, 0, empty strings and empty containers are false. */
export function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'number') return v !== 0; // NaN is truthy in Python too
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'object') {
    if (v instanceof SafeString) return v.value.length > 0;
    if (Array.isArray(v)) return v.length > 0;
    if (v instanceof Map || v instanceof Set) return v.size > 0;
    if (v instanceof Decimal) return !v.isZero() || v.special !== '';
    if (v instanceof PyFloat) return v.value !== 0;
    if (isPlainObject(v)) {
      for (const _ in v) return true;
      return false;
    }
    const len = (v as { length?: unknown }).length;
    if (typeof len === 'number') return len > 0;
    return true;
  }
  return true;
}

/** len() for the types that have one; undefined when the value has no length. */
export function pyLen(v: unknown): number | undefined {
  if (typeof v === 'string') return [...v].length;
  if (v instanceof SafeString) return [...v.value].length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (v !== null && typeof v === 'object') {
    if (isPlainObject(v)) return Object.keys(v).length;
    const len = (v as { length?: unknown }).length;
    if (typeof len === 'number') return len;
  }
  return undefined;
}

/** Python iteration: strings by character, dicts by key, iterables as they iterate. */
export function pyIter(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (v instanceof SafeString) return [...v.value];
  if (v instanceof Map) return [...v.keys()];
  if (v !== null && typeof v === 'object') {
    if (typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function') return [...(v as Iterable<unknown>)];
    if (isPlainObject(v)) return Object.keys(v);
  }
  return undefined;
}

export { isPlainObject };
