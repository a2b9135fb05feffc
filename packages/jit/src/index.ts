/** @djust/jit: JIT auto-serialization of MikroORM entities for Django-language templates. */
export { Jit, type JitOptions } from './jit.js';
export type { Shape } from './planned.js';
export type { CacheOutcome, VariableReport, JitReportSink, SerializeOptions } from './report.js';
export { PlainQuerySet } from './queryset.js';
export { query, LazyQuery, isLazyQuery, type QuerySpec } from './query.js';
export { declareReads } from './reads.js';
// Marks entity methods that change data; the planner and the engine read the same registry.
export { markAltersData as altersData } from '@djust/templates';
export { planPaths, type Plan, type PlanOptions, type PlanIssue, type NodePlan, type FieldPlan, type PathInput } from './plan.js';
export { generateSource, compileSerializer, type Serializer } from './generate.js';
export { encodeValue } from './encode.js';
export { cacheKey, templateFingerprint, metadataFingerprint } from './fingerprint.js';
export { MemoryCache } from './cache/memory.js';
export { FileCache } from './cache/files.js';
export { RedisCache, type RedisCacheOptions } from './cache/redis.js';
export { TieredCache, warnCacheFailure, type Lookup, type CacheFailure, type TieredCacheOptions } from './cache/tiered.js';
export type { Artifact, JitCache } from './cache/types.js';
export { checkTemplates, entityForName, formatFinding, type CheckOptions, type CheckResult, type CheckFinding } from './check.js';
