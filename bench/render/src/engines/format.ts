/**
 * The two helpers Nunjucks and LiquidJS lack built in (a fixed-decimals number, and a Django
 * `M d, Y` date for Nunjucks). They are hand-written and allocation-light on purpose: if
 * anything they flatter the other engines, never djust, whose filters follow Django exactly.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function toFixed(value: unknown, digits: unknown): string {
  return Number(value).toFixed(Number(digits));
}

/** Only the three Django format characters the page uses; anything else is copied as is. */
export function djangoDate(value: unknown, format: unknown): string {
  if (!(value instanceof Date)) return '';
  let out = '';
  for (const ch of String(format)) {
    if (ch === 'M') out += MONTHS[value.getUTCMonth()];
    else if (ch === 'd') out += String(value.getUTCDate()).padStart(2, '0');
    else if (ch === 'Y') out += String(value.getUTCFullYear());
    else out += ch;
  }
  return out;
}

/**
 * The strftime subset the Liquid page uses (%b %d %Y), in UTC. It replaces LiquidJS's own
 * `date` filter, which builds an Intl.DateTimeFormat on every call for `%b` and so made the
 * whole Liquid column a measurement of Intl rather than of the template engine.
 */
export function strftime(value: unknown, format: unknown): string {
  if (!(value instanceof Date)) return '';
  return String(format).replace(/%([bdY])/g, (_, ch: string) => {
    if (ch === 'b') return MONTHS[value.getUTCMonth()];
    if (ch === 'd') return String(value.getUTCDate()).padStart(2, '0');
    return String(value.getUTCFullYear());
  });
}
