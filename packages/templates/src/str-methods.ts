/** Python str methods a template can call without arguments (`{{ name.upper }}`). */
import { pyTitle } from './filters/text-case.js';

const isSpace = (s: string): boolean => s.length > 0 && /^\s+$/u.test(s);
const cased = (s: string): boolean => s.toLowerCase() !== s.toUpperCase();

export const STR_METHODS: Readonly<Record<string, (s: string) => unknown>> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  capitalize: (s) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
  title: (s) => pyTitle(s),
  strip: (s) => s.trim(),
  lstrip: (s) => s.trimStart(),
  rstrip: (s) => s.trimEnd(),
  split: (s) => s.trim().split(/\s+/u).filter(Boolean),
  splitlines: (s) => s.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u).filter((l, i, all) => i < all.length - 1 || l !== ''),
  isdigit: (s) => /^\p{Nd}+$/u.test(s),
  isnumeric: (s) => /^\p{N}+$/u.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: isSpace,
  isupper: (s) => cased(s) && s === s.toUpperCase(),
  islower: (s) => cased(s) && s === s.toLowerCase(),
};
