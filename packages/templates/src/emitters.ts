/**
 * What each kind of node compiles to, in either output mode: one emitter per node kind,
 * called by the Generator in compiler.ts.
 */
import type { Node, FilterExpr, Operand } from './nodes.js';
import { expressions as exprsOf, walk } from './nodes.js';
import type { CompileScope, Generator, Sink } from './compiler.js';

/** A string as a JS literal: how every name and text reaches generated code. */
export const lit = (s: string): string => JSON.stringify(s);

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

type Emitter<N extends Node> = (g: Generator, node: N, sink: Sink, scope: CompileScope) => void;
type EmitterTable = { [K in Node['kind']]: Emitter<Extract<Node, { kind: K }>> };

/** Output of a tag that prints its value autoescaped (render_value_in_context). */
const shown = (code: string): string => `rt.show(${code}, ae)`;

export const EMITTERS: EmitterTable = {
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
    sink.slot(`rt.extend(st, ${parent}, ${g.blockTable}, ${g.contextHere(scope)}, ae, ${sink.tree}, ${g.k(g.templateOrigin)})`);
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
    const state = loop?.forloop ? `${loop.read}._state` : `rt.loopState(${g.rootName('forloop', scope)}, st)`;
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
    if (fl) g.line(`${fl}._step(${i});`);
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

