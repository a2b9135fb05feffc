/** Calendar arithmetic on 'YYYY-MM-DD' days (UTC), as the date columns store them. */

/** 'YYYY-MM-DD' plus a number of days (UTC). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' plus a number of months, the day of month kept (clamped to the month's end). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export interface CalendarMonth {
  /** The month's first day, and the first day of the next one (for `>= first and < next`). */
  first: string;
  next: string;
  /** 'June 2026'. */
  label: string;
}

/** The calendar month `day` falls in. */
export function monthOf(day: string): CalendarMonth {
  const first = `${day.slice(0, 7)}-01`;
  const label = new Date(`${first}T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return { first, next: addMonths(first, 1), label };
}
