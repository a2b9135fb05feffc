/**
 * The `date`, `time`, `timesince` and `timeuntil` filters, as in Django 3.2's
 * django/template/defaultfilters.py. Django registers all four with is_safe=False.
 *
 * Each catches exactly the Python exceptions Django catches and lets the rest escape, so
 * e.g. `{{ some_date|date:"H:i" }}` raises TypeError (a date has no time of day) while
 * `{{ some_date|time:"H:i" }}` prints nothing.
 */
import type { FilterTable } from '../filters/types.js';
import { SafeString } from '../safe.js';
import { isTruthy } from '../values.js';
import { AttributeError, formatDate, formatTime } from './format.js';
import { getFormat } from './formats.js';
import { timesince, timeuntil } from './timesince.js';

export {
  DATE_FORMAT,
  DATETIME_FORMAT,
  MONTH_DAY_FORMAT,
  SHORT_DATE_FORMAT,
  SHORT_DATETIME_FORMAT,
  TIME_FORMAT,
  YEAR_MONTH_FORMAT,
  getFormat,
} from './formats.js';
export { AttributeError, formatDate, formatTime } from './format.js';
export { timesince, timeuntil } from './timesince.js';

type Formatter = (value: unknown, format: unknown) => string;
type ErrorTest = (error: unknown) => boolean;

const isAttributeError: ErrorTest = (e) => e instanceof AttributeError;
const isAttributeOrTypeError: ErrorTest = (e) => e instanceof AttributeError || e instanceof TypeError;
/** What Django's timesince filters catch: ValueError and TypeError (AttributeError escapes). */
const isValueOrTypeError: ErrorTest = (e) => e instanceof TypeError || (e instanceof Error && e.name === 'ValueError');

/** `value in (None, '')`: a missing value or the empty string (safe or not). */
function isNoneOrEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (value instanceof SafeString && value.value === '');
}

/** Runs `attempt`; a failure `expected` accepts gives undefined, any other is rethrown. */
function tryFormat(attempt: () => string, expected: ErrorTest): string | undefined {
  try {
    return attempt();
  } catch (e) {
    if (expected(e)) return undefined;
    throw e;
  }
}

/** One formatting attempt; a failure `expected` accepts gives undefined. No closures: this is hot. */
function tryFormatWith(format: Formatter, value: unknown, fmt: unknown, expected: ErrorTest): string | undefined {
  try {
    return format(value, fmt);
  } catch (e) {
    if (expected(e)) return undefined;
    throw e;
  }
}

/**
 * The shape both `date` and `time` share: first formats.date_format/time_format (which
 * resolves a setting name, defaulting to `defaultName` for a falsy argument), then, if that
 * failed, the raw argument; '' when both fail.
 */
function formatWithFallback(format: Formatter, defaultName: string, expected: ErrorTest) {
  return (value: unknown, arg: unknown): string => {
    if (isNoneOrEmpty(value)) return '';
    return (
      tryFormatWith(format, value, getFormat(isTruthy(arg) ? arg : defaultName), expected) ??
      tryFormatWith(format, value, arg, expected) ??
      ''
    );
  };
}

const dateFilter = formatWithFallback(formatDate, 'DATE_FORMAT', isAttributeError);
const timeFilter = formatWithFallback(formatTime, 'TIME_FORMAT', isAttributeOrTypeError);

function timesinceFilter(value: unknown, arg: unknown): string {
  if (!isTruthy(value)) return '';
  const since = () => (isTruthy(arg) ? timesince(value, arg) : timesince(value));
  return tryFormat(since, isValueOrTypeError) ?? '';
}

function timeuntilFilter(value: unknown, arg: unknown): string {
  if (!isTruthy(value)) return '';
  return tryFormat(() => timeuntil(value, arg), isValueOrTypeError) ?? '';
}

export const dateFilters: FilterTable = {
  date: { fn: dateFilter, arg: 'optional', isSafe: false },
  time: { fn: timeFilter, arg: 'optional', isSafe: false },
  timesince: { fn: timesinceFilter, arg: 'optional', isSafe: false },
  timeuntil: { fn: timeuntilFilter, arg: 'optional', isSafe: false },
};
