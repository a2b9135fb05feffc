/**
 * Django's default format settings (global_settings, USE_L10N=False) and
 * django.utils.formats.get_format, which lets `{{ d|date:"SHORT_DATE_FORMAT" }}` name one.
 */
import { SafeString } from '../safe.js';
import { isPlainObject } from '../values.js';

export const DATE_FORMAT = 'N j, Y';
export const DATETIME_FORMAT = 'N j, Y, P';
export const TIME_FORMAT = 'P';
export const SHORT_DATE_FORMAT = 'm/d/Y';
export const SHORT_DATETIME_FORMAT = 'm/d/Y P';
export const YEAR_MONTH_FORMAT = 'F Y';
export const MONTH_DAY_FORMAT = 'F j';

/**
 * Every name get_format resolves (its FORMAT_SETTINGS) with the global default. The
 * non-format ones are here too because Django resolves them the same way, so
 * `date:"FIRST_DAY_OF_WEEK"` formats the text "0".
 */
const FORMAT_SETTINGS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['DECIMAL_SEPARATOR', '.'],
  ['THOUSAND_SEPARATOR', ','],
  ['NUMBER_GROUPING', 0],
  ['FIRST_DAY_OF_WEEK', 0],
  ['MONTH_DAY_FORMAT', MONTH_DAY_FORMAT],
  ['TIME_FORMAT', TIME_FORMAT],
  ['DATE_FORMAT', DATE_FORMAT],
  ['DATETIME_FORMAT', DATETIME_FORMAT],
  ['SHORT_DATE_FORMAT', SHORT_DATE_FORMAT],
  ['SHORT_DATETIME_FORMAT', SHORT_DATETIME_FORMAT],
  ['YEAR_MONTH_FORMAT', YEAR_MONTH_FORMAT],
  [
    'DATE_INPUT_FORMATS',
    ['%Y-%m-%d', '%m/%d/%Y', '%m/%d/%y', '%b %d %Y', '%b %d, %Y', '%d %b %Y', '%d %b, %Y', '%B %d %Y', '%B %d, %Y', '%d %B %Y', '%d %B, %Y'],
  ],
  ['TIME_INPUT_FORMATS', ['%H:%M:%S', '%H:%M:%S.%f', '%H:%M']],
  [
    'DATETIME_INPUT_FORMATS',
    [
      '%Y-%m-%d %H:%M:%S',
      '%Y-%m-%d %H:%M:%S.%f',
      '%Y-%m-%d %H:%M',
      '%m/%d/%Y %H:%M:%S',
      '%m/%d/%Y %H:%M:%S.%f',
      '%m/%d/%Y %H:%M',
      '%m/%d/%y %H:%M:%S',
      '%m/%d/%y %H:%M:%S.%f',
      '%m/%d/%y %H:%M',
    ],
  ],
]);

/** Python can only look up hashable values; lists, dicts and sets raise TypeError. */
function isUnhashable(value: unknown): boolean {
  return (
    Array.isArray(value) ||
    value instanceof Map ||
    value instanceof Set ||
    (typeof value === 'object' && value !== null && isPlainObject(value))
  );
}

/**
 * get_format(name): the setting's value when `name` is one of the format settings,
 * otherwise `name` itself (so a literal format string passes through unchanged).
 */
export function getFormat(name: unknown): unknown {
  if (isUnhashable(name)) throw new TypeError('unhashable type');
  const key = typeof name === 'string' ? name : name instanceof SafeString ? name.value : undefined;
  return key !== undefined && FORMAT_SETTINGS.has(key) ? FORMAT_SETTINGS.get(key) : name;
}
