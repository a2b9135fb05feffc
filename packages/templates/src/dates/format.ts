/**
 * PHP-style date formatting: a port of Django 3.2's django/utils/dateformat.py.
 *
 * `formatDate` is DateFormat(value).format(fmt) and `formatTime` is TimeFormat(value).format(fmt).
 * Python raises while formatting in a few ways the date filters rely on, so these do too:
 *   - a value that is neither a PyDate nor a Date has no date attributes: AttributeError;
 *   - a PyDate (a date without time) given a time-of-day character: TypeError;
 *   - `formatTime` given a date-only character (TimeFormat has no such method): AttributeError.
 */
import { PyDate, pad2, pyStr } from '../values.js';
import { PyAttributeError } from '../filters/py-errors.js';
import { type DateTimeFields, dayOfYear, daysInMonth, fieldsOf, isLeap, isoYearWeek, wallMillis, weekday } from './calendar.js';
import { MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP, WEEKDAYS, WEEKDAYS_ABBR } from './names.js';

export { PyAttributeError as AttributeError };

/**
 * Settings say USE_TZ=False and TIME_ZONE='UTC': naive datetimes are formatted in that
 * default zone (it has no DST), while dates and non-date values get no zone at all.
 */
const DEFAULT_TIMEZONE = { name: 'UTC', offsetSeconds: 0 };

/** The object Django's formatter wraps: the value, and whether it has a time zone. */
class Subject {
  hasTimezone = false;
  value: unknown = undefined;
  private parsed: DateTimeFields | undefined;

  /** Points the subject at a value; fields are read on first use. */
  reset(value: unknown): this {
    this.value = value;
    // TimeFormat.__init__ only attaches a zone to datetime instances.
    this.hasTimezone = value instanceof Date;
    this.parsed = undefined;
    return this;
  }

  /** Reading any field of a non-date fails just as `self.data.year` does in Python. */
  get fields(): DateTimeFields {
    this.parsed ??= fieldsOf(this.value);
    if (!this.parsed) throw new PyAttributeError(`'${pyTypeName(this.value)}' object has no attribute 'year'`);
    return this.parsed;
  }
}

// Formatting is synchronous and calls no user code, so one subject serves every call.
const SUBJECT = new Subject();

function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
}

/** A format character's method; Python str()s whatever it returns. */
type Specifier = (s: Subject) => string | number | boolean;

function padN(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function hour12(f: DateTimeFields): number {
  return f.hour % 12 || 12;
}

/** TimeFormat.f: 12-hour time with the minutes left off when they are zero. */
function hourMinutes(f: DateTimeFields): string {
  return f.minute === 0 ? String(hour12(f)) : `${hour12(f)}:${pad2(f.minute)}`;
}

function amPm(f: DateTimeFields): string {
  return f.hour > 11 ? 'p.m.' : 'a.m.';
}

function utcOffset(s: Subject): string {
  if (!s.hasTimezone) return '';
  const seconds = DEFAULT_TIMEZONE.offsetSeconds;
  const abs = Math.abs(seconds);
  return `${seconds < 0 ? '-' : '+'}${pad2(Math.floor(abs / 3600))}${pad2(Math.floor(abs / 60) % 60)}`;
}

function weekdayOf(f: DateTimeFields): number {
  return weekday(f.year, f.month, f.day);
}

/** date.isoformat() / datetime.isoformat() of a naive value. */
function isoFormat(s: Subject): string {
  const f = s.fields;
  const date = `${padN(f.year, 4)}-${pad2(f.month)}-${pad2(f.day)}`;
  if (!(s.value instanceof Date)) return date;
  const time = `${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}`;
  return `${date}T${time}${f.microsecond ? '.' + padN(f.microsecond, 6) : ''}`;
}

/** email.utils.format_datetime of the value made aware in the default zone. */
function rfc5322(s: Subject): string {
  if (s.value instanceof PyDate) throw timeSpecifierOnDate('r');
  const f = s.fields;
  const time = `${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}`;
  const month = MONTHS_3[f.month];
  const monthTitle = month[0].toUpperCase() + month.slice(1);
  return `${WEEKDAYS_ABBR[weekdayOf(f)]}, ${pad2(f.day)} ${monthTitle} ${padN(f.year, 4)} ${time} ${utcOffset(s)}`;
}

function ordinalSuffix(day: number): string {
  if (day === 11 || day === 12 || day === 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/**
 * int(time.mktime(timetuple())): the wall-clock value read in the process zone, which
 * Django sets to TIME_ZONE (UTC). timetuple() drops the microseconds.
 */
function epochSeconds(f: DateTimeFields): number {
  return wallMillis({ ...f, microsecond: 0 }) / 1000;
}

/** TimeFormat's characters: time of day and time zone. */
const TIME_SPECIFIERS: Record<string, Specifier> = {
  a: (s) => amPm(s.fields),
  A: (s) => (s.fields.hour > 11 ? 'PM' : 'AM'),
  // Only aware datetimes have a zone name; dates and naive datetimes never do.
  e: () => '',
  f: (s) => hourMinutes(s.fields),
  g: (s) => hour12(s.fields),
  G: (s) => s.fields.hour,
  h: (s) => pad2(hour12(s.fields)),
  H: (s) => pad2(s.fields.hour),
  i: (s) => pad2(s.fields.minute),
  O: utcOffset,
  P: (s) => {
    const f = s.fields;
    if (f.minute === 0 && f.hour === 0) return 'midnight';
    if (f.minute === 0 && f.hour === 12) return 'noon';
    return `${hourMinutes(f)} ${amPm(f)}`;
  },
  s: (s) => pad2(s.fields.second),
  T: (s) => (s.hasTimezone ? DEFAULT_TIMEZONE.name : ''),
  u: (s) => padN(s.fields.microsecond, 6),
  Z: (s) => (s.hasTimezone ? DEFAULT_TIMEZONE.offsetSeconds : ''),
};

/** DateFormat's characters: everything TimeFormat has plus the calendar ones. */
const DATE_SPECIFIERS: Record<string, Specifier> = {
  ...TIME_SPECIFIERS,
  b: (s) => MONTHS_3[s.fields.month],
  c: isoFormat,
  d: (s) => pad2(s.fields.day),
  D: (s) => WEEKDAYS_ABBR[weekdayOf(s.fields)],
  E: (s) => MONTHS_ALT[s.fields.month],
  F: (s) => MONTHS[s.fields.month],
  // Django asks the zone for DST only when there is one; UTC never has DST. Never reads the value.
  I: () => '0',
  j: (s) => s.fields.day,
  l: (s) => WEEKDAYS[weekdayOf(s.fields)],
  L: (s) => isLeap(s.fields.year),
  m: (s) => pad2(s.fields.month),
  M: (s) => MONTHS_3_TITLE[s.fields.month],
  n: (s) => s.fields.month,
  N: (s) => MONTHS_AP[s.fields.month],
  o: (s) => isoYearWeek(s.fields.year, s.fields.month, s.fields.day)[0],
  r: rfc5322,
  S: (s) => ordinalSuffix(s.fields.day),
  t: (s) => pad2(daysInMonth(s.fields.year, s.fields.month)),
  U: (s) => epochSeconds(s.fields),
  w: (s) => (weekdayOf(s.fields) + 1) % 7,
  W: (s) => isoYearWeek(s.fields.year, s.fields.month, s.fields.day)[1],
  y: (s) => pad2(s.fields.year % 100),
  // Not zero-padded in Django 3.2 (padding to four digits came in 4.0).
  Y: (s) => s.fields.year,
  z: (s) => dayOfYear(s.fields.year, s.fields.month, s.fields.day),
};

const MONTHS_3_TITLE = MONTHS_3.map((m) => (m ? m[0].toUpperCase() + m.slice(1) : m));

/** A format character not preceded by a backslash; the group keeps it in split()'s output. */
const FORMAT_CHARS = /(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])/u;
/** Python's `\\(.)`: `.` matches anything but a newline. */
const ESCAPED = /\\([^\n])/gu;

function timeSpecifierOnDate(char: string): TypeError {
  return new TypeError(
    `The format for date objects may not contain time-related format specifiers (found '${char}').`,
  );
}

/** One piece of a parsed format: literal text, or a character with its method. */
type Piece = string | { char: string; spec: Specifier | undefined; isTime: boolean };

/** Parsed formats per specifier table, by text: templates use a handful of formats over and over. */
const parsedCache = new Map<Record<string, Specifier>, Map<string, Piece[]>>();

function parseFormat(format: string, table: Record<string, Specifier>): Piece[] {
  let byText = parsedCache.get(table);
  if (!byText) parsedCache.set(table, (byText = new Map()));
  let pieces = byText.get(format);
  if (!pieces) {
    // Formatter.format: literal text loses its escaping backslashes, characters are replaced.
    pieces = format.split(FORMAT_CHARS).map((p, i) =>
      i % 2 ? { char: p, spec: Object.hasOwn(table, p) ? table[p] : undefined, isTime: Object.hasOwn(TIME_SPECIFIERS, p) } : p.replace(ESCAPED, '$1'),
    );
    if (byText.size > 500) byText.clear();
    byText.set(format, pieces);
  }
  return pieces;
}

function render(value: unknown, format: unknown, table: Record<string, Specifier>, className: string): string {
  const pieces = parseFormat(typeof format === 'string' ? format : pyStr(format), table);
  const subject = SUBJECT.reset(value);
  const isDate = value instanceof PyDate;
  let out = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      out += piece;
      continue;
    }
    // In Django's order: a time character on a date is a TypeError, an unknown one an AttributeError.
    if (isDate && piece.isTime) throw timeSpecifierOnDate(piece.char);
    if (!piece.spec) throw new PyAttributeError(`'${className}' object has no attribute '${piece.char}'`);
    const v = piece.spec(subject);
    out += typeof v === 'string' ? v : pyStr(v);
  }
  return out;
}

/** django.utils.dateformat.format: a PyDate or a Date (naive datetime) with a format string. */
export function formatDate(value: unknown, format: unknown): string {
  return render(value, format, DATE_SPECIFIERS, 'DateFormat');
}

/** django.utils.dateformat.time_format: only time-of-day and zone characters are known. */
export function formatTime(value: unknown, format: unknown): string {
  return render(value, format, TIME_SPECIFIERS, 'TimeFormat');
}
