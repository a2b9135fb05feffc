/**
 * The public entry point: an Engine knows where templates come from (folders and/or an
 * in-memory map), which filters, tags and libraries exist, and caches compiled templates by
 * name and source hash.
 */
import { createHash } from 'node:crypto';
import { Parser, type Library, type TagParser } from './parser.js';
import { builtinTags } from './tags/index.js';
import { customTagParser, type CustomTagSpec } from './tags/custom.js';
import { builtinFilters } from './filters/index.js';
import { humanizeFilters } from './filters/humanize.js';
import { dateFilters } from './dates/filters.js';
import type { FilterFn, FilterSpec, FilterTable } from './filters/types.js';
import { generate, type CompiledModule, type Mode } from './compiler.js';
import { Runtime, type RuntimeHost } from './runtime.js';
import { RenderState, type BlockFn, type BlockTarget, type CompiledTemplate } from './render-state.js';
import { Scope } from './scope.js';
import { TemplateDoesNotExist, TemplateRuntimeError, noSuchBlock } from './errors.js';
import { FileLoader } from './loader.js';
import type { Node } from './nodes.js';
import type { Tree } from '@djust/protocol/tree';
import { pyIter, pyStr } from './values.js';
import { SafeString } from './safe.js';
import { collectBlocks } from './nodes.js';

export interface LibraryOptions {
  filters?: Record<string, FilterSpec | FilterFn>;
  tags?: Record<string, CustomTagSpec>;
}

export interface EngineOptions {
  /** Folders searched in order for named templates. */
  dirs?: string[];
  /** Named templates held in memory; they win over files of the same name. */
  templates?: Record<string, string>;
  /** Autoescaping, on unless turned off. */
  autoescape?: boolean;
  /** Extra filters available in every template. A bare function takes an optional argument. */
  filters?: Record<string, FilterSpec | FilterFn>;
  /** Extra tags available in every template. */
  tags?: Record<string, CustomTagSpec>;
  /** Libraries that `{% load name %}` brings in. */
  libraries?: Record<string, LibraryOptions>;
  /** Read template files again on every lookup, recompiling those whose content changed (development). */
  debug?: boolean;
  /** Resolves `{% url %}`; without one the tag raises. */
  urlResolver?: (name: string, args: unknown[], kwargs: Record<string, unknown>) => string;
}

export interface RenderOptions {
  autoescape?: boolean;
  /** Put `before` and `after` around the output of block `name`, which must render exactly once. */
  wrapBlock?: { name: string; before: string; after: string };
}

/** A context: a plain object, a Map, or any object whose members templates may read. */
export type Context = object;

const BUILTINS = new Scope(Object.assign(Object.create(null) as object, { True: true, False: false, None: null }));

function toSpec(f: FilterSpec | FilterFn): FilterSpec {
  return typeof f === 'function' ? { fn: f, arg: 'optional' } : f;
}

function toFilterTable(filters: Record<string, FilterSpec | FilterFn> | undefined): FilterTable {
  const out: FilterTable = {};
  for (const [k, v] of Object.entries(filters ?? {})) out[k] = toSpec(v);
  return out;
}

function toTagTable(tags: Record<string, CustomTagSpec> | undefined): Record<string, TagParser> {
  const out: Record<string, TagParser> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[k] = customTagParser(k, v);
  return out;
}

export function toScope(context: Context | undefined | null): Scope {
  if (context instanceof Scope) return context;
  return new Scope(context ?? {}, BUILTINS);
}

export class Template implements CompiledTemplate {
  readonly extendsParent: boolean;
  /** BlockFn objects, filled once compiled; generated code refers to this table. */
  readonly blocks: Record<string, BlockFn> = {};
  private readonly modules: Partial<Record<Mode, CompiledModule>> = {};

  constructor(
    readonly engine: Engine,
    readonly name: string,
    readonly source: string,
    readonly nodes: Node[],
    readonly hash: string,
    readonly origin: string = name,
  ) {
    this.extendsParent = nodes.some((n) => n.kind === 'extends');
    for (const b of collectBlocks(nodes)) {
      const name = b.name;
      this.blocks[name] = {
        s: (rt, c, st, ae, blk) => this.module('string').blocks[name](rt, c, st, ae, blk) as string,
        t: (rt, c, st, ae, blk) => this.module('tree').blocks[name](rt, c, st, ae, blk) as Tree,
      };
    }
    this.module('string');
  }

  private module(mode: Mode): CompiledModule {
    let mod = this.modules[mode];
    if (!mod) {
      const gen = generate({
        name: this.name,
        origin: this.origin,
        source: this.source,
        nodes: this.nodes,
        mode,
        fingerprint: this.hash.slice(0, 12) + (mode === 'tree' ? 't' : 's'),
        blockTable: this.blocks,
      });
      mod = gen.factory(gen.K, gen.P);
      this.modules[mode] = mod;
    }
    return mod;
  }

  /** The generated JavaScript, for debugging and tests. */
  code(mode: Mode = 'string'): string {
    return generate({ name: this.name, origin: this.origin, source: this.source, nodes: this.nodes, mode, fingerprint: 'x', blockTable: {} }).code;
  }

  /** The whole document; with `wrapBlock`, that block's output (rendered once) sits between its markup. */
  render(context?: Context | null, options: RenderOptions = {}): string {
    return this.guarded(() => {
      const ae = options.autoescape ?? this.engine.autoescape;
      const wrap = options.wrapBlock;
      const scope = toScope(context);
      const st = new RenderState();
      if (!wrap) return this.renderInto(this.engine.runtime, scope, st, ae);
      const target = this.target(wrap.name, scope, { before: wrap.before, after: wrap.after });
      st.target = target;
      const html = this.renderInto(this.engine.runtime, scope, st, ae);
      if (target.count !== 1) {
        const known = st.blocks?.names() ?? Object.keys(this.blocks);
        if (!known.includes(wrap.name)) throw noSuchBlock(this.name, wrap.name, known);
        throw new TemplateRuntimeError(
          `Template '${this.name}': block '${wrap.name}' rendered ${target.count} times in the document; a wrapped block must render exactly once`,
        );
      }
      return html;
    });
  }

  /**
   * One block, inheritance resolved as Django resolves it: the most derived override, with
   * `{{ block.super }}` and the blocks inside it. It renders with the page's context (as
   * django-render-block does): a `{% with %}` around the block in a base does not reach it.
   */
  renderBlock(name: string, context?: Context | null, options: { autoescape?: boolean } = {}): string {
    return this.renderOneBlock(name, context, options.autoescape, false) as string;
  }

  /** `renderBlock` as a tree: `joinTree(renderBlockTree(n, c)) === renderBlock(n, c)`. */
  renderBlockTree(name: string, context?: Context | null, options: { autoescape?: boolean } = {}): Tree {
    return this.renderOneBlock(name, context, options.autoescape, true) as Tree;
  }

  private renderOneBlock(name: string, context: Context | null | undefined, autoescape: boolean | undefined, tree: boolean): string | Tree {
    return this.guarded(() => {
      const ae = autoescape ?? this.engine.autoescape;
      const scope = toScope(context);
      const st = new RenderState();
      const target = this.target(name, scope);
      st.target = target;
      const rt = this.engine.runtime;
      if (!this.extendsParent) {
        const own = this.blocks[name];
        if (!own) throw noSuchBlock(this.name, name, Object.keys(this.blocks));
        return rt.block(st, name, own, scope, ae, tree);
      }
      // The chain's root renders the block and leaves it here (see Runtime.extend).
      if (tree) this.treeInto(rt, scope, st, ae);
      else this.renderInto(rt, scope, st, ae);
      if (target.result === undefined) throw noSuchBlock(this.name, name, st.blocks?.names() ?? []);
      return target.result;
    });
  }

  private target(name: string, scope: Scope, wrap?: BlockTarget['wrap']): BlockTarget {
    return { template: this.name, name, scope, wrap, count: 0, active: false };
  }

  /** The rendered tree: statics and dynamics, joining to exactly `render`'s string. */
  renderTree(context?: Context | null, options: { autoescape?: boolean } = {}): Tree {
    return this.guarded(() => this.treeInto(this.engine.runtime, toScope(context), new RenderState(), options.autoescape ?? this.engine.autoescape));
  }

  /** A template too big for V8 to compile or run fails as a template error, not a bare RangeError. */
  private guarded<T>(run: () => T): T {
    try {
      return run();
    } catch (e) {
      if (e instanceof RangeError) {
        throw new TemplateRuntimeError(`Template too large or too deeply nested to render: ${e.message}`, { template: this.name, line: 1, column: 1 });
      }
      throw e;
    }
  }

  renderInto(rt: Runtime, c: Scope, st: RenderState, ae: boolean): string {
    return this.module('string').main(rt, c, st, ae) as string;
  }

  treeInto(rt: Runtime, c: Scope, st: RenderState, ae: boolean): Tree {
    return this.module('tree').main(rt, c, st, ae) as Tree;
  }
}

export class Engine {
  readonly autoescape: boolean;
  readonly runtime: Runtime;
  readonly debug: boolean;
  private readonly memory: Map<string, string>;
  private readonly files: FileLoader | null;
  private readonly filters: FilterTable;
  private readonly tags: Record<string, TagParser>;
  private readonly libraries: Record<string, Library>;
  /** Loaded templates by name (and the origins a lookup skipped, for extends). */
  private readonly byName = new Map<string, Template>();
  private readonly bySource = new Map<string, Template>();
  private readonly urlResolver?: EngineOptions['urlResolver'];

  constructor(options: EngineOptions = {}) {
    this.autoescape = options.autoescape ?? true;
    this.debug = options.debug ?? false;
    this.memory = new Map(Object.entries(options.templates ?? {}));
    this.files = options.dirs?.length ? new FileLoader(options.dirs) : null;
    this.filters = { ...builtinFilters, ...dateFilters, ...toFilterTable(options.filters) };
    this.tags = { ...builtinTags, ...toTagTable(options.tags) };
    // Django's bundled libraries first; a library of the same name given here replaces one.
    this.libraries = { humanize: { filters: humanizeFilters } };
    for (const [name, lib] of Object.entries(options.libraries ?? {})) {
      this.libraries[name] = { filters: toFilterTable(lib.filters), tags: toTagTable(lib.tags) };
    }
    this.urlResolver = options.urlResolver;
    const host: RuntimeHost = {
      load: (name, skip) => this.resolveTemplate(name, skip),
      resolveUrl: (name, args, kwargs) => {
        if (!this.urlResolver) throw new Error(`No URL resolver is configured, so {% url '${name}' %} cannot be reversed`);
        return this.urlResolver(name, args, kwargs);
      },
    };
    this.runtime = new Runtime(host);
  }

  /** Parses (or finds in the cache) a template from source. */
  fromString(source: string, name = '<string>', origin = name): Template {
    const hash = createHash('sha256').update(origin).update('\0').update(name).update('\0').update(source).digest('hex');
    let tpl = this.bySource.get(hash);
    if (!tpl) {
      const parser = new Parser({ name, source, filters: this.filters, tags: this.tags, libraries: this.libraries });
      tpl = new Template(this, name, source, parser.parseTemplate(), hash, origin);
      if (this.bySource.size > 5000) this.bySource.clear();
      this.bySource.set(hash, tpl);
    }
    return tpl;
  }

  /**
   * Source of a named template: the in-memory map first, then the folders, passing over the
   * origins in `skip` (so a template can extend another of the same name further down).
   */
  getSource(name: string, skip: readonly string[] = []): { source: string; origin: string } {
    const mem = this.memory.get(name);
    if (mem !== undefined && !skip.includes(`mem:${name}`)) return { source: mem, origin: `mem:${name}` };
    const found = this.files?.read(name, skip);
    if (found) return { source: found.source, origin: found.path };
    throw new TemplateDoesNotExist(name, this.files ? this.files.dirs : []);
  }

  /**
   * A named template, compiled once. Outside debug a name is read from disk once; under
   * `debug` it is read again on every call and compiled again only when its content changed
   * (templates are cached by content hash), so an edit shows at once, whatever the file's
   * modification time says. `skip` lists origins to pass over (see getSource).
   */
  getTemplate(name: string, skip: readonly string[] = []): Template {
    // Only skipped origins this name could resolve to matter. Usually there are none (a child
    // extends a base of another name), and the base is the one getTemplate(name) loads.
    const passed = skip.length ? this.origins(name).filter((o) => skip.includes(o)) : [];
    const key = passed.length ? [name, ...passed].join('\0') : name;
    if (!this.debug) {
      const known = this.byName.get(key);
      if (known) return known;
    }
    const { source, origin } = this.getSource(name, passed);
    const template = this.fromString(source, name, origin);
    this.byName.set(key, template);
    return template;
  }

  /** The template folders, resolved, in lookup order (empty without `dirs`). */
  get dirs(): readonly string[] {
    return this.files?.dirs ?? [];
  }

  /**
   * Forgets every compiled template, so the next lookup reads and compiles it again (live
   * reload after a file changed). Templates already handed out keep working; anything keyed by
   * a Template object (the JIT's plans) is made afresh for the new ones.
   */
  clearCache(): void {
    this.byName.clear();
    this.bySource.clear();
  }

  /** The origins a name is looked up at, in order: memory, then each folder. */
  private origins(name: string): string[] {
    return [`mem:${name}`, ...(this.files?.paths(name) ?? [])];
  }

  /** Django's select_template: the first of several names that exists. */
  selectTemplate(names: string[]): Template {
    if (!names.length) throw new TemplateDoesNotExist('', []);
    for (const n of names) {
      try {
        return this.getTemplate(n);
      } catch (e) {
        if (!(e instanceof TemplateDoesNotExist)) throw e;
      }
    }
    throw new TemplateDoesNotExist(names.join(', '), names);
  }

  render(name: string, context?: Context | null): string {
    return this.getTemplate(name).render(context);
  }

  renderString(source: string, context?: Context | null): string {
    return this.fromString(source).render(context);
  }

  renderTree(name: string, context?: Context | null): Tree {
    return this.getTemplate(name).renderTree(context);
  }

  /** What `{% include %}` and `{% extends %}` accept: a name, a Template, or a list of names. */
  private resolveTemplate(value: unknown, skip: readonly string[] = []): Template {
    if (value instanceof Template) return value;
    if (typeof value === 'string' || value instanceof SafeString) {
      const name = pyStr(value);
      if (!name) throw new TemplateDoesNotExist('', []);
      return this.getTemplate(name, skip);
    }
    if (value === null || value === undefined || value === '') throw new TemplateDoesNotExist('', []);
    const names = pyIter(value);
    if (!names) throw new TemplateDoesNotExist(pyStr(value), []);
    return this.selectTemplate(names.map((n) => pyStr(n)));
  }
}
