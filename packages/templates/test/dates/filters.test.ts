// The date, time, timesince and timeuntil filters as django/template/defaultfilters.py (3.2)
// defines them, including the conformance cases of those areas, called directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttributeError,
  DATE_FORMAT,
  DATETIME_FORMAT,
  SHORT_DATE_FORMAT,
  SHORT_DATETIME_FORMAT,
  TIME_FORMAT,
  dateFilters,
  getFormat,
} from '../../src/dates/filters.js';
import { SafeString } from '../../src/safe.js';
import { PyDate } from '../../src/values.js';

const NBSP = '\u00a0';
const OPTIONS = { autoescape: true };

/** Applies a filter the way the engine does: string literal arguments arrive as SafeString. */
function apply(name: string, value: unknown, arg?: unknown): unknown {
  const literal = typeof arg === 'string' ? new SafeString(arg) : arg;
  return dateFilters[name].fn(value, literal, OPTIONS);
}

const FRIDAY = new Date(2024, 0, 5, 13, 4, 9);
const FRIDAY_DATE = new PyDate(2024, 1, 5);

test('the four filters take an optional argument and are not is_safe', () => {
  assert.deepEqual(Object.keys(dateFilters).sort(), ['date', 'time', 'timesince', 'timeuntil']);
  for (const spec of Object.values(dateFilters)) {
    assert.equal(spec.arg, 'optional');
    assert.ok(!spec.isSafe);
    assert.ok(!spec.stringFilter);
  }
});

test("Django's default formats", () => {
  assert.deepEqual(
    [DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT, SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT],
    ['N j, Y', 'N j, Y, P', 'P', 'm/d/Y', 'm/d/Y P'],
  );
});

test('conformance: filter:date', () => {
  assert.equal(apply('date', FRIDAY_DATE), 'Jan. 5, 2024');
  assert.equal(apply('date', FRIDAY, 'D, d M Y H:i:s'), 'Fri, 05 Jan 2024 13:04:09');
  const days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map((day) => apply('date', new PyDate(2024, 3, day), 'jS'));
  assert.equal(days.join(' '), '1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st');
  assert.equal(apply('date', new PyDate(2024, 12, 31), 'z t L w'), '366 31 True 2');
});

test('conformance: filter:time', () => {
  assert.equal(apply('time', FRIDAY), '1:04 p.m.');
  assert.equal(apply('time', FRIDAY_DATE, 'H:i'), '');
});

test('conformance: filter:timesince and filter:timeuntil', () => {
  const a = new Date(2024, 0, 5, 13, 4);
  assert.equal(apply('timesince', new PyDate(2024, 1, 1), new PyDate(2024, 1, 8)), `1${NBSP}week`);
  assert.equal(apply('timesince', new PyDate(2023, 1, 1), new PyDate(2024, 3, 15)), `1${NBSP}year, 2${NBSP}months`);
  assert.equal(apply('timesince', new PyDate(2024, 2, 1), new PyDate(2024, 1, 1)), `0${NBSP}minutes`);
  assert.equal(apply('timesince', a, new Date(2024, 0, 5, 13, 4, 59)), `0${NBSP}minutes`);
  assert.equal(apply('timeuntil', new Date(2024, 0, 5, 15, 34), a), `2${NBSP}hours, 30${NBSP}minutes`);
});

test('date: a datetime without an argument still uses DATE_FORMAT', () => {
  assert.equal(apply('date', FRIDAY), 'Jan. 5, 2024');
  // formats.date_format uses `format or 'DATE_FORMAT'`: an empty format counts as none.
  assert.equal(apply('date', FRIDAY, ''), 'Jan. 5, 2024');
});

test('date: setting names are resolved through get_format', () => {
  assert.equal(apply('date', FRIDAY_DATE, 'SHORT_DATE_FORMAT'), '01/05/2024');
  assert.equal(apply('date', FRIDAY, 'SHORT_DATETIME_FORMAT'), '01/05/2024 1:04 p.m.');
  assert.equal(apply('date', FRIDAY, 'DATETIME_FORMAT'), 'Jan. 5, 2024, 1:04 p.m.');
  assert.equal(apply('date', FRIDAY_DATE, 'YEAR_MONTH_FORMAT'), 'January 2024');
  assert.equal(apply('date', FRIDAY_DATE, 'MONTH_DAY_FORMAT'), 'January 5');
  // Non-format settings resolve too and are str()ed: the integer 0, the text '.'.
  assert.equal(apply('date', FRIDAY_DATE, 'FIRST_DAY_OF_WEEK'), '0');
  assert.equal(apply('date', FRIDAY_DATE, 'DECIMAL_SEPARATOR'), '.');
  // Anything that is not a setting name is a format string.
  assert.equal(apply('date', FRIDAY_DATE, 'xyz'), 'x245');
});

test('getFormat', () => {
  assert.equal(getFormat('DATE_FORMAT'), 'N j, Y');
  assert.equal(getFormat(new SafeString('TIME_FORMAT')), 'P');
  assert.equal(getFormat('Y-m-d'), 'Y-m-d');
  assert.equal(getFormat(7), 7);
  assert.throws(() => getFormat(['DATE_FORMAT']), TypeError);
});

test('date: missing, None and empty values give the empty string', () => {
  for (const value of ['', new SafeString(''), null, undefined]) {
    assert.equal(apply('date', value), '');
    assert.equal(apply('date', value, 'Y'), '');
  }
});

test('date: non-date values give the empty string unless the format reads no field', () => {
  assert.equal(apply('date', 'not a date'), '');
  assert.equal(apply('date', 5, 'Y-m-d'), '');
  assert.equal(apply('date', 0, 'Y'), '');
  // Django never touches the value for literal text, nor for `I`.
  assert.equal(apply('date', 5, '-'), '-');
  assert.equal(apply('date', 'x', 'I'), '0');
});

test('date: time characters on a date raise TypeError, which the date filter does not catch', () => {
  assert.throws(() => apply('date', FRIDAY_DATE, 'H:i'), TypeError);
  assert.throws(() => apply('date', FRIDAY_DATE, 'r'), TypeError);
  assert.throws(() => apply('date', FRIDAY_DATE, 'SHORT_DATETIME_FORMAT'), TypeError);
});

test('time: TIME_FORMAT by default, and setting names resolve', () => {
  assert.equal(apply('time', new Date(2024, 0, 5, 0, 0)), 'midnight');
  assert.equal(apply('time', new Date(2024, 0, 5, 12, 0)), 'noon');
  assert.equal(apply('time', FRIDAY, 'TIME_FORMAT'), '1:04 p.m.');
  assert.equal(apply('time', FRIDAY, ''), '1:04 p.m.');
  assert.equal(apply('time', FRIDAY, 'H:i:s O T'), '13:04:09 +0000 UTC');
});

test('time: date characters and dates give the empty string', () => {
  // TimeFormat has no `D` method: AttributeError, caught.
  assert.equal(apply('time', FRIDAY, 'H:i D'), '');
  assert.equal(apply('time', FRIDAY, 'DATE_FORMAT'), '');
  // A date has no time of day: TypeError, caught here (unlike in `date`).
  assert.equal(apply('time', FRIDAY_DATE), '');
  assert.equal(apply('time', 'text', 'H'), '');
  assert.equal(apply('time', null), '');
  assert.equal(apply('time', FRIDAY_DATE, '[-]'), '[-]');
});

test('timesince/timeuntil: falsy values give the empty string', () => {
  for (const value of ['', null, undefined, 0, false]) {
    assert.equal(apply('timesince', value, FRIDAY), '');
    assert.equal(apply('timeuntil', value, FRIDAY), '');
  }
});

test('timesince/timeuntil: without an argument they measure against the current time', () => {
  assert.equal(apply('timesince', new PyDate(9999, 1, 1)), `0${NBSP}minutes`);
  assert.equal(apply('timeuntil', new PyDate(2000, 1, 1)), `0${NBSP}minutes`);
  assert.match(String(apply('timesince', new PyDate(2000, 1, 1))), /^\d+\u00a0years/);
  assert.match(String(apply('timeuntil', new PyDate(9999, 1, 1), '')), /^\d+\u00a0years/);
});

test('timesince/timeuntil: values without date fields raise AttributeError (Django catches only ValueError/TypeError)', () => {
  assert.throws(() => apply('timesince', 'yesterday', FRIDAY), AttributeError);
  assert.throws(() => apply('timesince', FRIDAY_DATE, 'tomorrow'), AttributeError);
  assert.throws(() => apply('timeuntil', 5, FRIDAY), AttributeError);
});
