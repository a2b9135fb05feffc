/**
 * Calendar arithmetic on the wall-clock fields of Python dates and naive datetimes.
 *
 * A JS Date stands for a naive datetime read through its LOCAL getters, so two values are
 * compared by their fields, never by their instants: that keeps results the same whatever
 * the process time zone is, and a DST jump in that zone cannot shift a difference by an hour.
 */
import { PyDate } from '../values.js';

/** The fields Python's date/datetime expose. Dates have a zero time part. */
export interface DateTimeFields {
  year: number;
  /** 1-12, as in Python. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** JS dates only keep milliseconds, so this is always a multiple of 1000. */
  microsecond: number;
}

const MS_PER_DAY = 86_400_000;

/** The fields of a PyDate (midnight) or Date (local getters); undefined for anything else. */
export function fieldsOf(value: unknown): DateTimeFields | undefined {
  if (value instanceof PyDate) {
    return { year: value.year, month: value.month, day: value.day, hour: 0, minute: 0, second: 0, microsecond: 0 };
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return {
      year: value.getFullYear(),
      month: value.getMonth() + 1,
      day: value.getDate(),
      hour: value.getHours(),
      minute: value.getMinutes(),
      second: value.getSeconds(),
      microsecond: value.getMilliseconds() * 1000,
    };
  }
  return undefined;
}

/**
 * Milliseconds since 1970-01-01T00:00 for these wall-clock fields, as if they were UTC.
 * setUTCFullYear is used because Date.UTC maps years 0-99 onto 1900-1999.
 */
export function wallMillis(f: DateTimeFields): number {
  const t = new Date(0);
  t.setUTCFullYear(f.year, f.month - 1, f.day);
  t.setUTCHours(f.hour, f.minute, f.second, Math.floor(f.microsecond / 1000));
  return t.getTime();
}

/** Days since 1970-01-01 of a proleptic Gregorian date; month and day may overflow. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(wallMillis({ year, month, day, hour: 0, minute: 0, second: 0, microsecond: 0 }) / MS_PER_DAY);
}

function yearOfDayNumber(days: number): number {
  return new Date(days * MS_PER_DAY).getUTCFullYear();
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

/** Python's date.weekday(): Monday is 0, Sunday is 6. 1970-01-01 was a Thursday (3). */
export function weekday(year: number, month: number, day: number): number {
  return mod(dayNumber(year, month, day) + 3, 7);
}

/** calendar.isleap. */
export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** timetuple().tm_yday: 1 for January 1st. */
export function dayOfYear(year: number, month: number, day: number): number {
  return dayNumber(year, month, day) - dayNumber(year, 1, 1) + 1;
}

/** calendar.monthrange(year, month)[1]. */
export function daysInMonth(year: number, month: number): number {
  return dayNumber(year, month + 1, 1) - dayNumber(year, month, 1);
}

/**
 * date.isocalendar()[:2]: an ISO week belongs to the year holding its Thursday, and week 1
 * is the week holding that year's first Thursday.
 */
export function isoYearWeek(year: number, month: number, day: number): [number, number] {
  const days = dayNumber(year, month, day);
  const thursday = days - weekday(year, month, day) + 3;
  const isoYear = yearOfDayNumber(thursday);
  return [isoYear, Math.floor((thursday - dayNumber(isoYear, 1, 1)) / 7) + 1];
}

/** calendar.leapdays(y1, y2): leap years in [y1, y2), negative when y2 < y1. */
export function leapDaysBetween(y1: number, y2: number): number {
  const count = (y: number): number => Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  return count(y2 - 1) - count(y1 - 1);
}
