/**
 * Phase 5: given a view's context values and its template, serialize every lazy query,
 * entity, array of entities, Collection and Reference (at the top level or nested in plain
 * data) through a plan and a generated serializer for exactly the paths the template reads;
 * everything else goes through the default encoder. One Jit per app; call `serializeContext`
 * on each render with a fresh fork.
 */
import type { EntityManager, EntityMetadata, MikroORM } from '@mikro-orm/core';
import type { Template } from '@djust/templates';
import { planPaths, type PathInput, type PlanIssue } from './plan.js';
import { extractPaths } from './paths.js';
import { compileSerializer, generateSource, type Serializer } from './generate.js';
import { artifactKey, templateFingerprint } from './fingerprint.js';
import { TieredCache } from './cache/tiered.js';
import type { Artifact } from './cache/types.js';
import { encodeInto, setField, type Position } from './encode.js';
import { siteAt, type Site } from './sites.js';
import { classify, describePlanned, type Planned, type Shape } from './planned.js';
import { loadCollections, loadEntities, loadPlanned } from './load.js';
import { rowList } from './queryset.js';
import type { CacheOutcome, JitReportSink, SerializeOptions } from './report.js';

export interface JitOptions {
  orm: MikroORM;
  cache?: TieredCache;
  /** Log each step as `[djust:jit] ...` (default: DJUST_JIT_DEBUG=1). */
  debug?: boolean;
  log?: (line: string) => void;
  /** Called once per cache key for each path that matches no member (development warnings). */
  onIssue?: (issue: PlanIssue) => void;
}

/** What the Jit derives from one version of a template (its flattened source). */
interface TemplateMemo {
  fingerprint: string;
  paths: Map<string, PathInput[]>;
  /** Cache keys by `variable \0 entity`. */
  keys: Map<string, string>;
}

/**
 * Values found at one site that load together: entities and entity lists (populated at once),
 * or Collections of one property (populated through all their owners at once).
 */
interface Batch {
  site: Site;
  meta: EntityMetadata;
  shape: Shape;
  parts: { value: Extract<Planned, { kind: 'one' | 'many' | 'collection' }>; put: (v: unknown) => void }[];
}

interface Compiled {
  artifact: Artifact;
  serialize: Serializer;
}

/** A serializer, and where it came from (for the report). */
interface Found {
  compiled: Compiled;
  outcome: CacheOutcome;
}

const ms = (t0: number): string => (performance.now() - t0).toFixed(2);

export class Jit {
  readonly orm: MikroORM;
  readonly cache: TieredCache;
  private readonly debug: boolean;
  private readonly log: (line: string) => void;
  private readonly onIssue: (issue: PlanIssue) => void;
  private readonly compiled = new Map<string, Compiled>();
  private readonly compiling = new Map<string, Promise<Found>>();
  private readonly memos = new WeakMap<Template, TemplateMemo>();

  constructor(options: JitOptions) {
    this.orm = options.orm;
    this.cache = options.cache ?? new TieredCache();
    this.debug = options.debug ?? process.env.DJUST_JIT_DEBUG === '1';
    this.log = options.log ?? ((line) => console.log(line));
    this.onIssue =
      options.onIssue ??
      ((i) => console.warn(`[djust:jit] ${i.template ?? '?'}${i.line ? `:${i.line}` : ''}: ${i.path}: ${i.message}`));
  }

  /** Debug lines are built only when someone reads them: this runs on every render. */
  private trace(text: () => string): void {
    if (this.debug) this.log(`[djust:jit] ${text()}`);
  }

  /**
   * What the Jit remembers of a template. Under an engine that reloads edited files (debug),
   * the memo is checked against the flattened source on each use: editing an included or
   * extended template changes it although the including template object stays the same.
   */
  private memoFor(template: Template): TemplateMemo {
    const known = this.memos.get(template);
    if (known && !template.engine.debug) return known;
    const fingerprint = templateFingerprint(template);
    if (known?.fingerprint === fingerprint) return known;
    const memo: TemplateMemo = { fingerprint, paths: extractPaths(template), keys: new Map() };
    this.memos.set(template, memo);
    return memo;
  }

  /** Phase 1: the paths each variable is read through. */
  variablePaths(template: Template): Map<string, PathInput[]> {
    return this.memoFor(template).paths;
  }

  private keyFor(memo: TemplateMemo, variable: string, meta: EntityMetadata, shape: Shape): string {
    const id = `${variable}\0${meta.className}\0${shape}`;
    let key = memo.keys.get(id);
    if (!key) {
      key = artifactKey(memo.fingerprint, variable, meta, shape);
      memo.keys.set(id, key);
    }
    return key;
  }

  /**
   * Phases 2-4: the plan and serializer for one variable, from the caches or made now.
   * Concurrent first renders of the same key share one compile.
   */
  async serializerFor(template: Template, variable: string, meta: EntityMetadata, shape: Shape = 'one'): Promise<Compiled> {
    const memo = this.memoFor(template);
    return (await this.compiledFor(memo, siteAt(memo.paths, [variable]), meta, shape)).compiled;
  }

  private async compiledFor(memo: TemplateMemo, site: Site, meta: EntityMetadata, shape: Shape): Promise<Found> {
    const key = this.keyFor(memo, site.keyVariable, meta, shape);
    const ready = this.compiled.get(key);
    if (ready) {
      this.trace(() => `Cache: HIT (${key.slice(0, 16)})`);
      return { compiled: ready, outcome: { cache: 'hit', from: 'compiled' } };
    }
    const waiting = this.compiling.get(key);
    if (waiting) {
      this.trace(() => `Cache: WAIT (${key.slice(0, 16)})`);
      return { compiled: (await waiting).compiled, outcome: { cache: 'shared' } };
    }
    const pending = this.compile(key, site, meta, shape).finally(() => this.compiling.delete(key));
    this.compiling.set(key, pending);
    return pending;
  }

  private async compile(key: string, site: Site, meta: EntityMetadata, shape: Shape): Promise<Found> {
    const found = await this.cache.get(key);
    let artifact = found.artifact;
    let outcome: CacheOutcome = { cache: 'miss' };
    if (artifact) {
      this.trace(() => `Cache: HIT ${found.from} (${key.slice(0, 16)})`);
      outcome = { cache: 'hit', from: found.from ?? 'cache' };
    } else {
      this.trace(() => `Cache: MISS (${key.slice(0, 16)})`);
      const t0 = performance.now();
      const plan = planPaths(meta, site.label, site.paths, { many: shape === 'many' });
      artifact = {
        entity: meta.className,
        populate: plan.populate,
        fields: plan.fields,
        source: generateSource(plan.root),
        issues: plan.issues,
        queryset: plan.queryset,
      };
      this.trace(() => `Generated serializer (${ms(t0)} ms)`);
      for (const issue of plan.issues) this.onIssue(issue);
      await this.cache.set(key, artifact);
    }
    const compiled = { artifact, serialize: compileSerializer(artifact.source) };
    this.compiled.set(key, compiled);
    return { compiled, outcome };
  }

  /**
   * Phases 2-4 for one site: its serializer, traced; and the report of it, handed to `sink`
   * once the rows are known (the returned function takes their number).
   */
  private async prepare(site: Site, meta: EntityMetadata, shape: Shape, memo: TemplateMemo, sink?: JitReportSink): Promise<{ compiled: Compiled; done: (rows: number) => void }> {
    this.trace(() => `Variable: ${site.label} (${meta.className})`);
    this.trace(() => `Extracted paths: ${JSON.stringify(site.paths.map((p) => p.path))}`);
    const { compiled, outcome } = await this.compiledFor(memo, site, meta, shape);
    const { artifact } = compiled;
    this.trace(() => `Optimization: populate ${JSON.stringify(artifact.populate)} fields ${JSON.stringify(artifact.fields)}`);
    const done = sink
      ? (rows: number) =>
          sink({ ...outcome, variable: site.label, entity: meta.className, shape, paths: site.paths.map((p) => p.path), populate: [...artifact.populate], fields: [...artifact.fields], rows })
      : () => undefined;
    return { compiled, done };
  }

  /** Serializes loaded rows: a list (a PlainQuerySet where the template reads it like one), or one row. */
  private serializeRows(rows: object[] | object | null, { artifact, serialize }: Compiled, asQuerySet = !!artifact.queryset): unknown {
    const t0 = performance.now();
    const out = Array.isArray(rows) ? rowList(rows.map(serialize), asQuerySet) : serialize(rows);
    this.trace(() => `Serialized ${Array.isArray(rows) ? rows.length : rows ? 1 : 0} objects (${ms(t0)} ms)`);
    return out;
  }

  /** Loads what the plan needs and serializes one planned value. */
  private async run(site: Site, value: Planned, memo: TemplateMemo, em: EntityManager, sink?: JitReportSink): Promise<unknown> {
    const { meta, shape } = describePlanned(value, this.orm.getMetadata());
    const { compiled, done } = await this.prepare(site, meta, shape, memo, sink);
    const rows = await loadPlanned(em, value, compiled.artifact);
    done(Array.isArray(rows) ? rows.length : rows ? 1 : 0);
    return this.serializeRows(rows, compiled);
  }

  /** Loads a batch's rows at once, serializes them in one pass and hands each part its share. */
  private async runBatch(batch: Batch, memo: TemplateMemo, em: EntityManager, sink?: JitReportSink): Promise<void> {
    const { compiled, done } = await this.prepare(batch.site, batch.meta, batch.shape, memo, sink);
    const { parts } = batch;
    const lists =
      parts[0].value.kind === 'collection'
        ? await loadCollections(em, parts.map((p) => (p.value as Extract<Planned, { kind: 'collection' }>).coll), compiled.artifact)
        : await this.loadEntityParts(em, parts.map((p) => p.value as Extract<Planned, { kind: 'one' | 'many' }>), compiled.artifact);
    const flat = lists.flat();
    done(flat.length);
    const rows = this.serializeRows(flat, compiled, false) as unknown[];
    let at = 0;
    parts.forEach((part, i) => {
      const mine = rows.slice(at, (at += lists[i].length));
      if (part.value.kind === 'one') part.put(mine[0] ?? null);
      else part.put(rowList(mine, compiled.artifact.queryset));
    });
  }

  /** Every entity of the parts, populated together; each part's rows, in order. */
  private async loadEntityParts(em: EntityManager, parts: Extract<Planned, { kind: 'one' | 'many' }>[], artifact: Artifact): Promise<object[][]> {
    const lists = parts.map((p) => (p.kind === 'one' ? [p.entity] : p.entities));
    const managed = await loadEntities(em, lists.flat(), artifact);
    let at = 0;
    return lists.map((l) => managed.slice(at, (at += l.length)));
  }

  /**
   * Serializes a whole context for `template`. Every query, entity, entity list, Collection
   * and Reference is planned by the paths that reach it, at the top level or nested in plain
   * objects, arrays and Maps; the rest goes through the default encoder. Independent values
   * load concurrently. `options.report` receives what was planned for each value (development tools).
   */
  async serializeContext(values: Record<string, unknown>, template: Template, em: EntityManager, options: SerializeOptions = {}): Promise<Record<string, unknown>> {
    const sink = options.report;
    this.trace(() => `Template: ${template.name}`);
    const memo = this.memoFor(template);
    const out: Record<string, unknown> = {};
    const found: { value: Planned; at: Position; put: (v: unknown) => void }[] = [];
    const claim = (v: object, at: Position, put: (e: unknown) => void): boolean => {
      const value = classify(v);
      if (value) found.push({ value, at, put });
      return !!value;
    };
    for (const [name, v] of Object.entries(values)) {
      setField(out, name, null); // the caller's key order, whenever the value arrives
      encodeInto(v, [name], { claim }, (e) => setField(out, name, e));
    }
    const pending: Promise<void>[] = [];
    const batches = new Map<string, Batch>();
    for (const { value, at, put } of found) {
      const site = siteAt(memo.paths, at);
      if (value.kind === 'query' || value.kind === 'ref') {
        pending.push(this.run(site, value, memo, em, sink).then(put));
        continue;
      }
      const { meta, shape } = describePlanned(value, this.orm.getMetadata());
      const source = value.kind === 'collection' ? `${value.coll.owner.constructor.name}.${value.coll.property.name}` : 'entities';
      const id = `${site.keyVariable}\0${meta.className}\0${shape}\0${source}`;
      const batch = batches.get(id) ?? { site, meta, shape, parts: [] };
      batch.parts.push({ value, put });
      batches.set(id, batch);
    }
    for (const batch of batches.values()) pending.push(this.runBatch(batch, memo, em, sink));
    await Promise.all(pending);
    return out;
  }
}
