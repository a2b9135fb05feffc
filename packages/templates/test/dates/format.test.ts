// Every format character of Django 3.2's DateFormat/TimeFormat (django/utils/dateformat.py),
// with expectations taken from the Django source and the `date` filter documentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeError, formatDate, formatTime } from '../../src/dates/format.js';
import { DATE_FORMAT, DATETIME_FORMAT } from '../../src/dates/formats.js';
import { PyDate } from '../../src/values.js';

/** A naive datetime: local wall-clock fields, as the engine represents them. */
function dt(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return new Date(year, month - 1, day, hour, minute, second, ms);
}

/** Friday 5 January 2024, 13:04:09. */
const FRIDAY = dt(2024, 1, 5, 13, 4, 9);
const FRIDAY_DATE = new PyDate(2024, 1, 5);

function checkEach(value: unknown, expected: Record<string, string>): void {
  for (const [char, want] of Object.entries(expected)) {
    assert.equal(formatDate(value, char), want, `format character ${char}`);
  }
}

test('variables-19/20: how the engine prints a bare date and datetime', () => {
  assert.equal(formatDate(FRIDAY_DATE, DATE_FORMAT), 'Jan. 5, 2024');
  assert.equal(formatDate(dt(2024, 1, 5, 13, 4), DATETIME_FORMAT), 'Jan. 5, 2024, 1:04 p.m.');
});

test('date characters on a datetime', () => {
  checkEach(FRIDAY, {
    b: 'jan',
    c: '2024-01-05T13:04:09',
    d: '05',
    D: 'Fri',
    E: 'January',
    F: 'January',
    j: '5',
    l: 'Friday',
    L: 'True',
    m: '01',
    M: 'Jan',
    n: '1',
    N: 'Jan.',
    o: '2024',
    S: 'th',
    t: '31',
    w: '5',
    W: '1',
    y: '24',
    Y: '2024',
    z: '5',
  });
});

test('time characters on a datetime', () => {
  checkEach(FRIDAY, {
    a: 'p.m.',
    A: 'PM',
    f: '1:04',
    g: '1',
    G: '13',
    h: '01',
    H: '13',
    i: '04',
    P: '1:04 p.m.',
    s: '09',
    u: '000000',
  });
});

test('time-zone characters on a naive datetime use the default zone, UTC', () => {
  // `e` is the datetime's own tzinfo name, which a naive value lacks.
  checkEach(FRIDAY, { e: '', O: '+0000', T: 'UTC', Z: '0', I: '0' });
});

test('r is RFC 5322 in UTC, with a zero-padded day', () => {
  assert.equal(formatDate(FRIDAY, 'r'), 'Fri, 05 Jan 2024 13:04:09 +0000');
});

test('U counts seconds from the epoch reading the wall clock in TIME_ZONE (UTC)', () => {
  assert.equal(formatDate(dt(1970, 1, 1), 'U'), '0');
  assert.equal(formatDate(FRIDAY, 'U'), String(Date.UTC(2024, 0, 5, 13, 4, 9) / 1000));
  assert.equal(formatDate(dt(1969, 12, 31, 23, 59, 59), 'U'), '-1');
  // timetuple() drops the microseconds.
  assert.equal(formatDate(dt(1970, 1, 1, 0, 0, 1, 999), 'U'), '1');
  assert.equal(formatDate(new PyDate(1970, 1, 2), 'U'), '86400');
});

test('12-hour characters at midnight, noon and around them', () => {
  const cases: Array<[Date, string, string, string, string]> = [
    // value, g, h, a, P
    [dt(2024, 1, 5, 0, 0), '12', '12', 'a.m.', 'midnight'],
    [dt(2024, 1, 5, 0, 30), '12', '12', 'a.m.', '12:30 a.m.'],
    [dt(2024, 1, 5, 1, 0), '1', '01', 'a.m.', '1 a.m.'],
    [dt(2024, 1, 5, 11, 59), '11', '11', 'a.m.', '11:59 a.m.'],
    [dt(2024, 1, 5, 12, 0), '12', '12', 'p.m.', 'noon'],
    [dt(2024, 1, 5, 12, 30), '12', '12', 'p.m.', '12:30 p.m.'],
    [dt(2024, 1, 5, 23, 5), '11', '11', 'p.m.', '11:05 p.m.'],
  ];
  for (const [value, g, h, a, P] of cases) {
    assert.equal(formatDate(value, 'g|h|a|P'), `${g}|${h}|${a}|${P}`, value.toString());
  }
  assert.equal(formatDate(dt(2024, 1, 5, 0, 0), 'A G H f'), 'AM 0 00 12');
  assert.equal(formatDate(dt(2024, 1, 5, 14, 0), 'A G f'), 'PM 14 2');
  assert.equal(formatDate(dt(2024, 1, 5, 14, 5), 'f'), '2:05');
});

test('microseconds: u and c carry the milliseconds a Date keeps', () => {
  const value = dt(2024, 1, 5, 13, 4, 9, 123);
  assert.equal(formatDate(value, 'u'), '123000');
  assert.equal(formatDate(value, 'c'), '2024-01-05T13:04:09.123000');
});

test('every month name form', () => {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const ap = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
  for (let month = 1; month <= 12; month++) {
    const value = new PyDate(2023, month, 15);
    const short = names[month - 1].slice(0, 3);
    assert.equal(formatDate(value, 'F|E|N|M|b|n|m'), [names[month - 1], names[month - 1], ap[month - 1], short, short.toLowerCase(), month, String(month).padStart(2, '0')].join('|'));
  }
});

test('every weekday: D, l and w (Sunday is 0)', () => {
  // 1 January 2024 was a Monday.
  const expected = [
    ['Mon', 'Monday', '1'],
    ['Tue', 'Tuesday', '2'],
    ['Wed', 'Wednesday', '3'],
    ['Thu', 'Thursday', '4'],
    ['Fri', 'Friday', '5'],
    ['Sat', 'Saturday', '6'],
    ['Sun', 'Sunday', '0'],
  ];
  expected.forEach((names, i) => assert.equal(formatDate(new PyDate(2024, 1, 1 + i), 'D|l|w'), names.join('|')));
});

test('ordinal suffixes (filter-date-06)', () => {
  const days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31];
  const out = days.map((day) => formatDate(new PyDate(2024, 3, day), 'jS')).join(' ');
  assert.equal(out, '1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st');
});

test('filter-date-11: z t L w at the end of a leap year', () => {
  assert.equal(formatDate(new PyDate(2024, 12, 31), 'z t L w'), '366 31 True 2');
});

test('days in month and leap years, including the century rules', () => {
  assert.equal(formatDate(new PyDate(2023, 2, 1), 't L'), '28 False');
  assert.equal(formatDate(new PyDate(2024, 2, 1), 't L'), '29 True');
  assert.equal(formatDate(new PyDate(1900, 2, 1), 't L'), '28 False');
  assert.equal(formatDate(new PyDate(2000, 2, 1), 't L'), '29 True');
  assert.equal(formatDate(new PyDate(2023, 4, 1), 't'), '30');
  assert.equal(formatDate(new PyDate(2023, 12, 31), 'z'), '365');
  assert.equal(formatDate(new PyDate(2023, 1, 1), 'z'), '1');
  assert.equal(formatDate(new PyDate(2024, 3, 1), 'z'), '61');
});

test('ISO week and ISO year at year boundaries', () => {
  // 1 January 2021 was a Friday: it belongs to the last ISO week of 2020.
  assert.equal(formatDate(new PyDate(2021, 1, 1), 'o-W'), '2020-53');
  assert.equal(formatDate(new PyDate(2021, 1, 4), 'o-W'), '2021-1');
  // Monday 30 December 2024 starts week 1 of 2025.
  assert.equal(formatDate(new PyDate(2024, 12, 30), 'o-W'), '2025-1');
  assert.equal(formatDate(new PyDate(2024, 12, 29), 'o-W'), '2024-52');
  assert.equal(formatDate(new PyDate(2026, 12, 31), 'o-W'), '2026-53');
});

test('small years: y is two digits, Y is not padded in Django 3.2, c is', () => {
  assert.equal(formatDate(new PyDate(2009, 6, 1), 'y'), '09');
  assert.equal(formatDate(new PyDate(5, 6, 1), 'y|Y|c'), '05|5|0005-06-01');
  assert.equal(formatDate(new PyDate(476, 6, 1), 'y|Y'), '76|476');
});

test('backslash escapes', () => {
  // The documentation's own example.
  assert.equal(formatDate(FRIDAY_DATE, 'jS \\o\\f F'), '5th of January');
  assert.equal(formatDate(FRIDAY_DATE, '\\Y\\e\\a\\r: Y'), 'Year: 2024');
  // An escaped backslash still hides the next character from formatting, then loses one backslash.
  assert.equal(formatDate(FRIDAY_DATE, '\\\\Y'), '\\Y');
  // Python's `.` does not match a newline, so that backslash stays.
  assert.equal(formatDate(FRIDAY_DATE, 'x\\\nq'), 'x\\\nq');
  // Characters that are not format characters pass through untouched.
  assert.equal(formatDate(FRIDAY_DATE, 'Kqx-/:'), 'Kqx-/:');
  assert.equal(formatDate(FRIDAY_DATE, ''), '');
});

test('the format is str()ed first', () => {
  assert.equal(formatDate(FRIDAY_DATE, 5), '5');
  // str(None) is 'None': N, o, n and e are all format characters.
  assert.equal(formatDate(FRIDAY, undefined), 'Jan.20241');
  assert.throws(() => formatDate(FRIDAY_DATE, undefined), TypeError);
});

test('a date (no time part) refuses time-of-day and time-zone characters with TypeError', () => {
  for (const char of ['a', 'A', 'e', 'f', 'g', 'G', 'h', 'H', 'i', 'O', 'P', 's', 'T', 'u', 'Z', 'r']) {
    assert.throws(() => formatDate(FRIDAY_DATE, `Y ${char}`), TypeError, char);
  }
  // I belongs to DateFormat, and with no zone it never reads the value.
  assert.equal(formatDate(FRIDAY_DATE, 'I'), '0');
  assert.equal(formatDate(FRIDAY_DATE, 'c'), '2024-01-05');
});

test('non-date values have no date attributes: AttributeError, except where Django reads none', () => {
  for (const value of ['2024-01-05', 5, null, [], {}]) {
    assert.throws(() => formatDate(value, 'Y'), AttributeError);
    assert.throws(() => formatDate(value, 'H'), AttributeError);
    assert.throws(() => formatDate(value, 'r'), AttributeError);
    // No zone is attached to anything but a datetime, so these return before touching it.
    assert.equal(formatDate(value, 'e|O|T|Z|I'), '||||0');
    assert.equal(formatDate(value, 'x'), 'x');
  }
});

test('formatTime knows only TimeFormat characters', () => {
  assert.equal(formatTime(FRIDAY, 'H:i:s a A f g G h P u'), '13:04:09 p.m. PM 1:04 1 13 01 1:04 p.m. 000000');
  assert.equal(formatTime(FRIDAY, 'e|O|T|Z'), '|+0000|UTC|0');
  for (const char of ['d', 'j', 'Y', 'I', 'U', 'c', 'r', 'N']) {
    assert.throws(() => formatTime(FRIDAY, char), AttributeError, char);
  }
  assert.throws(() => formatTime(FRIDAY_DATE, 'H'), TypeError);
  assert.throws(() => formatTime(FRIDAY_DATE, 'd'), AttributeError);
});

test('results do not depend on the process time zone', () => {
  const saved = process.env.TZ;
  try {
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      const value = new Date(2024, 2, 10, 2, 30); // inside New York's spring-forward gap
      assert.equal(formatDate(new Date(2024, 0, 5, 13, 4, 9), 'c U O T'), '2024-01-05T13:04:09 1704459849 +0000 UTC', zone);
      assert.equal(formatDate(new PyDate(2024, 1, 5), 'c U'), '2024-01-05 1704412800', zone);
      // The engine reads Dates through local getters; whatever they say is what prints.
      assert.equal(formatDate(value, 'Y-m-d H:i'), `2024-03-10 ${String(value.getHours()).padStart(2, '0')}:30`, zone);
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
