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
import { bodies, expressions as exprsOf, type BlockNode, type FilterExpr, type IfCond, type Node, type Operand, type Binding } from './nodes.js';
import type { Tree } from './tree/types.js';
import type { BlockVar, RenderState, Runtime } from './runtime.js';
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
  source: string;
  nodes: Node[];
  mode: Mode;
  /** Prefix of fingerprints, unique per template source. */
  fingerprint: string;
  /** The template's BlockFn objects, referenced by generated `{% block %}` calls. */
  blockTable: object;
}

/** How generated code reads and writes one template name. */
interface Binding_ {
  read: string;
  write?: string;
  /** Set for a loop's own `forloop` object, whose fields can be read directly. */
  forloop?: boolean;
}

const FORLOOP_FIELDS = new Set(['counter', 'counter0', 'revcounter', 'revcounter0', 'first', 'last', 'parentloop']);

/** Template-defined names (loop variables, with-aliases, as-names) and how code reads them. */
class CompileScope extends ScopeChain<Binding_> {
  /** Every visible template-defined name with the code that reads it, innermost winning. */
  locals(): Map<string, string> {
    return new Map([...this.entries()].map(([k, b]) => [k, b.read]));
  }
}

interface Sink {
  readonly tree: boolean;
  text(s: string): void;
  /** A dynamic part: a string in string mode, a string or tree in tree mode. */
  slot(code: string): void;
}

const lit = (s: string): string => JSON.stringify(s);

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
      case 'if':
        for (const b of n.branches) frameAssignedNames(b.body, out);
        break;
      case 'ifchanged':
        frameAssignedNames(n.body, out);
        if (n.else) frameAssignedNames(n.else, out);
        break;
      case 'autoescape':
      case 'filter':
      case 'spaceless':
        frameAssignedNames(n.body, out);
        break;
      case 'for':
        if (n.empty) frameAssignedNames(n.empty, out);
        break;
      default:
        break;
    }
  }
  return out;
}

function walk(nodes: Node[], visit: (n: Node) => void): void {
  for (const n of nodes) {
    visit(n);
    for (const body of bodies(n)) walk(body, visit);
  }
}

/** All `{% block %}` nodes of a template, nested ones included. */
export function collectBlocks(nodes: Node[]): BlockNode[] {
  const out: BlockNode[] = [];
  walk(nodes, (n) => {
    if (n.kind === 'block') out.push(n);
  });
  return out;
}

/** Whether a loop body needs its `forloop` object (or might, through includes and tags). */
function needsForloop(nodes: Node[]): boolean {
  let needed = false;
  walk(nodes, (n) => {
    if (needed) return;
    if (['include', 'block', 'custom', 'for', 'ifchanged'].includes(n.kind)) needed = true;
    for (const e of exprsOf(n)) if (mentions(e, 'forloop')) needed = true;
  });
  return needed;
}


function mentions(e: FilterExpr, name: string): boolean {
  const hit = (op: Operand | null | undefined): boolean => !!op && op.kind === 'lookup' && op.path[0] === name;
  return hit(e.base) || e.filters.some((f) => hit(f.arg));
}

/** The text of an operand that is a bare string literal (no filters). */
function stringLiteral(c: IfCond): string | undefined {
  if (c.op !== 'operand' || c.expr.filters.length || c.expr.base?.kind !== 'literal') return undefined;
  const v = c.expr.base.value;
  return v instanceof SafeString ? v.value : typeof v === 'string' ? v : undefined;
}

class Generator {
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

  /** Declarations moved to the top of the function being generated. */
  private readonly hoisted: string[] = [];

  /**
   * One lookup segment. The property read happens inline, so each site in the template gets
   * its own inline cache (the data at a site has one shape: several times faster than a shared
   * lookup function). A defined, non-function value from a non-array, non-Map object is what
   * Django's lookup would find too; anything else goes through rt.get, which does it all.
   * (A getter that throws is read here and its error propagates.)
   */
  private inlineGet(objCode: string, seg: string): string {
    const t = this.tmp('t');
    const v = this.tmp('v');
    this.hoisted.push(`let ${t}, ${v};`);
    return `((typeof (${t} = ${objCode}) === 'object' && ${t} !== null && (${v} = ${t}[${lit(seg)}]) !== undefined && typeof ${v} !== 'function' && !Array.isArray(${t}) && !(${t} instanceof Map)) ? ${v} : rt.get(${t}, ${lit(seg)}))`;
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
    op.path.slice(1).forEach((seg, i) => {
      // forloop is our own object: read its fields directly.
      if (i === 0 && root?.forloop && FORLOOP_FIELDS.has(seg)) code = `${code}.${seg}`;
      // Names like `constructor` never resolve: decided here, once.
      else if (isForbiddenName(seg)) code = 'rt.M';
      else code = this.inlineGet(code, seg);
    });
    return code;
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
    const hoistAt = this.lines.length;
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
    this.lines.splice(hoistAt, 0, ...this.hoisted.splice(0));
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
    const code = `"use strict";\nreturn { main: ${main},\nblocks: { ${blockFns.join(',\n')} } };`;
    return { code, K: this.K, P: this.positions };
  }

  get templateName(): string {
    return this.opts.name;
  }

  get blockTable(): string {
    return this.k(this.opts.blockTable);
  }
}

type Emitter<N extends Node> = (g: Generator, node: N, sink: Sink, scope: CompileScope) => void;
type EmitterTable = { [K in Node['kind']]: Emitter<Extract<Node, { kind: K }>> };

/** Output of a tag that prints its value autoescaped (render_value_in_context). */
const shown = (code: string): string => `rt.show(${code}, ae)`;

const EMITTERS: EmitterTable = {
  text: (_g, node, sink) => sink.text(node.text),

  var: (g, node, sink, scope) => {
    // rt.show prints a missing value as '' itself, so a bare lookup needs no rt.inv.
    const e = node.expr;
    const code = e.filters.length === 0 && e.base?.kind === 'lookup' ? g.operand(e.base, scope) : g.expr(e, scope, 'inv');
    sink.slot(shown(code));
  },

  if: (g, node, sink, scope) => {
    g.branches(
      sink,
      node.branches.map((b) => ({ test: b.cond ? g.test(b.cond, scope) : null, emit: (s: Sink) => g.body(b.body, s, scope) })),
    );
  },

  for: (g, node, sink, scope) => {
    const seq = g.tmp('sq');
    g.line(`{ const ${seq} = rt.seq(${g.expr(node.iter, scope, 'none')}, ${node.reversed});`);
    const loop = (s: Sink): void => emitLoop(g, node, s, scope, seq);
    if (node.empty) {
      const empty = node.empty;
      g.branches(sink, [
        { test: `${seq}.length === 0`, emit: (s) => g.body(empty, s, scope) },
        { test: null, emit: loop },
      ]);
    } else {
      loop(sink);
    }
    g.line('}');
  },

  with: (g, node, sink, scope) => {
    const inner = g.newScope(scope);
    g.line('{');
    for (const b of node.bindings) {
      const v = g.tmp('l');
      g.line(`const ${v} = ${g.expr(b.expr, scope, 'inv')};`);
      inner.set(b.name, { read: v });
    }
    g.frame(node.body, inner);
    g.body(node.body, sink, inner);
    g.line('}');
  },

  block: (g, node, sink, scope) => {
    const fn = `${g.blockTable}[${lit(node.name)}]`;
    sink.slot(`rt.block(st, ${lit(node.name)}, ${fn}, ${g.contextHere(scope)}, ae, ${sink.tree})`);
  },

  extends: (g, node, sink, scope) => {
    const parent = g.expr(node.parent, scope, 'inv');
    sink.slot(`rt.extend(st, ${parent}, ${g.blockTable}, ${g.contextHere(scope)}, ae, ${sink.tree}, ${g.k(g.templateName)})`);
  },

  include: (g, node, sink, scope) => {
    const name = g.expr(node.template, scope, 'inv');
    const ctx = node.only
      ? `rt.isolated({ ${node.bindings.map((b) => `${lit(b.name)}: ${g.expr(b.expr, scope, 'inv')}`).join(', ')} })`
      : g.contextHere(scope, node.bindings);
    sink.slot(`rt.include(st, ${name}, ${ctx}, ae, ${sink.tree}, ${node.site})`);
  },

  cycle: (g, node, sink, scope) => {
    const i = g.tmp('ci');
    const v = g.tmp('cv');
    g.line(`const ${i} = rt.cycle(st, ${node.id}, ${node.values.length});`);
    const pick = node.values
      .map((e, idx) => (idx < node.values.length - 1 ? `${i} === ${idx} ? ${g.expr(e, scope, 'inv')} : ` : g.expr(e, scope, 'inv')))
      .join('');
    g.line(`const ${v} = ${pick};`);
    if (node.asName) g.assign(node.asName, scope, v);
    if (!node.silent) sink.slot(shown(v));
  },

  resetcycle: (g, node) => g.line(`rt.resetCycle(st, ${node.cycleId});`),

  firstof: (g, node, sink, scope) => {
    const v = g.tmp('fo');
    g.line(`let ${v} = '';`);
    node.values.forEach((e) => {
      const x = g.tmp('x');
      g.line(`{ const ${x} = ${g.expr(e, scope, 'none')}; if (rt.truthy(${x})) { ${v} = rt.show(${x}, ae); } else {`);
    });
    g.line('}}'.repeat(node.values.length));
    if (node.asName) g.assign(node.asName, scope, `(ae ? rt.markSafe(${v}) : ${v})`);
    else sink.slot(v);
  },

  autoescape: (g, node, sink, scope) => {
    g.line(`{ const ae = ${node.on};`);
    g.body(node.body, sink, scope);
    g.line('}');
  },

  filter: (g, node, sink, scope) => {
    const cap = g.capture(node.body, scope);
    sink.slot(`rt.str(${g.expr(node.expr, scope, 'inv', `rt.markSafe(${cap})`)})`);
  },

  spaceless: (g, node, sink, scope) => {
    const cap = g.capture(node.body, scope);
    sink.slot(`rt.spaceless(${cap}).value`);
  },

  ifchanged: (g, node, sink, scope) => {
    const loop = scope.find('forloop');
    const state = loop?.forloop ? `${loop.read}.state` : `rt.loopState(${g.rootName('forloop', scope)}, st)`;
    const elseBody = node.else;
    const orElse = { test: null, emit: (s: Sink) => (elseBody ? g.body(elseBody, s, scope) : undefined) };
    if (node.exprs.length) {
      const values = `[${node.exprs.map((e) => g.expr(e, scope, 'none')).join(', ')}]`;
      g.branches(sink, [
        { test: `rt.changed(${state}, st, ${node.id}, ${values})`, emit: (s) => g.body(node.body, s, scope) },
        orElse,
      ]);
      return;
    }
    const cap = g.capture(node.body, scope);
    g.branches(sink, [{ test: `rt.changed(${state}, st, ${node.id}, ${cap})`, emit: (s) => s.slot(cap) }, orElse]);
  },

  now: (g, node, sink, scope) => {
    const code = `rt.now(${lit(node.format)}, ae)`;
    if (node.asName) g.assign(node.asName, scope, code);
    else sink.slot(code);
  },

  regroup: (g, node, _sink, scope) => {
    const item = g.tmp('it');
    const inner = g.newScope(scope);
    inner.set(node.asName, { read: item });
    const key = g.expr(node.by, inner, 'none');
    const target = g.expr(node.target, scope, 'none');
    g.assign(node.asName, scope, `rt.regroup(${target}, (${item}) => ${key})`);
  },

  widthratio: (g, node, sink, scope) => {
    const [v, m, w] = [node.value, node.max, node.width].map((e) => g.expr(e, scope, 'inv'));
    const code = `rt.widthratio(${v}, ${m}, ${w})`;
    if (node.asName) g.assign(node.asName, scope, code);
    else sink.slot(code);
  },

  lorem: (g, node, sink, scope) => {
    sink.slot(`rt.lorem(${g.expr(node.count, scope, 'inv')}, ${lit(node.method)}, ${node.random})`);
  },

  url: (g, node, sink, scope) => {
    const args = `[${node.args.map((e) => g.expr(e, scope, 'inv')).join(', ')}]`;
    const kwargs = `{ ${node.kwargs.map((b) => `${lit(b.name)}: ${g.expr(b.expr, scope, 'inv')}`).join(', ')} }`;
    const code = `rt.url(${g.expr(node.name, scope, 'inv')}, ${args}, ${kwargs})`;
    if (node.asName) g.assign(node.asName, scope, code);
    else sink.slot(shown(code));
  },

  csrf_token: (g, _node, sink, scope) => sink.slot(`rt.csrf(${g.rootName('csrf_token', scope)})`),

  custom: (g, node, sink, scope) => {
    const args = `[${node.args.map((e) => g.expr(e, scope, 'inv')).join(', ')}]`;
    const kwargs = `{ ${node.kwargs.map((b) => `${lit(b.name)}: ${g.expr(b.expr, scope, 'inv')}`).join(', ')} }`;
    const call = `rt.custom(${g.k(node.spec)}, ${args}, ${kwargs}, ${g.contextHere(scope)}, st, ae, ${sink.tree})`;
    if (node.asName) g.assign(node.asName, scope, call);
    else sink.slot(node.spec.type === 'simple' ? `rt.customShow(${call}, ae)` : call);
  },
};

function emitLoop(g: Generator, node: Extract<Node, { kind: 'for' }>, sink: Sink, scope: CompileScope, seq: string): void {
  const fl = needsForloop(node.body) ? g.tmp('fl') : null;
  const inner = g.newScope(scope);
  if (fl) {
    g.line(`const ${fl} = rt.newLoop(${g.rootName('forloop', scope)}, ${seq}.length);`);
    inner.set('forloop', { read: fl, forloop: true });
  }
  const targets = node.targets.map((t) => {
    const v = g.tmp('l');
    inner.set(t, { read: v });
    return v;
  });
  g.line(`let ${targets.join(', ')};`);
  g.frame(node.body, inner);
  const i = g.tmp('i');
  const head = (): void => {
    g.line(`for (let ${i} = 0; ${i} < ${seq}.length; ${i}++) {`);
    if (fl) g.line(`${fl}.step(${i});`);
    if (targets.length === 1) g.line(`${targets[0]} = ${seq}[${i}];`);
    else {
      const u = g.tmp('u');
      g.line(`const ${u} = rt.unpack(${seq}[${i}], ${targets.length});`);
      targets.forEach((t, idx) => g.line(`${t} = ${u}[${idx}];`));
    }
  };
  if (!sink.tree) {
    head();
    g.body(node.body, sink, inner);
    g.line('}');
    return;
  }
  // Tree mode: one comprehension, its statics shared by every row.
  const rows = g.tmp('rows');
  g.line(`const ${rows} = [];`);
  head();
  const row = g.subtree((s) => g.body(node.body, s, inner));
  g.line(`${rows}.push(${row}.d);`);
  g.line('}');
  const statics = /s: (K\[\d+\])/.exec(row)![1];
  const f = /f: ("[^"]*")/.exec(row)![1];
  sink.slot(`rt.comprehension(${statics}, ${f}, ${rows}, ${seq})`);
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
