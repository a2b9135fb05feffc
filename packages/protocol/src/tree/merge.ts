/**
 * Applies a diff from diff.ts (the format is documented there) to the receiver's copy of the
 * tree. Nothing is mutated: the result shares every unchanged subtree and row with `prev`,
 * so a client can compare references to find what to re-render.
 *
 * Diffs arrive over the network, so malformed ones throw a DiffError instead of producing a
 * wrong tree silently. Browser-safe: no imports outside src/tree.
 */
import { isComprehension, type Comprehension, type Dynamic, type Tree } from './types.js';
import type { ComprehensionPatch, RowDiff, SlotDiff, TreeDiff, TreePatch } from './diff.js';

export class DiffError extends Error {
  override name = 'DiffError';
}

/** The tree `diff` describes, starting from `prev` (null before the first render). */
export function applyDiff(prev: Tree | null, diff: TreeDiff | null): Tree {
  if (diff === null) {
    if (prev === null) throw new DiffError('An empty diff needs a previous tree');
    return prev;
  }
  if (isFull(diff)) {
    if (isComprehension(diff)) throw new DiffError('The top level of a diff must be a tree, not a comprehension');
    return diff;
  }
  if (prev === null) throw new DiffError('A patch needs a previous tree; the first diff must be a full tree');
  return patchTree(prev, diff as TreePatch);
}

/** A full Tree or Comprehension: the only diffs carrying statics. */
function isFull(d: object): d is Tree | Comprehension {
  return 's' in d;
}

function isComprehensionPatch(d: object): d is ComprehensionPatch {
  return 'n' in d;
}

function applySlot(prev: Dynamic | undefined, diff: SlotDiff): Dynamic {
  if (typeof diff === 'string') return diff;
  if (diff === null || typeof diff !== 'object' || Array.isArray(diff)) {
    throw new DiffError(`A slot diff must be a string or an object, got ${JSON.stringify(diff)}`);
  }
  if (isFull(diff)) return diff;
  if (isComprehensionPatch(diff)) {
    if (prev === undefined || typeof prev === 'string' || !isComprehension(prev)) throw new DiffError('A comprehension patch applies only to a comprehension');
    return patchComprehension(prev, diff);
  }
  if (prev === undefined || typeof prev === 'string' || isComprehension(prev)) throw new DiffError('A tree patch applies only to a tree');
  return patchTree(prev, diff);
}

function patchTree(prev: Tree, patch: TreePatch): Tree {
  return { s: prev.s, d: patchDynamics(prev.d, patch), f: prev.f };
}

/** A copy of `dynamics` with the patched slots replaced. */
function patchDynamics(dynamics: readonly Dynamic[], patch: TreePatch): Dynamic[] {
  const out = dynamics.slice();
  for (const key of Object.keys(patch)) {
    const i = index(key, dynamics.length, 'slot');
    out[i] = applySlot(dynamics[i], patch[key]);
  }
  return out;
}

function patchComprehension(prev: Comprehension, patch: ComprehensionPatch): Comprehension {
  const n = patch.n;
  if (!Number.isInteger(n) || n < 0) throw new DiffError(`Bad row count ${String(n)}`);
  if (patch.o !== undefined && (!Array.isArray(patch.o) || patch.o.length !== n)) throw new DiffError('`o` must list one origin per new row');
  const rowDiffs = patch.r ?? {};
  for (const key of Object.keys(rowDiffs)) index(key, n, 'row');
  const rows = new Array<Dynamic[]>(n);
  for (let i = 0; i < n; i++) rows[i] = newRow(prev.r, origin(patch.o, i, prev.r.length), rowDiffs[i], i);
  const out: Comprehension = { s: prev.s, f: prev.f, r: rows };
  const keys = 'k' in patch ? patch.k : prev.k;
  if (keys) out.k = keys;
  return out;
}

/** The old row new row `i` starts from, or -1 (see `o` in diff.ts). */
function origin(o: readonly number[] | undefined, i: number, oldCount: number): number {
  if (o === undefined) return i < oldCount ? i : -1;
  const from = o[i];
  if (from !== -1 && !(Number.isInteger(from) && from >= 0 && from < oldCount)) throw new DiffError(`Bad row origin ${String(from)}`);
  return from;
}

function newRow(oldRows: readonly Dynamic[][], from: number, diff: RowDiff | undefined, i: number): Dynamic[] {
  if (Array.isArray(diff)) return diff;
  if (from === -1) throw new DiffError(`New row ${i} has no dynamics`);
  const base = oldRows[from];
  return diff === undefined ? base : patchDynamics(base, diff);
}

/** A slot or row index from a patch key, checked: anything else (`__proto__`…) is rejected. */
function index(key: string, length: number, what: string): number {
  const i = Number(key);
  if (!/^(0|[1-9]\d*)$/.test(key) || i >= length) throw new DiffError(`Bad ${what} index '${key}' (length ${length})`);
  return i;
}
