import type { FilterTable } from './filters/types.js';
export const builtinFilters: FilterTable = {};
