// Django 3.2's django/utils/timesince.py: units of 365/30/7/1 days, hours and minutes; at
// most two adjacent units; "0 minutes" for spans that are not positive; no-break spaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeError } from '../../src/dates/format.js';
import { timesince, timeuntil } from '../../src/dates/timesince.js';
import { PyDate } from '../../src/values.js';

const NBSP = '\u00a0';

/** Writes "1 year, 2 months" with the no-break spaces Django puts between number and unit. */
function nb(text: string): string {
  return text.replace(/(\d) /g, `$1${NBSP}`);
}

function dt(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return new Date(year, month - 1, day, hour, minute, second, ms);
}

/** A datetime `seconds` after 2023-06-01 00:00, built from wall-clock fields. */
function after(seconds: number): Date {
  return dt(2023, 6, 1, 0, 0, seconds);
}

const START = dt(2023, 6, 1);
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

test('conformance: filter-timesince-01/02/03/07 and filter-timeuntil-02', () => {
  assert.equal(timesince(new PyDate(2024, 1, 1), new PyDate(2024, 1, 8)), `1${NBSP}week`);
  assert.equal(timesince(new PyDate(2023, 1, 1), new PyDate(2024, 3, 15)), `1${NBSP}year, 2${NBSP}months`);
  assert.equal(timesince(new PyDate(2024, 2, 1), new PyDate(2024, 1, 1)), `0${NBSP}minutes`);
  assert.equal(timesince(dt(2024, 1, 5, 13, 4, 0), dt(2024, 1, 5, 13, 4, 59)), `0${NBSP}minutes`);
  assert.equal(timeuntil(dt(2024, 1, 5, 15, 34), dt(2024, 1, 5, 13, 4)), `2${NBSP}hours, 30${NBSP}minutes`);
});

test('unit boundaries', () => {
  const cases: Array<[number, string]> = [
    [0, '0 minutes'],
    [59, '0 minutes'],
    [MINUTE, '1 minute'],
    [2 * MINUTE + 59, '2 minutes'],
    [HOUR - 1, '59 minutes'],
    [HOUR, '1 hour'],
    [HOUR + MINUTE, '1 hour, 1 minute'],
    [2 * HOUR + 2 * MINUTE, '2 hours, 2 minutes'],
    [DAY - 1, '23 hours, 59 minutes'],
    [DAY, '1 day'],
    [DAY + HOUR, '1 day, 1 hour'],
    [7 * DAY - 1, '6 days, 23 hours'],
    [7 * DAY, '1 week'],
    [13 * DAY, '1 week, 6 days'],
    [14 * DAY, '2 weeks'],
    [29 * DAY, '4 weeks, 1 day'],
    [30 * DAY, '1 month'],
    [37 * DAY, '1 month, 1 week'],
    [364 * DAY, '12 months'],
    [365 * DAY, '1 year'],
    [395 * DAY, '1 year, 1 month'],
    // From June 2023 two years span 2024's leap day, which Django subtracts first.
    [2 * 365 * DAY + 60 * DAY, '2 years, 1 month'],
    [2 * 365 * DAY + 61 * DAY, '2 years, 2 months'],
  ];
  for (const [seconds, expected] of cases) {
    assert.equal(timesince(START, after(seconds)), nb(expected), `${seconds}s`);
  }
});

test('only adjacent units: a gap in the next unit ends the description', () => {
  assert.equal(timesince(START, after(365 * DAY + 5 * DAY)), nb('1 year'));
  assert.equal(timesince(START, after(14 * DAY + 3 * HOUR)), nb('2 weeks'));
  assert.equal(timesince(START, after(DAY + 59)), nb('1 day'));
  // Never a third unit.
  assert.equal(timesince(START, after(DAY + HOUR + MINUTE)), nb('1 day, 1 hour'));
});

test('spans in the future or of zero length are "0 minutes"', () => {
  assert.equal(timesince(after(DAY), START), nb('0 minutes'));
  assert.equal(timesince(START, START), nb('0 minutes'));
  assert.equal(timeuntil(START, after(HOUR)), nb('0 minutes'));
});

test('seconds and microseconds are ignored, rounding down', () => {
  assert.equal(timesince(dt(2024, 1, 5, 13, 4, 0, 500), dt(2024, 1, 5, 13, 5, 0, 0)), nb('0 minutes'));
  assert.equal(timesince(dt(2024, 1, 5, 13, 4, 0, 500), dt(2024, 1, 5, 13, 5, 0, 500)), nb('1 minute'));
});

test('leap days are taken out so whole years read as whole years', () => {
  // 366 days, but the leap day lies in the starting year: Django drops it.
  assert.equal(timesince(new PyDate(2024, 1, 1), new PyDate(2025, 1, 1)), nb('1 year'));
  // 731 days holding 2024's leap day: 730 after the adjustment.
  assert.equal(timesince(new PyDate(2023, 6, 1), new PyDate(2025, 6, 1)), nb('2 years'));
  // Django's adjustment adds one more day when the end year is a leap year: 1826 - 2 days.
  assert.equal(timesince(new PyDate(2019, 1, 1), new PyDate(2024, 1, 1)), nb('4 years, 12 months'));
});

test('the space before the unit is a no-break space, the one after the comma is not', () => {
  const text = timesince(START, after(DAY + HOUR));
  assert.equal(text, '1\u00a0day, 1\u00a0hour');
});

test('dates count as midnight when mixed with datetimes', () => {
  assert.equal(timesince(new PyDate(2024, 1, 5), dt(2024, 1, 5, 13, 4)), nb('13 hours, 4 minutes'));
  assert.equal(timesince(dt(2024, 1, 5, 13, 4), new PyDate(2024, 1, 6)), nb('10 hours, 56 minutes'));
  assert.equal(timeuntil(new PyDate(2024, 1, 6), dt(2024, 1, 5, 13, 4)), nb('10 hours, 56 minutes'));
});

test('without a second date the current time is used', () => {
  assert.equal(timesince(new PyDate(9999, 1, 1)), nb('0 minutes'));
  assert.match(timeuntil(new PyDate(9999, 12, 31)), /^\d+\u00a0years(, \d+\u00a0months?)?$/);
  // A falsy second value means "now" as well, as Python's `if now` does.
  assert.equal(timesince(new PyDate(9999, 1, 1), ''), nb('0 minutes'));
});

test('values without date fields raise AttributeError', () => {
  assert.throws(() => timesince('2024-01-01', new PyDate(2024, 1, 2)), AttributeError);
  assert.throws(() => timesince(new PyDate(2024, 1, 1), '2024-01-02'), AttributeError);
  assert.throws(() => timeuntil(5, new PyDate(2024, 1, 2)), AttributeError);
});

test('wall-clock differences, whatever the process time zone and its DST', () => {
  const saved = process.env.TZ;
  try {
    process.env.TZ = 'America/New_York';
    // Clocks went forward an hour on 10 March 2024 at 02:00: only 4 real hours pass, but
    // Python subtracts naive datetimes field by field.
    assert.equal(timesince(dt(2024, 3, 10, 0, 0), dt(2024, 3, 10, 5, 0)), nb('5 hours'));
    assert.equal(timesince(new PyDate(2024, 3, 9), new PyDate(2024, 3, 11)), nb('2 days'));
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
