/**
 * Django 3.2's built-in filters, except the date and time ones (date, time, timesince,
 * timeuntil), which live in ../dates.
 */
import { htmlFilters } from './html.js';
import { listFilters } from './lists.js';
import { numberFilters } from './numbers.js';
import { stringFilters } from './strings.js';
import type { FilterTable } from './types.js';

export const builtinFilters: FilterTable = {
  ...stringFilters,
  ...htmlFilters,
  ...numberFilters,
  ...listFilters,
};
