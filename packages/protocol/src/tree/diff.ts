/**
 * Diffs between two rendered trees: what the server sends after the first render.
 *
 * This module and merge.ts are the wire format's heart and are bundled for the browser, so
 * they import nothing outside src/tree and use no Node APIs. A diff is plain JSON.
 *
 * ## Wire format
 *
 * Top level, `diffTrees(prev, next)`:
 *   - `null`: nothing changed.
 *   - the full `next` Tree (`{s, d, f}`): when `prev` is null or `prev.f !== next.f`.
 *   - otherwise a TreePatch of `prev` (see below), never empty.
 *
 * A SlotDiff, the new value of one dynamic slot, is told apart by its shape:
 *   1. a string: the slot becomes this string.
 *   2. an object with an `s` key: a full Tree `{s, d, f}` or Comprehension `{s, f, r, k?}`
 *      that replaces the slot (the slot was a string, another kind, or had another
 *      fingerprint). This is the only way statics travel.
 *   3. an object with an `n` key: a ComprehensionPatch of the slot's Comprehension (same `f`):
 *        - `n`: the new row count (always present).
 *        - `o` (optional): one entry per new row, the index of the old row it starts from,
 *          or -1 for a brand-new row. Without `o`, new row i starts from old row i when
 *          i < old row count, else it is brand new. `o` is sent only when that default is
 *          wrong: rows moved, or were inserted/deleted other than at the end. Rows are
 *          matched by their keys `k` when old and new both have keys, else by index.
 *        - `r` (optional): `{ "<new row index>": RowDiff }` for the rows that differ from the
 *          old row they start from. A RowDiff is an array (the row's full dynamics; always
 *          the case for brand-new rows) or a RowPatch: an object whose keys are slot indexes
 *          ("0", "3"…), each a SlotDiff, applied to a copy of the old row.
 *          Rows not listed are the old row unchanged.
 *        - `k` (optional): the new row keys when they changed; `null` when the new
 *          comprehension has no keys but the old one had. Absent: keys unchanged.
 *          Merging never needs keys (`o` is in index space); they are carried so the merged
 *          tree equals the server's.
 *   4. any other object is a TreePatch of the slot's Tree (same `f`): its keys are slot
 *      indexes ("0", "3"…) and each value is a SlotDiff. Slots not listed are unchanged.
 *
 * Statics are never resent while fingerprints match, and unchanged slots are not sent, so a
 * counter increment is `{"0":"6"}` and one changed cell in a keyed table is a few dozen bytes.
 */
import { isComprehension, type Comprehension, type Dynamic, type Tree } from './types.js';

/** Slot index (as a string) → the slot's new value. */
export type TreePatch = { [slot: string]: SlotDiff };

/** A row: its full dynamics, or a patch of the old row's slots. */
export type RowDiff = Dynamic[] | TreePatch;

export interface ComprehensionPatch {
  n: number;
  o?: number[];
  r?: { [row: string]: RowDiff };
  k?: (string | number)[] | null;
}

export type SlotDiff = string | Tree | Comprehension | TreePatch | ComprehensionPatch;

/** What diffTrees returns: a full tree or a patch of the previous one. */
export type TreeDiff = Tree | TreePatch;

/** The diff turning `prev` into `next`, or null when they render the same tree. */
export function diffTrees(prev: Tree | null, next: Tree): TreeDiff | null {
  if (prev === null || prev.f !== next.f) return next;
  return diffTree(prev, next);
}

/** The diff of one slot, or null when unchanged. */
function diffSlot(prev: Dynamic, next: Dynamic): SlotDiff | null {
  if (prev === next) return null;
  if (typeof next === 'string') return next;
  // A string before, another kind of node, or other statics: the receiver needs everything.
  if (typeof prev === 'string' || prev.f !== next.f || isComprehension(prev) !== isComprehension(next)) return next;
  if (isComprehension(next)) return diffComprehension(prev as Comprehension, next);
  return diffTree(prev as Tree, next);
}

/** A TreePatch of a tree whose fingerprint is unchanged; the full tree if the shapes disagree. */
function diffTree(prev: Tree, next: Tree): TreeDiff | null {
  // Same fingerprint means same statics, so this only guards against hand-built trees.
  if (prev.d.length !== next.d.length) return next;
  return diffDynamics(prev.d, next.d);
}

/** Slot-by-slot patch of two equally long dynamics lists; null when nothing differs. */
function diffDynamics(prev: readonly Dynamic[], next: readonly Dynamic[]): TreePatch | null {
  let patch: TreePatch | null = null;
  for (let i = 0; i < next.length; i++) {
    const d = diffSlot(prev[i], next[i]);
    if (d !== null) (patch ??= {})[i] = d;
  }
  return patch;
}

function diffComprehension(prev: Comprehension, next: Comprehension): ComprehensionPatch | null {
  const origins = matchRows(prev, next);
  const patch: ComprehensionPatch = { n: next.r.length };
  if (!isDefaultOrigin(origins, prev.r.length)) patch.o = origins;
  const rows = diffRows(prev.r, next.r, origins);
  if (rows) patch.r = rows;
  const keys = diffKeys(prev.k, next.k);
  if (keys !== undefined) patch.k = keys;
  const changed = patch.o || patch.r || 'k' in patch || next.r.length !== prev.r.length;
  return changed ? patch : null;
}

/** For each new row, the old row it starts from (-1: none). By key when both sides have keys. */
function matchRows(prev: Comprehension, next: Comprehension): number[] {
  const n = next.r.length;
  const origins = new Array<number>(n);
  if (prev.k && next.k && prev.k.length === prev.r.length && next.k.length === n) {
    const oldIndex = new Map<string | number, number>();
    prev.k.forEach((key, i) => oldIndex.set(key, i));
    for (let i = 0; i < n; i++) origins[i] = oldIndex.get(next.k[i]) ?? -1;
  } else {
    for (let i = 0; i < n; i++) origins[i] = i < prev.r.length ? i : -1;
  }
  return origins;
}

/** True when the origins are what the receiver assumes without `o`. */
function isDefaultOrigin(origins: readonly number[], oldCount: number): boolean {
  return origins.every((o, i) => o === (i < oldCount ? i : -1));
}

function diffRows(prev: readonly Dynamic[][], next: readonly Dynamic[][], origins: readonly number[]): ComprehensionPatch['r'] | null {
  let rows: ComprehensionPatch['r'] | null = null;
  for (let i = 0; i < next.length; i++) {
    const from = origins[i];
    const d = from === -1 ? next[i] : diffRow(prev[from], next[i]);
    if (d !== null) (rows ??= {})[i] = d;
  }
  return rows;
}

function diffRow(prev: readonly Dynamic[], next: Dynamic[]): RowDiff | null {
  if (prev === next) return null;
  return prev.length === next.length ? diffDynamics(prev, next) : next;
}

/** The `k` entry: undefined when the keys did not change, null when they went away. */
function diffKeys(prev: Comprehension['k'], next: Comprehension['k']): (string | number)[] | null | undefined {
  if (!next) return prev ? null : undefined;
  if (prev && prev.length === next.length && prev.every((k, i) => k === next[i])) return undefined;
  return next;
}
