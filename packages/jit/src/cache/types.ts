/** What the JIT caches per (template, variable, entity): the plan's query hints and the generated source. */
import type { PlanIssue } from '../plan.js';

export interface Artifact {
  entity: string;
  populate: string[];
  fields: string[];
  source: string;
  issues: PlanIssue[];
  /** The list value is read like a QuerySet: its serialized rows are wrapped in a PlainQuerySet. */
  queryset?: boolean;
}

/** A cache backend. Lookups may be synchronous (memory) or not (files, Redis). */
export interface JitCache {
  readonly name: string;
  get(key: string): Artifact | undefined | Promise<Artifact | undefined>;
  set(key: string, artifact: Artifact): void | Promise<void>;
}
