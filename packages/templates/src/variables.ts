/**
 * extractTemplateVariables: for each root context variable, the dotted paths the template
 * reads from it, with loop variables, `with` aliases and `regroup` results mapped back to
 * their source, across `{% include %}` (literal names) and `{% extends %}` (flattened: the
 * most derived block bodies, plus parents reached through `block.super`).
 */
import type { FilterExpr, Node, Operand } from './nodes.js';
import { children, collectBlocks, expressions, walk } from './nodes.js';
import { createHash } from 'node:crypto';
import { SafeString } from './safe.js';
import { ScopeChain } from './scope-chain.js';
import type { Engine, Template } from './engine.js';

export interface PathLocation {
  template: string;
  line: number;
  column: number;
}

export interface VariablePath {
  path: string;
  locations: PathLocation[];
}

type Alias =
  | { kind: 'path'; root: string; prefix: string[] }
  | { kind: 'regroup'; root: string; prefix: string[]; by: string[] }
  | { kind: 'opaque' };

/** What each template-defined name stands for. */
class AliasScope extends ScopeChain<Alias> {
  get(name: string): Alias | undefined {
    return this.find(name);
  }
}

type Resolved = { root: string; path: string[] } | null;

class Extractor {
  readonly reads = new Map<string, Map<string, PathLocation[]>>();
  /** Every template reached (includes and extends with literal names), in first-seen order. */
  readonly visited = new Set<Template>();
  private readonly includeStack: string[] = [];

  constructor(private readonly engine: Engine) {}

  private add(r: Resolved, loc: PathLocation): void {
    if (!r || r.root === 'forloop') return;
    let paths = this.reads.get(r.root);
    if (!paths) {
      paths = new Map();
      this.reads.set(r.root, paths);
    }
    if (!r.path.length) return;
    const key = r.path.join('.');
    const locs = paths.get(key) ?? [];
    if (!locs.some((l) => l.template === loc.template && l.line === loc.line && l.column === loc.column)) locs.push(loc);
    paths.set(key, locs);
  }

  resolve(path: string[], scope: AliasScope): Resolved {
    const [first, ...rest] = path;
    if (first === '' || first === undefined) return null;
    const alias = scope.get(first);
    if (!alias) return { root: first, path: rest };
    if (alias.kind === 'opaque') return null;
    if (alias.kind === 'path') return { root: alias.root, path: [...alias.prefix, ...rest] };
    // A regroup result: `.grouper` is the key path of the items, `.list` the items themselves.
    const [field, ...more] = rest;
    if (field === 'grouper' || field === '0') return { root: alias.root, path: [...alias.prefix, ...alias.by, ...more] };
    if (field === 'list' || field === '1') return { root: alias.root, path: [...alias.prefix, ...more] };
    return null;
  }

  private operand(op: Operand | null | undefined, scope: AliasScope, loc: PathLocation): Resolved {
    if (!op || op.kind !== 'lookup') return null;
    const r = this.resolve(op.path, scope);
    this.add(r, loc);
    return r;
  }

  /** Records every lookup of an expression; returns what its base resolves to. */
  expr(e: FilterExpr, scope: AliasScope, template: string): Resolved {
    const loc = { template, line: e.pos.line, column: e.pos.column };
    const base = this.operand(e.base, scope, loc);
    for (const f of e.filters) this.operand(f.arg, scope, loc);
    return base;
  }

  private aliasOf(r: Resolved): Alias {
    return r ? { kind: 'path', root: r.root, prefix: r.path } : { kind: 'opaque' };
  }

  nodes(nodes: Node[], scope: AliasScope, tpl: Template, blocks: BlockChain): void {
    for (const n of nodes) this.node(n, scope, tpl, blocks);
  }

  private node(n: Node, scope: AliasScope, tpl: Template, blocks: BlockChain): void {
    switch (n.kind) {
      case 'regroup':
        this.regroup(n, scope, tpl.name);
        return;
      case 'include':
        this.include(n, scope, tpl);
        return;
      case 'extends':
        this.extends(n, scope, tpl);
        return;
      case 'block':
        this.block(n.name, n.body, scope, tpl, blocks);
        return;
      default:
        break;
    }
    const inner = this.frame(n, scope, tpl.name);
    if ('asName' in n && n.asName) scope.set(n.asName, { kind: 'opaque' });
    for (const c of children(n)) this.nodes(c.nodes, c.frame === 'new' ? inner : scope, tpl, blocks);
  }

  /** Records a node's expressions; returns the scope its own-frame bodies see (loop variables, with-aliases). */
  private frame(n: Node, scope: AliasScope, template: string): AliasScope {
    const inner = new AliasScope(scope);
    switch (n.kind) {
      case 'for': {
        const iter = this.expr(n.iter, scope, template);
        // Looping over a regroup result: each item is a (grouper, list) pair of the target.
        const base = n.iter.base;
        const grouped = base?.kind === 'lookup' && base.path.length === 1 ? scope.get(base.path[0]) : undefined;
        // A single loop variable stands for the items; unpacked tuples cannot be traced.
        const itemAlias = grouped?.kind === 'regroup' ? grouped : this.aliasOf(iter);
        for (const t of n.targets) inner.set(t, n.targets.length === 1 ? itemAlias : { kind: 'opaque' });
        inner.set('forloop', { kind: 'opaque' });
        break;
      }
      case 'with':
        for (const b of n.bindings) inner.set(b.name, this.aliasOf(this.expr(b.expr, scope, template)));
        break;
      default:
        for (const e of expressions(n)) this.expr(e, scope, template);
    }
    return inner;
  }

  private regroup(n: Extract<Node, { kind: 'regroup' }>, scope: AliasScope, template: string): void {
    const target = this.expr(n.target, scope, template);
    // `by` is compiled as `<as>.<key>`; bind the as-name to the items to trace the key.
    const itemScope = new AliasScope(scope);
    itemScope.set(n.asName, this.aliasOf(target));
    const key = this.expr(n.by, itemScope, template);
    scope.set(
      n.asName,
      target && key ? { kind: 'regroup', root: target.root, prefix: target.path, by: key.path.slice(target.path.length) } : { kind: 'opaque' },
    );
  }

  private block(blockName: string, own: Node[], scope: AliasScope, tpl: Template, blocks: BlockChain): void {
    const chain = blocks.get(blockName) ?? [{ body: own, tpl }];
    const inner = new AliasScope(scope);
    inner.set('block', { kind: 'opaque' });
    // The most derived body runs; each `block.super` reaches one further up.
    for (let i = 0; i < chain.length; i++) {
      const { body, tpl: owner } = chain[i];
      this.nodes(body, inner, owner, blocks);
      if (!usesSuper(body)) break;
    }
  }

  private literalName(e: FilterExpr): string | undefined {
    if (e.filters.length || !e.base || e.base.kind !== 'literal') return undefined;
    return e.base.value instanceof SafeString ? e.base.value.value : typeof e.base.value === 'string' ? e.base.value : undefined;
  }

  private load(e: FilterExpr): Template | undefined {
    const name = this.literalName(e);
    if (name === undefined || this.includeStack.includes(name)) return undefined;
    try {
      return this.engine.getTemplate(name);
    } catch {
      return undefined;
    }
  }

  private include(n: Extract<Node, { kind: 'include' }>, scope: AliasScope, tpl: Template): void {
    this.expr(n.template, scope, tpl.name);
    const inner = new AliasScope(n.only ? null : scope);
    for (const b of n.bindings) inner.set(b.name, this.aliasOf(this.expr(b.expr, scope, tpl.name)));
    const child = this.load(n.template);
    if (!child) return;
    this.includeStack.push(child.name);
    this.template(child, n.only ? new OnlyScope(inner) : inner);
    this.includeStack.pop();
  }

  private extends(n: Extract<Node, { kind: 'extends' }>, scope: AliasScope, tpl: Template): void {
    this.expr(n.parent, scope, tpl.name);
    // Walk up the chain, most derived first; then render the root's nodes.
    const chain: Template[] = [tpl];
    let parentExpr: FilterExpr | undefined = n.parent;
    while (parentExpr) {
      const parent = this.load(parentExpr);
      if (!parent || chain.includes(parent)) break;
      chain.push(parent);
      const ext = parent.nodes.find((x) => x.kind === 'extends');
      parentExpr = ext && ext.kind === 'extends' ? ext.parent : undefined;
      if (ext && ext.kind === 'extends') this.expr(ext.parent, scope, parent.name);
    }
    const blocks: BlockChain = new Map();
    for (const t of chain) {
      for (const b of collectBlocks(t.nodes)) {
        const list = blocks.get(b.name) ?? [];
        list.push({ body: b.body, tpl: t });
        blocks.set(b.name, list);
      }
    }
    for (const t of chain) this.visited.add(t);
    const root = chain[chain.length - 1];
    if (root === tpl) return;
    this.includeStack.push(...chain.map((t) => t.name));
    this.nodes(root.nodes, scope, root, blocks);
    this.includeStack.splice(this.includeStack.length - chain.length);
  }

  template(tpl: Template, scope: AliasScope): void {
    this.visited.add(tpl);
    this.nodes(tpl.nodes, scope, tpl, new Map());
  }
}

/** An include with `only`: names not passed in resolve to nothing. */
class OnlyScope extends AliasScope {
  constructor(private readonly inner: AliasScope) {
    super(null);
  }
  override find(name: string): Alias | undefined {
    return this.inner.find(name) ?? { kind: 'opaque' };
  }
  override set(name: string, a: Alias): void {
    this.inner.set(name, a);
  }
}

type BlockChain = Map<string, { body: Node[]; tpl: Template }[]>;

const readsSuper = (o: Operand | null | undefined): boolean => !!o && o.kind === 'lookup' && o.path[0] === 'block' && o.path[1] === 'super';

/** Whether a block body reads `block.super` anywhere but inside a nested block (whose super is its own). */
function usesSuper(nodes: Node[]): boolean {
  let found = false;
  walk(
    nodes,
    (n) => {
      for (const e of expressions(n)) if (readsSuper(e.base) || e.filters.some((f) => readsSuper(f.arg))) found = true;
    },
    (n) => !found && n.kind !== 'block',
  );
  return found;
}

export type TemplatePaths = Record<string, string[]>;
export type TemplatePathsWithLocations = Record<string, VariablePath[]>;

/**
 * The dotted paths read from each root variable, sorted and de-duplicated. With
 * `{ locations: true }` each path comes with every place (template, line, column) it is read.
 */
export function extractTemplateVariables(template: Template): TemplatePaths;
export function extractTemplateVariables(template: Template, options: { locations: true }): TemplatePathsWithLocations;
export function extractTemplateVariables(template: Template, options?: { locations?: boolean }): TemplatePaths | TemplatePathsWithLocations {
  const x = new Extractor(template.engine);
  x.template(template, new AliasScope(null));
  const roots = [...x.reads.keys()].filter((r) => !['True', 'False', 'None'].includes(r)).sort();
  if (options?.locations) {
    const out: TemplatePathsWithLocations = {};
    for (const r of roots) {
      out[r] = [...x.reads.get(r)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, locations]) => ({ path, locations }));
    }
    return out;
  }
  const out: TemplatePaths = {};
  for (const r of roots) out[r] = [...x.reads.get(r)!.keys()].sort();
  return out;
}


/**
 * The template and every template it reaches through literal `{% include %}` and
 * `{% extends %}` names: what its output depends on (a cache key for anything derived from it).
 */
export function flattenTemplate(template: Template): Template[] {
  const x = new Extractor(template.engine);
  x.template(template, new AliasScope(null));
  return [...x.visited];
}

const flatHashes = new WeakMap<Template, string>();

/**
 * SHA-256 (hex) of the flattened source: the template and every template it reaches through
 * literal `{% include %}` and `{% extends %}` names, each by its own content hash. A key for
 * anything derived from what the template reads (the JIT's plans and serializers). Under
 * `debug` it is computed afresh on every call, reading the reached files again, so it changes
 * as soon as an included or extended file does; otherwise it is computed once per template.
 */
export function flattenedSourceHash(template: Template): string {
  const known = template.engine.debug ? undefined : flatHashes.get(template);
  if (known) return known;
  const hash = createHash('sha256');
  for (const t of flattenTemplate(template)) hash.update(t.hash).update('\0');
  const hex = hash.digest('hex');
  if (!template.engine.debug) flatHashes.set(template, hex);
  return hex;
}
