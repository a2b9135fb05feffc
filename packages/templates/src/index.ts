/** @djust/templates: Django's template language, compiled to JavaScript. */
export { Engine, Template, type EngineOptions, type LibraryOptions, type RenderOptions, type Context } from './engine.js';
export { TemplateSyntaxError, TemplateDoesNotExist, VariableDoesNotExist, TemplateRuntimeError, type SourcePosition } from './errors.js';
export { SafeString, markSafe, isSafe, escapeHtml } from './safe.js';
export { Decimal, PyDate } from './values.js';
export { Scope } from './scope.js';
export { ALTERS_DATA, markAltersData, classAltersData, flaggedAltersData, type MarkableClass } from './alters-data.js';
export type { FilterSpec, FilterFn, FilterOptions } from './filters/types.js';
export type { CustomTagSpec, TagFunction, TagCallContext } from './tags/custom.js';
export {
  extractTemplateVariables,
  flattenTemplate,
  flattenedSourceHash,
  type TemplatePaths,
  type TemplatePathsWithLocations,
  type VariablePath,
  type PathLocation,
} from './variables.js';
// Trees, diffs and merging are defined once, in @djust/protocol (the browser client bundles them from there).
export {
  joinTree,
  isComprehension,
  diffTrees,
  applyDiff,
  DiffError,
  type Tree,
  type Comprehension,
  type Dynamic,
  type TreeDiff,
  type TreePatch,
  type ComprehensionPatch,
  type RowDiff,
  type SlotDiff,
} from '@djust/protocol/tree';
export { closest } from './suggest.js';
