/** Rendered trees, their diffs and merging: no Node APIs, so browser bundles can import this. */
export { joinTree, isComprehension, type Tree, type Comprehension, type Dynamic } from './types.js';
export { diffTrees, type TreeDiff, type TreePatch, type ComprehensionPatch, type RowDiff, type SlotDiff } from './diff.js';
export { applyDiff, DiffError } from './merge.js';
