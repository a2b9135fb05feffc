/**
 * A port of Django 3.2's django/utils/timesince.py: "2 weeks, 3 days" between two dates.
 *
 * Dates (PyDate) count as midnight. Differences are taken between wall-clock fields, as
 * Python subtracts naive datetimes, so the process time zone never matters.
 */
import { isTruthy } from '../values.js';
import { type DateTimeFields, fieldsOf, isLeap, leapDaysBetween, wallMillis } from './calendar.js';
import { AttributeError } from './format.js';

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute';

const DAY = 60 * 60 * 24;

/** Largest first; a month is always 30 days and a year 365, leap days are taken out beforehand. */
const CHUNKS: ReadonlyArray<readonly [number, Unit]> = [
  [DAY * 365, 'year'],
  [DAY * 30, 'month'],
  [DAY * 7, 'week'],
  [DAY, 'day'],
  [60 * 60, 'hour'],
  [60, 'minute'],
];

/** How many adjacent units are shown at most (timesince's default depth). */
const DEPTH = 2;

/**
 * ngettext('%d year', '%d years', n) in English, then avoid_wrapping: the space between
 * number and unit becomes a no-break space so the pair never wraps across lines.
 */
function unitText(count: number, unit: Unit): string {
  return `${count}\u00a0${unit}${count === 1 ? '' : 's'}`;
}

/** datetime(d.year, d.month, d.day) for dates; datetimes as they are; anything else fails. */
function asDateTime(value: unknown): DateTimeFields {
  const fields = fieldsOf(value);
  if (!fields) throw new AttributeError("object has no attribute 'year'");
  return fields;
}

/** The naive "now" Django takes when no second date is given: the current local wall clock. */
function currentDateTime(): DateTimeFields {
  return asDateTime(new Date());
}

/**
 * Leap days between the two years, less the one in an end-point year (Django's adjustment),
 * so that a span of whole years counts as whole 365-day years.
 */
function leapDayAdjustment(from: DateTimeFields, to: DateTimeFields): number {
  let leapdays = leapDaysBetween(from.year, to.year);
  if (leapdays !== 0) {
    if (isLeap(from.year)) leapdays -= 1;
    else if (isLeap(to.year)) leapdays += 1;
  }
  return leapdays;
}

/** Whole seconds from `from` to `to` (microseconds ignored, rounding down like timedelta). */
function secondsBetween(from: DateTimeFields, to: DateTimeFields): number {
  return Math.floor((wallMillis(to) - wallMillis(from)) / 1000) - leapDayAdjustment(from, to) * DAY;
}

/** Up to DEPTH adjacent units, starting from the largest non-zero one. */
function describe(since: number): string {
  // A span that is not positive means d is in the future: Django stops at "0 minutes".
  const first = since <= 0 ? -1 : CHUNKS.findIndex(([seconds]) => Math.floor(since / seconds) !== 0);
  if (first < 0) return unitText(0, 'minute');
  const parts: string[] = [];
  let rest = since;
  for (let i = first; i < CHUNKS.length && parts.length < DEPTH; i++) {
    const [seconds, unit] = CHUNKS[i];
    const count = Math.floor(rest / seconds);
    if (count === 0) break;
    parts.push(unitText(count, unit));
    rest -= seconds * count;
  }
  return parts.join(', ');
}

/**
 * Time from `d` to `now` (default: the current time), or from `now` to `d` when reversed.
 * "0 minutes" when the span is not positive. Throws AttributeError for non-date values.
 */
export function timesince(d: unknown, now?: unknown, reversed = false): string {
  const start = asDateTime(d);
  // Python tests `if now`: a falsy second value means "use the current time".
  const end = isTruthy(now) ? asDateTime(now) : currentDateTime();
  const [from, to] = reversed ? [end, start] : [start, end];
  return describe(secondsBetween(from, to));
}

/** Like timesince, but measures the time from `now` until `d`. */
export function timeuntil(d: unknown, now?: unknown): string {
  return timesince(d, now, true);
}
