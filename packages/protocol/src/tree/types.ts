/**
 * Rendered trees, as Phoenix LiveView's: static strings interleaved with dynamic slots.
 * `s` has one more entry than each dynamics list. The fingerprint `f` names the statics: two
 * nodes with the same fingerprint have identical `s`, so a diff never resends them.
 */

/** A template body: statics around its dynamic slots. */
export interface Tree {
  s: readonly string[];
  d: Dynamic[];
  f: string;
}

/** A `{% for %}`: the body's statics once, then each iteration's dynamics. */
export interface Comprehension {
  s: readonly string[];
  f: string;
  r: Dynamic[][];
  /** Row keys (the items' `id`/`pk`), when every row has one and they are distinct. */
  k?: (string | number)[];
}

export type Dynamic = string | Tree | Comprehension;

export function isComprehension(d: Dynamic): d is Comprehension {
  return typeof d === 'object' && 'r' in d;
}

function joinRow(s: readonly string[], d: Dynamic[]): string {
  let out = s[0];
  for (let i = 0; i < d.length; i++) out += joinDynamic(d[i]) + s[i + 1];
  return out;
}

function joinDynamic(d: Dynamic): string {
  if (typeof d === 'string') return d;
  if (isComprehension(d)) {
    let out = '';
    for (const row of d.r) out += joinRow(d.s, row);
    return out;
  }
  return joinRow(d.s, d.d);
}

/** The HTML a tree stands for: exactly what the string render gives. */
export function joinTree(tree: Dynamic): string {
  return joinDynamic(tree);
}
