/**
 * Phase 2: walk a variable's template paths over MikroORM metadata. To-one chains are joined,
 * each to-many path costs one extra query (the 'balanced' strategy), and only the columns the
 * template reads are selected. Methods and getters load what they declare (declareReads), or
 * every scalar of their entity. Unknown segments become issues naming the nearest real member.
 */
import type { EntityMetadata } from '@mikro-orm/core';
import { defaultScalars, memberNames, resolveMember, type Member, type ScalarConversion } from './members.js';
import { readsOf } from './reads.js';
import { altersDataOf } from './alters.js';
import { closest } from '@djust/templates';

/** What one output key of a serialized object holds. */
export type FieldPlan =
  | { key: string; kind: 'scalar'; prop: string; convert: ScalarConversion; /** Held in a ScalarReference (lazy columns). */ ref: boolean }
  | { key: string; kind: 'toOne'; prop: string; ref: boolean; child: NodePlan }
  | { key: string; kind: 'toMany'; prop: string; child: NodePlan; /** Read like a Django manager (`.count`, `.first`...). */ queryset: boolean }
  | { key: string; kind: 'embedded'; prop: string }
  | { key: string; kind: 'getter' | 'method'; member: string };

type ToManyField = Extract<FieldPlan, { kind: 'toMany' }>;

/** The serialized shape of one entity along the paths. */
export interface NodePlan {
  entity: string;
  /** Primary key property names: always copied, so rows keep their identity. */
  keys: string[];
  fields: FieldPlan[];
  /** Printed whole somewhere (`{{ lease.tenant }}`): carry the entity's own toString. */
  printed: boolean;
}

export interface PlanIssue {
  /** The template path as written, e.g. `lease.tenant.usr.email`. */
  path: string;
  message: string;
  suggestion?: string;
  template?: string;
  line?: number;
}

export interface Plan {
  entity: string;
  root: NodePlan;
  /** Relation paths to load (MikroORM populate hints). */
  populate: string[];
  /** Columns to select, as MikroORM partial-loading paths. */
  fields: string[];
  issues: PlanIssue[];
  /** A list value whose own paths use QuerySet members (`.count`, `.first`...): serialized as a PlainQuerySet. */
  queryset: boolean;
}

export interface PlanOptions {
  /** The value is a list (a query's rows, an entity array, a Collection), not one entity. */
  many?: boolean;
}

/** Members of Django's managers and QuerySets that templates read, and what each gives. */
const QUERYSET_MEMBERS: Record<string, 'list' | 'row' | 'none'> = { all: 'list', first: 'row', last: 'row', count: 'none', exists: 'none' };
const INDEX = /^-?\d+$/;

/** The idiom a segment read on a list names, if any. */
function listIdiom(segment: string): 'list' | 'row' | 'none' | undefined {
  return Object.prototype.hasOwnProperty.call(QUERYSET_MEMBERS, segment) ? QUERYSET_MEMBERS[segment] : undefined;
}

/**
 * What a path read on a list reads on each of its rows: an index, `.first` or `.last` picks a
 * row, `.all` is the list again; `.count` and `.exists` read nothing of the rows (undefined).
 */
export function rowPath(segments: string[]): string[] | undefined {
  const [segment, ...rest] = segments;
  if (segment === undefined) return segments;
  if (INDEX.test(segment)) return rest;
  const idiom = listIdiom(segment);
  if (idiom === 'list') return rowPath(rest);
  if (idiom === 'row') return rest;
  return idiom === 'none' ? undefined : segments;
}

export interface PathInput {
  path: string;
  template?: string;
  line?: number;
}

class Planner {
  readonly populate = new Set<string>();
  readonly fields = new Set<string>();
  readonly issues: PlanIssue[] = [];
  private readonly nodes = new Map<string, NodePlan>();
  queryset = false;

  constructor(private readonly variable: string) {}

  node(meta: EntityMetadata, prefix: string): NodePlan {
    let n = this.nodes.get(prefix);
    if (!n) {
      n = { entity: meta.className, keys: [...meta.primaryKeys], fields: [], printed: false };
      this.nodes.set(prefix, n);
    }
    return n;
  }

  private field<F extends FieldPlan>(node: NodePlan, field: F): F {
    const existing = node.fields.find((f) => f.key === field.key);
    if (existing) return existing as F;
    node.fields.push(field);
    return field;
  }

  private select(prefix: string, prop: string): void {
    this.fields.add(prefix ? `${prefix}.${prop}` : prop);
  }

  /** Loads what a method or getter needs: its declared paths, or every scalar of its entity. */
  private memberReads(meta: EntityMetadata, prefix: string, member: string, input: PathInput): void {
    const declared = readsOf(meta.class, member);
    if (declared) {
      for (const p of declared) this.walk(meta, prefix, p.split('.'), input, false);
      return;
    }
    for (const p of defaultScalars(meta)) this.select(prefix, p.name);
  }

  /** Plans one path (segments) from `meta` at `prefix`. `emit` says whether output keys are made. */
  walk(meta: EntityMetadata, prefix: string, segments: string[], input: PathInput, emit = true): void {
    const node = this.node(meta, prefix);
    if (!segments.length) {
      // The entity itself is read (printed, tested, counted): its own toString may need any scalar.
      if (emit && hasOwnToString(meta)) {
        node.printed = true;
        this.memberReads(meta, prefix, 'toString', input);
      }
      return;
    }
    const [segment, ...rest] = segments;
    const member = resolveMember(meta, segment);
    if (!member) {
      this.unknown(meta, segment, input);
      return;
    }
    this.member(meta, prefix, node, segment, member, rest, input, emit);
  }

  /**
   * Plans a path that starts at a list of `meta` entities (a to-many relation, or the value
   * itself): a numeric index, `.first` or `.last` picks a row, `.all` is the list again,
   * `.count` and `.exists` read no column; any other segment is read on every row (a loop
   * variable). A segment that is both (an entity member named `count`) is planned both ways.
   */
  walkMany(meta: EntityMetadata, prefix: string, segments: string[], input: PathInput, emit: boolean, markQuerySet: () => void): void {
    const [segment, ...rest] = segments;
    if (segment === undefined || INDEX.test(segment)) {
      this.walk(meta, prefix, rest, input, emit);
      return;
    }
    const idiom = listIdiom(segment);
    if (!idiom) {
      this.walk(meta, prefix, segments, input, emit);
      return;
    }
    if (emit) markQuerySet();
    if (idiom === 'list') this.walkMany(meta, prefix, rest, input, emit, markQuerySet);
    else if (idiom === 'row') this.walk(meta, prefix, rest, input, emit);
    if (resolveMember(meta, segment)) this.walk(meta, prefix, segments, input, emit);
  }

  private member(meta: EntityMetadata, prefix: string, node: NodePlan, key: string, m: Member, rest: string[], input: PathInput, emit: boolean): void {
    const path = prefix ? `${prefix}.${m.name}` : m.name;
    // Hidden properties never reach a template; only a method's declared reads may load one.
    if ('prop' in m && m.prop.hidden && emit) {
      this.issue(input, `${meta.className}'s '${m.name}' is hidden: it is never loaded or sent to templates`);
      return;
    }
    switch (m.kind) {
      case 'scalar':
        this.select(prefix, m.name);
        // A lazy column is not in the entity the view loaded: populate loads it when read.
        if (m.prop.lazy) this.populate.add(path);
        // Further segments (`end_date.year`) are read by the renderer from the value itself.
        if (emit) this.field(node, { key, kind: 'scalar', prop: m.name, convert: m.convert, ref: !!m.prop.ref });
        return;
      case 'embedded':
        this.select(prefix, m.name);
        if (emit) this.field(node, { key, kind: 'embedded', prop: m.name });
        return;
      case 'getter':
      case 'method':
        // Django's alters_data: a method that changes data is never called; the template reads nothing.
        if (m.kind === 'method' && altersDataOf(meta.class, m.name)) return;
        this.memberReads(meta, prefix, m.name, input);
        if (emit) this.field(node, { key, kind: m.kind, member: m.name });
        return;
      case 'toOne': {
        this.populate.add(path);
        const child = this.node(m.target, path);
        if (emit) this.field(node, { key, kind: 'toOne', prop: m.name, ref: !!m.prop.ref, child });
        // A relation read as a whole still needs its key selected.
        if (!rest.length) this.select(path, m.target.primaryKeys[0]);
        this.walk(m.target, path, rest, input, emit);
        return;
      }
      case 'toMany': {
        this.populate.add(path);
        const child = this.node(m.target, path);
        const field = emit ? this.field<ToManyField>(node, { key, kind: 'toMany', prop: m.name, child, queryset: false }) : undefined;
        // Rows are counted and identified by their keys, whatever else is read.
        this.select(path, m.target.primaryKeys[0]);
        this.walkMany(m.target, path, rest, input, emit, () => {
          if (field) field.queryset = true;
        });
        return;
      }
    }
  }

  private unknown(meta: EntityMetadata, segment: string, input: PathInput): void {
    const suggestion = closest(segment, memberNames(meta));
    this.issue(input, `${meta.className} has no '${segment}'` + (suggestion ? ` — did you mean '${suggestion}'?` : ''), suggestion);
  }

  private issue(input: PathInput, message: string, suggestion?: string): void {
    this.issues.push({ path: `${this.variable}.${input.path}`, message, suggestion, template: input.template, line: input.line });
  }
}

function hasOwnToString(meta: EntityMetadata): boolean {
  let proto: object | null = (meta.class as { prototype?: object } | undefined)?.prototype ?? null;
  while (proto && proto !== Object.prototype) {
    if (Object.prototype.hasOwnProperty.call(proto, 'toString')) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}

/** Plans the given template paths of one variable whose values are `meta` entities. */
export function planPaths(meta: EntityMetadata, variable: string, paths: PathInput[], options: PlanOptions = {}): Plan {
  const planner = new Planner(variable);
  const root = planner.node(meta, '');
  if (!paths.length) planner.walk(meta, '', [], { path: '' });
  for (const p of paths) {
    const segments = p.path ? p.path.split('.') : [];
    if (options.many) planner.walkMany(meta, '', segments, p, true, () => (planner.queryset = true));
    else planner.walk(meta, '', segments, p);
  }
  for (const k of meta.primaryKeys) planner.fields.add(k);
  return {
    entity: meta.className,
    root,
    populate: [...planner.populate].sort(),
    fields: [...planner.fields].sort(),
    issues: planner.issues,
    queryset: planner.queryset,
  };
}
