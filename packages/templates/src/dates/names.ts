/**
 * English names from django.utils.dates (LANGUAGE_CODE en-us, no translation catalogue).
 * Month lists have an empty slot 0 so they index by Python's 1-12 month numbers; weekday
 * lists index by date.weekday(), Monday first.
 */

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const WEEKDAYS_ABBR = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const MONTHS = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Lower-case on purpose: the `b` character prints them as they are, `M` title-cases them. */
export const MONTHS_3 = ['', 'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Associated Press style, used by `N` and so by the default DATE_FORMAT. */
export const MONTHS_AP = [
  '',
  'Jan.',
  'Feb.',
  'March',
  'April',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];

/** The `E` character's "alternative" names: in English they are the plain month names. */
export const MONTHS_ALT = MONTHS;
