// The variant's driver.ts stands in for the template's: the same exports, with the same types.
import type * as Template from '../../template/src/driver.js';
import type * as Variant from './src/driver.js';

export const sameShape: [typeof Template, typeof Variant] extends [typeof Variant, typeof Template] ? true : never = true;
