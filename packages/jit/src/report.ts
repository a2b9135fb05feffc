/**
 * What a render's serialization did, for development tools (a debug panel): per planned value,
 * the entity, the paths the template reads, the populate hints and fields chosen, whether the
 * serializer came from a cache, and how many rows it serialized. Given only when asked for: a
 * call without a sink builds none of it.
 */
import type { Shape } from './planned.js';

/**
 * Where the serializer came from: `hit` (already compiled in this process, or found in a cache
 * backend, named by `from`), `miss` (planned and generated now), `shared` (another render was
 * making the same one; this render waited for it).
 */
export type CacheOutcome = { cache: 'hit'; from: string } | { cache: 'miss' } | { cache: 'shared' };

export type VariableReport = CacheOutcome & {
  /** The value's place as the template names it (`expiring_soon`, `shop.featured`). */
  variable: string;
  entity: string;
  shape: Shape;
  /** The template paths read from the value. */
  paths: string[];
  populate: string[];
  fields: string[];
  /** Rows serialized (a single entity counts 1, a missing one 0). */
  rows: number;
};

/** Receives one report per planned value, once its rows are serialized. */
export type JitReportSink = (report: VariableReport) => void;

export interface SerializeOptions {
  /** Development reporting; nothing is reported (or built) without it. */
  report?: JitReportSink;
}
