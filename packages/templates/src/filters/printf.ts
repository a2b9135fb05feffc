/**
 * Python's printf-style `str % value` for the stringformat filter: one value (never a
 * tuple), every conversion Python knows, its flags, width and precision, and its errors.
 */
import { Decimal, isPlainObject, pyRepr, pyStr } from '../values.js';
import { exactDecimal, quantize, roundSignificant } from './decimal-math.js';
import { pyInt, pyTypeName, textOf } from './py-convert.js';
import { PyKeyError, PyTypeError, PyValueError } from './py-errors.js';

interface Spec {
  key?: string;
  flags: string;
  width: number;
  precision?: number;
  conv: string;
}

const SPEC_RE = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)/y;

/** `format % value` with Python's rules; throws PyTypeError / PyValueError as Python does. */
export function pyPercentFormat(format: string, value: unknown): string {
  const args = new ArgSource(value);
  let out = '';
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    SPEC_RE.lastIndex = pct;
    const m = SPEC_RE.exec(format) as RegExpExecArray;
    i = SPEC_RE.lastIndex;
    if (m[5] === '') throw new PyValueError('incomplete format');
    if (m[3] === '*' || m[4] === '*') throw new PyTypeError('* wants int');
    const spec: Spec = { key: m[1], flags: m[2], width: m[3] ? Number(m[3]) : 0, conv: m[5] };
    if (m[4] !== undefined) spec.precision = m[4] === '' ? 0 : Number(m[4]);
    if (spec.conv === '%') {
      out += '%';
      continue;
    }
    out += formatOne(spec, spec.key === undefined ? args.next() : args.byKey(spec.key));
  }
  args.finish();
  return out;
}

/** The single right-hand value, used once, or looked up by key when it is a mapping. */
class ArgSource {
  private used = false;
  constructor(private readonly value: unknown) {}

  /** Python treats any non-str object with __getitem__ (dicts, lists) as a mapping. */
  private get isMapping(): boolean {
    const v = this.value;
    return Array.isArray(v) || v instanceof Map || (typeof v === 'object' && v !== null && isPlainObject(v));
  }

  next(): unknown {
    if (this.used) throw new PyTypeError('not enough arguments for format string');
    this.used = true;
    return this.value;
  }

  byKey(key: string): unknown {
    const v = this.value;
    if (!this.isMapping) throw new PyTypeError('format requires a mapping');
    if (Array.isArray(v)) throw new PyTypeError('list indices must be integers or slices, not str');
    if (v instanceof Map) {
      if (!v.has(key)) throw new PyKeyError(key);
      return v.get(key);
    }
    const obj = v as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(obj, key)) throw new PyKeyError(key);
    return obj[key];
  }

  finish(): void {
    if (!this.used && !this.isMapping) throw new PyTypeError('not all arguments converted during string formatting');
  }
}

function formatOne(spec: Spec, v: unknown): string {
  switch (spec.conv) {
    case 's':
    case 'r':
    case 'a':
      return pad(spec, '', truncateText(textConversion(spec.conv, v), spec.precision), false);
    case 'c':
      return pad(spec, '', charOf(v), false);
    case 'd':
    case 'i':
    case 'u':
      return formatInteger(spec, integerOf(v, spec.conv, true), 10);
    case 'x':
    case 'X':
      return formatInteger(spec, integerOf(v, spec.conv, false), 16);
    case 'o':
      return formatInteger(spec, integerOf(v, spec.conv, false), 8);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      return formatFloat(spec, floatOf(v));
    default:
      throw new PyValueError(`unsupported format character '${spec.conv}'`);
  }
}

function textConversion(conv: string, v: unknown): string {
  if (conv === 's') return pyStr(v);
  const repr = pyRepr(v);
  return conv === 'a' ? asciiEscape(repr) : repr;
}

/** ascii(): repr with every non-ASCII character as \xhh, \uhhhh or \Uhhhhhhhh. */
function asciiEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out += ch;
    else if (cp <= 0xff) out += '\\x' + hex(cp, 2);
    else if (cp <= 0xffff) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function truncateText(text: string, precision: number | undefined): string {
  return precision === undefined ? text : [...text].slice(0, precision).join('');
}

function charOf(v: unknown): string {
  const text = textOf(v);
  if (text !== undefined) {
    if ([...text].length !== 1) throw new PyTypeError('%c requires int or char');
    return text;
  }
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (v < 0 || v > 0x10ffff) throw new PyValueError('%c arg not in range(0x110000)');
    return String.fromCodePoint(v);
  }
  if (typeof v === 'boolean') return String.fromCodePoint(v ? 1 : 0);
  throw new PyTypeError('%c requires int or char');
}

/** %d accepts any real number (truncated); %x and %o only integers. */
function integerOf(v: unknown, conv: string, realOk: boolean): number {
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v))) return pyInt(v);
  if (realOk && (typeof v === 'number' || v instanceof Decimal)) return pyInt(v);
  const what = realOk ? 'a real number' : 'an integer';
  throw new PyTypeError(`%${conv} format: ${what} is required, not ${pyTypeName(v)}`);
}

function floatOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Decimal) return v.toNumber();
  throw new PyTypeError(`must be real number, not ${pyTypeName(v)}`);
}

function formatInteger(spec: Spec, n: number, base: number): string {
  let digits = Math.abs(n) >= 1e21 ? BigInt(Math.abs(n)).toString(base) : Math.abs(n).toString(base);
  if (spec.conv === 'X') digits = digits.toUpperCase();
  if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
  let prefix = '';
  if (spec.flags.includes('#') && base !== 10) prefix = base === 16 ? '0' + spec.conv : '0o';
  return pad(spec, signOf(spec, n < 0) + prefix, digits, true);
}

function signOf(spec: Spec, negative: boolean): string {
  if (negative) return '-';
  if (spec.flags.includes('+')) return '+';
  return spec.flags.includes(' ') ? ' ' : '';
}

function formatFloat(spec: Spec, x: number): string {
  const upper = spec.conv === 'E' || spec.conv === 'F' || spec.conv === 'G';
  const negative = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) {
    const word = Number.isNaN(x) ? 'nan' : 'inf';
    return pad(spec, signOf(spec, negative && !Number.isNaN(x)), upper ? word.toUpperCase() : word, false);
  }
  const precision = spec.precision ?? 6;
  const alt = spec.flags.includes('#');
  const d = exactDecimal(Math.abs(x));
  let body: string;
  const conv = spec.conv.toLowerCase();
  if (conv === 'f') body = fixedDigits(d, precision, alt);
  else if (conv === 'e') body = expDigits(d, precision, alt);
  else body = generalDigits(d, precision, alt);
  return pad(spec, signOf(spec, negative), upper ? body.toUpperCase() : body, true);
}

function fixedDigits(d: Decimal, precision: number, alt: boolean): string {
  const text = quantize(d, -precision, 'half-even').toFixedString();
  return alt && precision === 0 ? text + '.' : text;
}

/** The coefficient rounded to `sig` digits and the decimal exponent of its first digit. */
function significant(d: Decimal, sig: number): { digits: string; exp: number } {
  const r = roundSignificant(d, sig, 'half-even');
  if (r.isZero()) return { digits: '0'.repeat(sig), exp: 0 };
  return { digits: r.digits, exp: r.adjusted() };
}

function expDigits(d: Decimal, precision: number, alt: boolean): string {
  const { digits, exp } = significant(d, precision + 1);
  const mantissa = digits[0] + (precision > 0 || alt ? '.' : '') + digits.slice(1);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** %g: fixed or exponent form by the exponent, trailing zeros dropped unless '#'. */
function generalDigits(d: Decimal, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const { exp } = significant(d, p);
  const body = exp >= -4 && exp < p ? fixedDigits(d, p - 1 - exp, alt) : expDigits(d, p - 1, alt);
  if (alt) return body;
  const [mantissa, exponent] = body.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/** Width padding: left by default, right with '-', zeros after the sign with '0' on numbers. */
function pad(spec: Spec, sign: string, body: string, numeric: boolean): string {
  const length = [...sign].length + [...body].length;
  if (length >= spec.width) return sign + body;
  const fill = spec.width - length;
  if (spec.flags.includes('-')) return sign + body + ' '.repeat(fill);
  if (numeric && spec.flags.includes('0') && /^[0-9a-fA-F]/.test(body)) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}
