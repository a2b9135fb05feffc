/**
 * AST → JavaScript. Each template compiles to a module of plain functions: `main` renders the
 * template, `blocks[name]` renders one `{% block %}` body. Two output modes share every node
 * emitter: string mode appends to `o`; tree mode builds a rendered tree whose statics are
 * known at compile time (see tree/types.ts). Template names and strings only ever enter the
 * generated code as JSON string literals or as entries of the constants array `K`.
 */
import { isForbiddenName } from './lookup.js';
import { SafeString } from './safe.js';
import { TemplateSyntaxError } from './errors.js';
import { ScopeChain } from './scope-chain.js';
import { children, collectBlocks, type FilterExpr, type IfCond, type Node, type Operand, type Binding } from './nodes.js';
import { EMITTERS, lit } from './emitters.js';
import type { Tree } from '@djust/protocol/tree';
import type { Runtime } from './runtime.js';
import type { BlockVar, RenderState } from './render-state.js';
import type { Scope as RenderScope } from './scope.js';

export type Mode = 'string' | 'tree';

export type MainFn = (rt: Runtime, c: RenderScope, st: RenderState, ae: boolean) => string | Tree;
export type BlockBodyFn = (rt: Runtime, c: RenderScope, st: RenderState, ae: boolean, blk: BlockVar) => string | Tree;

export interface CompiledModule {
  main: MainFn;
  blocks: Record<string, BlockBodyFn>;
}

export interface CompileOptions {
  name: string;
  /** Where the source came from (see CompiledTemplate.origin): what `{% extends %}` skips. */
  origin: string;
  source: string;
  nodes: Node[];
  mode: Mode;
  /** Prefix of fingerprints, unique per template source. */
  fingerprint: string;
  /** The template's BlockFn objects, referenced by generated `{% block %}` calls. */
  blockTable: object;
}

/** How generated code reads and writes one template name. */
export interface Binding_ {
  read: string;
  write?: string;
  /** Set for a loop's own `forloop` object, whose fields can be read directly. */
  forloop?: boolean;
}

const FORLOOP_FIELDS = new Set(['counter', 'counter0', 'revcounter', 'revcounter0', 'first', 'last', 'parentloop']);

/** Template-defined names (loop variables, with-aliases, as-names) and how code reads them. */
export class CompileScope extends ScopeChain<Binding_> {
  /** Every visible template-defined name with the code that reads it, innermost winning. */
  locals(): Map<string, string> {
    return new Map([...this.entries()].map(([k, b]) => [k, b.read]));
  }
}

export interface Sink {
  readonly tree: boolean;
  text(s: string): void;
  /** A dynamic part: a string in string mode, a string or tree in tree mode. */
  slot(code: string): void;
}


/**
 * Names that tags bind with `as` inside a frame (for, with, block, template), found up front.
 * The value says whether the tag sets the name upward (cycle: Django's set_upward updates the
 * nearest frame that has it) or in the current frame (the rest: context[name] = value).
 */
function frameAssignedNames(nodes: Node[], out = new Map<string, boolean>()): Map<string, boolean> {
  const add = (name: string, upward: boolean): void => {
    out.set(name, (out.get(name) ?? true) && upward);
  };
  for (const n of nodes) {
    switch (n.kind) {
      case 'cycle':
        if (n.asName) add(n.asName, true);
        break;
      case 'firstof':
      case 'now':
      case 'widthratio':
      case 'url':
      case 'custom':
        if (n.asName) add(n.asName, false);
        break;
      case 'regroup':
        add(n.asName, false);
        break;
      default:
        break;
    }
    // Bodies rendered in this same frame (if branches, for's empty...) assign into it too.
    for (const c of children(n)) if (c.frame === 'same') frameAssignedNames(c.nodes, out);
  }
  return out;
}

/** The text of an operand that is a bare string literal (no filters). */
function stringLiteral(c: IfCond): string | undefined {
  if (c.op !== 'operand' || c.expr.filters.length || c.expr.base?.kind !== 'literal') return undefined;
  const v = c.expr.base.value;
  return v instanceof SafeString ? v.value : typeof v === 'string' ? v : undefined;
}

export class Generator {
  private readonly lines: string[] = [];
  readonly K: unknown[] = [];
  private readonly constIndex = new Map<unknown, number>();
  private n = 0;
  private fp = 0;
  private readonly positions: [number, number][] = [];

  constructor(private readonly opts: CompileOptions) {}

  get treeMode(): boolean {
    return this.opts.mode === 'tree';
  }

  line(code: string): void {
    this.lines.push(code);
  }

  /** Module-level declarations: the lookup path functions and their constructor caches. */
  private readonly decls: string[] = [];
  private readonly ctorCaches: string[] = [];

  /**
   * The segments after a path's root, as one module-level function per site: each property
   * read gets its own inline cache (the data at a site has one shape: several times faster than
   * a shared lookup function). The fast case serves data objects (plain objects and
   * application class instances), told by their `constructor`: Object, or one that rt.dataCtor
   * found on data and this segment remembers. There a defined, non-function property is
   * exactly what lookupName finds. (The only built-in values whose constructor reads as
   * Object are iterators, which have no such properties; objects whose `constructor` lies
   * about their prototype are not catered for.) A function goes to rt.call, every other value
   * and every miss to rt.get, which is lookupName. The try covers the getters read here: an
   * error marked silent_variable_failure makes the whole path missing, as in rt.get.
   */
  private path(rootCode: string, segs: readonly string[]): string {
    const fn = this.tmp('L');
    const steps = segs.map((seg) => {
      const key = lit(seg);
      // Names like `constructor` never resolve: rt.lookup refuses them (after the prefix ran).
      if (isForbiddenName(seg)) return `t = rt.lookup(t, ${key});`;
      const s = this.tmp('s');
      this.ctorCaches.push(s);
      const data = `typeof t === 'object' && t !== null && ((k = t.constructor) === Object || k === ${s} || (${s} = rt.dataCtor(t)) === k)`;
      return `t = (${data}) ? ((v = t[${key}]) === undefined ? rt.get(t, ${key}) : typeof v === 'function' ? rt.call(t, v, ${key}) : v) : rt.get(t, ${key});`;
    });
    this.decls.push(`function ${fn}(rt, t) {\n  let k, v;\n  try {\n    ${steps.join('\n    ')}\n    return t;\n  } catch (e) {\n    return rt.silent(e);\n  }\n}`);
    return `${fn}(rt, ${rootCode})`;
  }

  tmp(prefix: string): string {
    return `${prefix}${this.n++}`;
  }

  k(value: unknown): string {
    let i = this.constIndex.get(value);
    if (i === undefined) {
      i = this.K.length;
      this.K.push(value);
      this.constIndex.set(value, i);
    }
    return `K[${i}]`;
  }

  fingerprint(): string {
    return `${this.opts.fingerprint}:${this.fp++}`;
  }

  /** Marks the node about to run, for error positions. */
  at(node: Node): void {
    this.positions.push([node.pos.line, node.pos.column]);
    this.line(`p = ${this.positions.length - 1};`);
  }

  // ---------------------------------------------------------------- sinks

  stringSink(out: string): Sink {
    return {
      tree: false,
      text: (s) => this.line(`${out} += ${lit(s)};`),
      slot: (code) => this.line(`${out} += ${code};`),
    };
  }

  /** Emits a body as a tree into a fresh dynamics array; returns the tree's expression. */
  subtree(emit: (sink: Sink) => void): string {
    const d = this.tmp('d');
    this.line(`const ${d} = [];`);
    const statics: string[] = [];
    let cur = '';
    const sink: Sink = {
      tree: true,
      text: (s) => {
        cur += s;
      },
      slot: (code) => {
        this.line(`${d}.push(${code});`);
        statics.push(cur);
        cur = '';
      },
    };
    emit(sink);
    statics.push(cur);
    return `{ s: ${this.k(Object.freeze(statics))}, d: ${d}, f: ${lit(this.fingerprint())} }`;
  }

  /**
   * if / else-if / else over bodies. String mode writes the taken body inline; tree mode puts
   * the taken body's tree in one slot (an empty tree when no branch is taken).
   */
  branches(sink: Sink, cases: { test: string | null; emit: (s: Sink) => void }[]): void {
    const hasElse = cases.length > 0 && cases[cases.length - 1].test === null;
    if (!sink.tree) {
      cases.forEach((c, i) => {
        if (c.test === null) this.line(i === 0 ? '{' : '} else {');
        else this.line(`${i === 0 ? '' : '} else '}if (${c.test}) {`);
        c.emit(sink);
      });
      if (cases.length) this.line('}');
      return;
    }
    const t = this.tmp('t');
    this.line(`let ${t};`);
    const all = hasElse ? cases : [...cases, { test: null, emit: () => undefined }];
    all.forEach((c, i) => {
      if (c.test === null) this.line(i === 0 ? '{' : '} else {');
      else this.line(`${i === 0 ? '' : '} else '}if (${c.test}) {`);
      this.line(`${t} = ${this.subtree(c.emit)};`);
    });
    this.line('}');
    sink.slot(t);
  }

  /** Renders a body to a string variable, whatever the mode (for filter, spaceless, ifchanged). */
  capture(nodes: Node[], scope: CompileScope): string {
    const v = this.tmp('cap');
    this.line(`let ${v} = '';`);
    const saved = this.opts.mode;
    this.opts.mode = 'string';
    this.body(nodes, this.stringSink(v), scope);
    this.opts.mode = saved;
    return v;
  }

  // ---------------------------------------------------------------- expressions

  operand(op: Operand, scope: CompileScope): string {
    if (op.kind === 'literal') {
      const v = op.value;
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      if (v === null) return 'null';
      return this.k(v);
    }
    const root = scope.find(op.path[0]);
    let code = this.rootName(op.path[0], scope);
    let rest = op.path.slice(1);
    // forloop is our own object: read its fields directly.
    if (root?.forloop && rest.length && FORLOOP_FIELDS.has(rest[0])) {
      code = `${code}.${rest[0]}`;
      rest = rest.slice(1);
    }
    return rest.length ? this.path(code, rest) : code;
  }

  rootName(name: string, scope: CompileScope): string {
    const b = scope.find(name);
    if (b) return b.read;
    return isForbiddenName(name) ? 'rt.M' : `rt.root(c, ${lit(name)})`;
  }

  /**
   * A filter expression. `missing` says what an unresolved base becomes: '' (Django's
   * string_if_invalid) or null (ignore_failures, as in if conditions and for loops).
   */
  expr(e: FilterExpr, scope: CompileScope, missing: 'inv' | 'none', base?: string): string {
    let code = base ?? (e.base ? this.operand(e.base, scope) : 'null');
    if (base === undefined && e.base && e.base.kind === 'lookup') code = `rt.${missing}(${code})`;
    for (const f of e.filters) {
      let arg = 'undefined';
      if (f.arg) {
        arg = this.operand(f.arg, scope);
        if (f.arg.kind === 'lookup') arg = `rt.arg(${arg}, ${lit(f.arg.text)})`;
      }
      code = `rt.f(${this.k(f.spec)}, ${code}, ${arg}, ae)`;
    }
    return code;
  }

  private static argLookups(cond: IfCond): boolean {
    if (cond.op === 'operand') return cond.expr.filters.some((f) => f.arg?.kind === 'lookup');
    if (cond.op === 'not') return Generator.argLookups(cond.arg);
    return Generator.argLookups(cond.left) || Generator.argLookups(cond.right);
  }

  private static mayThrow(cond: IfCond): boolean {
    if (cond.op === 'operand') return cond.expr.filters.length > 0;
    if (cond.op === 'not') return Generator.mayThrow(cond.arg);
    return Generator.mayThrow(cond.left) || Generator.mayThrow(cond.right);
  }

  /** Django swallows any exception inside an operator into False. */
  private guard(code: string, needed: boolean): string {
    return needed ? `(() => { try { return ${code}; } catch (e) { return false; } })()` : `(${code})`;
  }

  cond(c: IfCond, scope: CompileScope): string {
    switch (c.op) {
      case 'operand':
        return this.expr(c.expr, scope, 'none');
      case 'not':
        return this.guard(`!rt.truthy(${this.cond(c.arg, scope)})`, Generator.mayThrow(c.arg));
      case 'or':
      case 'and': {
        const a = this.tmp('a');
        const l = this.cond(c.left, scope);
        const r = this.cond(c.right, scope);
        const pick = c.op === 'or' ? `rt.truthy(${a}) ? ${a} : ${r}` : `rt.truthy(${a}) ? ${r} : ${a}`;
        return `(() => { try { const ${a} = ${l}; return ${pick}; } catch (e) { return false; } })()`;
      }
      default: {
        const l = this.cond(c.left, scope);
        const r = this.cond(c.right, scope);
        const throws = Generator.mayThrow(c);
        const s = stringLiteral(c.right) ?? stringLiteral(c.left);
        if (s !== undefined && (c.op === '==' || c.op === '!=')) {
          // Comparing with a string literal: a plain string comparison says the same.
          const other = stringLiteral(c.right) !== undefined ? l : r;
          return this.guard(`${c.op === '!=' ? '!' : ''}rt.eqs(${other}, ${lit(s)})`, throws);
        }
        switch (c.op) {
          case '==':
            return this.guard(`rt.eq(${l}, ${r})`, throws);
          case '!=':
            return this.guard(`!rt.eq(${l}, ${r})`, throws);
          case 'is':
            return this.guard(`rt.is(${l}, ${r})`, throws);
          case 'is not':
            return this.guard(`!rt.is(${l}, ${r})`, throws);
          case 'in':
            return this.guard(`rt.in(${l}, ${r})`, true);
          case 'not in':
            return this.guard(`!rt.in(${l}, ${r})`, true);
          default:
            return this.guard(`rt.cmp(${lit(c.op)}, ${l}, ${r})`, true);
        }
      }
    }
  }

  /** An if condition's truth; a filter argument that does not exist makes it false. */
  test(c: IfCond, scope: CompileScope): string {
    // Comparisons and `not` already give booleans.
    const boolean = c.op !== 'operand' && c.op !== 'or' && c.op !== 'and';
    const code = boolean ? this.cond(c, scope) : `rt.truthy(${this.cond(c, scope)})`;
    if (!Generator.argLookups(c)) return code;
    return `(() => { try { return ${code}; } catch (e) { if (e instanceof rt.VDNE) return false; throw e; } })()`;
  }

  /** `rt.scope(c, {...locals})`: the context a block, include or custom tag sees here. */
  contextHere(scope: CompileScope, extra: Binding[] = []): string {
    const entries = [...scope.locals()].map(([k, v]) => `${lit(k)}: ${v}`);
    const extras = extra.map((b) => `${lit(b.name)}: ${this.expr(b.expr, scope, 'inv')}`);
    if (!entries.length && !extras.length) return 'c';
    let code = entries.length ? `rt.scope(c, { ${entries.join(', ')} })` : 'c';
    if (extras.length) code = `rt.scope(${code}, { ${extras.join(', ')} })`;
    return code;
  }

  /** Declares the names a frame's tags may assign, so later reads see them. */
  frame(nodes: Node[], scope: CompileScope): void {
    for (const [name, upward] of frameAssignedNames(nodes)) {
      if (upward && scope.find(name)?.write) continue;
      const v = this.tmp('l');
      const outer = this.rootName(name, scope);
      this.line(`let ${v} = rt.M;`);
      scope.set(name, { read: `(${v} !== rt.M ? ${v} : ${outer})`, write: v });
    }
  }

  assign(name: string, scope: CompileScope, code: string): void {
    const b = scope.find(name);
    if (!b?.write) throw new Error(`internal: '${name}' was not declared in its frame`);
    this.line(`${b.write} = ${code};`);
  }

  // ---------------------------------------------------------------- nodes

  body(nodes: Node[], sink: Sink, scope: CompileScope): void {
    for (const node of nodes) this.node(node, sink, scope);
  }

  node(node: Node, sink: Sink, scope: CompileScope): void {
    if (node.kind === 'text') {
      if (node.text) sink.text(node.text);
      return;
    }
    this.at(node);
    EMITTERS[node.kind](this, node as never, sink, scope);
  }

  newScope(parent: CompileScope): CompileScope {
    return new CompileScope(parent);
  }

  // ---------------------------------------------------------------- functions

  /** A whole function body in the current mode, returning its output. */
  fnBody(nodes: Node[], scope: CompileScope): string {
    const start = this.lines.length;
    this.line('let p = 0;');
    this.line('try {');
    this.frame(nodes, scope);
    if (this.treeMode) {
      const t = this.subtree((sink) => this.body(nodes, sink, scope));
      this.line(`return ${t};`);
    } else {
      this.line(`let o = '';`);
      this.body(nodes, this.stringSink('o'), scope);
      this.line('return o;');
    }
    this.line(`} catch (e) { throw rt.error(e, ${this.k(this.opts.name)}, ${this.k(this.opts.source)}, P[p][0], P[p][1]); }`);
    return this.lines.splice(start).join('\n');
  }

  module(): { code: string; K: unknown[]; P: [number, number][] } {
    const root = new CompileScope(null);
    const blocks = collectBlocks(this.opts.nodes);
    const blockFns = blocks.map((b) => {
      const scope = new CompileScope(root);
      scope.set('block', { read: 'blk' });
      return `${lit(b.name)}: function (rt, c, st, ae, blk) {\n${this.fnBody(b.body, scope)}\n}`;
    });
    const main = `function (rt, c, st, ae) {\n${this.fnBody(this.opts.nodes, new CompileScope(null))}\n}`;
    const caches = this.ctorCaches.length ? `let ${this.ctorCaches.join(', ')};\n` : '';
    const prelude = `"use strict";\n${caches}${this.decls.join('\n')}\n`;
    const code = `${prelude}return { main: ${main},\nblocks: { ${blockFns.join(',\n')} } };`;
    return { code, K: this.K, P: this.positions };
  }

  get templateOrigin(): string {
    return this.opts.origin;
  }

  get blockTable(): string {
    return this.k(this.opts.blockTable);
  }
}

export interface GeneratedModule {
  factory: (K: unknown[], P: [number, number][]) => CompiledModule;
  K: unknown[];
  P: [number, number][];
  code: string;
}

export function generate(opts: CompileOptions): GeneratedModule {
  const gen = new Generator(opts);
  const { code, K, P } = gen.module();
  let factory: (K: unknown[], P: [number, number][]) => CompiledModule;
  try {
    factory = new Function('K', 'P', code) as typeof factory;
  } catch (e) {
    if (e instanceof RangeError) {
      throw new TemplateSyntaxError(`Template too large or too deeply nested to compile: ${e.message}`, { template: opts.name, line: 1, column: 1 });
    }
    throw e;
  }
  return { factory, K, P, code };
}
