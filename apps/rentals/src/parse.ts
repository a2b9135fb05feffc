/**
 * Reading what a form or a URL sends into typed values: row ids, calendar days and amounts of
 * money, one way for every page. Each returns null or a message for the user; none throws.
 */

/** The largest amount the money columns hold (decimal 10,2). */
export const MAX_AMOUNT = 99_999_999.99;

/** A positive whole number (a row id), written as text (a form field, a dj-value-*) or given as a number; else null. */
export function parseId(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}

/** A calendar day written 'YYYY-MM-DD' (as date inputs send it) that exists, else null. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? text : null;
}

export type Amount = { ok: true; value: number } | { ok: false; message: string };

/** An amount of money: digits with up to two decimals ('1450', '1,450.50', '$1450'). */
export function parseAmount(text: string): Amount {
  const plain = text.replace(/[\s,$]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return { ok: false, message: 'Enter an amount such as 1450 or 1450.50.' };
  if (/\.\d{3,}$/.test(plain)) return { ok: false, message: 'Use at most two decimals (cents).' };
  const value = Number(plain);
  if (Math.abs(value) > MAX_AMOUNT) return { ok: false, message: 'That amount is too large.' };
  return { ok: true, value };
}
