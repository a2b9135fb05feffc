/** Turns a conformance case's JSON context into template values: the `$date`, `$datetime`,
 *  `$safe` and `$decimal` markers become PyDate, Date, SafeString and Decimal. */
import { SafeString } from '../safe.js';
import { Decimal, PyDate } from '../values.js';

function parseDateTime(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(text);
  if (!m) throw new Error(`Bad $datetime marker: ${text}`);
  const d = new Date(2000, +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, m[7] ? Math.floor(+m[7].padEnd(6, '0') / 1000) : 0);
  d.setFullYear(+m[1]);
  return d;
}

export function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v === null || typeof v !== 'object') return v;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && typeof obj[keys[0]] === 'string') {
    const text = obj[keys[0]] as string;
    switch (keys[0]) {
      case '$date': {
        const d = PyDate.parse(text);
        if (!d) throw new Error(`Bad $date marker: ${text}`);
        return d;
      }
      case '$datetime':
        return parseDateTime(text);
      case '$safe':
        return new SafeString(text);
      case '$decimal': {
        const d = Decimal.parse(text);
        if (!d) throw new Error(`Bad $decimal marker: ${text}`);
        return d;
      }
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeValue(obj[k]);
  return out;
}
