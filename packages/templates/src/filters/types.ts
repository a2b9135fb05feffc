/** The contract every filter, built-in or custom, is registered with. */

export interface FilterOptions {
  /** Whether autoescaping is on where the filter runs (Django's needs_autoescape). */
  autoescape: boolean;
}

/**
 * A filter function. `arg` is undefined when the template gives no argument. String
 * literals given as arguments arrive as SafeString, as in Django.
 */
export type FilterFn = (value: unknown, arg: unknown, options: FilterOptions) => unknown;

export interface FilterSpec {
  fn: FilterFn;
  /** Whether the filter takes an argument: never, always, or optionally. */
  arg: 'none' | 'required' | 'optional';
  /** Django's is_safe: when the input was a SafeString, the output is marked safe. */
  isSafe?: boolean;
  /** Django's @stringfilter: the value goes through str() first (keeping its safeness). */
  stringFilter?: boolean;
}

export type FilterTable = Record<string, FilterSpec>;
