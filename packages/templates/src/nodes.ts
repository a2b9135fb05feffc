/**
 * The template AST. Every node carries its position; each kind declares its nested bodies once
 * in `CHILDREN` (read through `children(node)`) and its expressions in `expressions(node)`, so
 * walkers (the compiler, the variable extractor, block.super detection) need no per-walker
 * knowledge of child fields.
 */
import type { FilterSpec } from './filters/types.js';
import type { CustomTagSpec } from './tags/custom.js';

export interface Pos {
  line: number;
  column: number;
}

/** A literal, or a dotted lookup from a root name. */
export type Operand =
  | { kind: 'literal'; value: unknown }
  | { kind: 'lookup'; path: string[]; text: string };

export interface FilterCall {
  name: string;
  spec: FilterSpec;
  arg?: Operand;
}

/** Django's FilterExpression: an operand followed by filters. */
export interface FilterExpr {
  base: Operand | null;
  filters: FilterCall[];
  text: string;
  pos: Pos;
}

export type IfCond =
  | { op: 'operand'; expr: FilterExpr }
  | { op: 'not'; arg: IfCond }
  | { op: 'or' | 'and' | 'in' | 'not in' | 'is' | 'is not' | '==' | '!=' | '<' | '>' | '<=' | '>='; left: IfCond; right: IfCond };

export interface Binding {
  name: string;
  expr: FilterExpr;
}

interface Base<K extends string> {
  kind: K;
  pos: Pos;
}

export interface TextNode extends Base<'text'> { text: string }
export interface VarNode extends Base<'var'> { expr: FilterExpr }
export interface IfNode extends Base<'if'> { branches: { cond: IfCond | null; body: Node[] }[] }
export interface ForNode extends Base<'for'> {
  targets: string[];
  iter: FilterExpr;
  reversed: boolean;
  body: Node[];
  empty: Node[] | null;
}
export interface WithNode extends Base<'with'> { bindings: Binding[]; body: Node[] }
export interface BlockNode extends Base<'block'> { name: string; body: Node[] }
export interface ExtendsNode extends Base<'extends'> { parent: FilterExpr; body: Node[] }
export interface IncludeNode extends Base<'include'> { template: FilterExpr; bindings: Binding[]; only: boolean; site: number }
export interface CycleNode extends Base<'cycle'> {
  /** Values to cycle through; empty when this tag continues a named cycle. */
  values: FilterExpr[];
  asName: string | null;
  silent: boolean;
  /** Set when the tag names an earlier `{% cycle ... as name %}`. */
  ref: string | null;
  id: number;
}
export interface ResetCycleNode extends Base<'resetcycle'> { cycleId: number }
export interface FirstOfNode extends Base<'firstof'> { values: FilterExpr[]; asName: string | null }
export interface AutoescapeNode extends Base<'autoescape'> { on: boolean; body: Node[] }
export interface FilterTagNode extends Base<'filter'> { expr: FilterExpr; body: Node[] }
export interface SpacelessNode extends Base<'spaceless'> { body: Node[] }
export interface IfChangedNode extends Base<'ifchanged'> { exprs: FilterExpr[]; body: Node[]; else: Node[] | null; id: number }
export interface NowNode extends Base<'now'> { format: string; asName: string | null }
export interface RegroupNode extends Base<'regroup'> { target: FilterExpr; by: FilterExpr; asName: string }
export interface WidthRatioNode extends Base<'widthratio'> {
  value: FilterExpr;
  max: FilterExpr;
  width: FilterExpr;
  asName: string | null;
}
export interface LoremNode extends Base<'lorem'> { count: FilterExpr; method: 'w' | 'p' | 'b'; random: boolean }
export interface UrlNode extends Base<'url'> { name: FilterExpr; args: FilterExpr[]; kwargs: Binding[]; asName: string | null }
export interface CsrfTokenNode extends Base<'csrf_token'> { _?: never }
export interface CustomTagNode extends Base<'custom'> {
  tagName: string;
  spec: CustomTagSpec;
  args: FilterExpr[];
  kwargs: Binding[];
  asName: string | null;
}

export type Node =
  | TextNode
  | VarNode
  | IfNode
  | ForNode
  | WithNode
  | BlockNode
  | ExtendsNode
  | IncludeNode
  | CycleNode
  | ResetCycleNode
  | FirstOfNode
  | AutoescapeNode
  | FilterTagNode
  | SpacelessNode
  | IfChangedNode
  | NowNode
  | RegroupNode
  | WidthRatioNode
  | LoremNode
  | UrlNode
  | CsrfTokenNode
  | CustomTagNode;

export type NodeKind = Node['kind'];

/**
 * Where a nested body renders: in its parent's context frame, or in a frame of its own
 * (Django's `context.push()`: a loop body, a `with` body, a block body).
 */
export type Frame = 'same' | 'new';

/** A node list nested in a node, with the frame it renders in. */
export interface Child {
  nodes: Node[];
  frame: Frame;
}

type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;
/** Fields of N that hold a body. */
type BodyField<N> = { [P in keyof N]-?: N[P] extends Node[] | null ? P : never }[keyof N];
/** Fields of N that hold a list of bodies (if's branches). */
type BranchField<N> = { [P in keyof N]-?: N[P] extends readonly { body: Node[] }[] ? P : never }[keyof N];
type ChildSpec<N> = { field: BodyField<N>; frame: Frame } | { each: BranchField<N>; frame: Frame };

/**
 * Every node kind's nested bodies, declared once, in source order. The compiler, the variable
 * extractor and block.super detection all walk through this table (`children`, `walk`), and
 * its type makes a new kind declare its bodies, so no walk can miss one.
 */
export const CHILDREN: { readonly [K in NodeKind]: readonly ChildSpec<NodeOf<K>>[] } = {
  text: [],
  var: [],
  if: [{ each: 'branches', frame: 'same' }],
  for: [
    { field: 'body', frame: 'new' },
    { field: 'empty', frame: 'same' },
  ],
  with: [{ field: 'body', frame: 'new' }],
  block: [{ field: 'body', frame: 'new' }],
  extends: [{ field: 'body', frame: 'same' }],
  include: [],
  cycle: [],
  resetcycle: [],
  firstof: [],
  autoescape: [{ field: 'body', frame: 'same' }],
  filter: [{ field: 'body', frame: 'same' }],
  spaceless: [{ field: 'body', frame: 'same' }],
  ifchanged: [
    { field: 'body', frame: 'same' },
    { field: 'else', frame: 'same' },
  ],
  now: [],
  regroup: [],
  widthratio: [],
  lorem: [],
  url: [],
  csrf_token: [],
  custom: [],
};

/** The bodies nested in a node, in source order, with their frames (absent optional bodies left out). */
export function children(node: Node): Child[] {
  const out: Child[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const spec of CHILDREN[node.kind] as readonly ChildSpec<Record<string, unknown>>[]) {
    if ('field' in spec) {
      const nodes = record[spec.field] as Node[] | null;
      if (nodes) out.push({ nodes, frame: spec.frame });
    } else {
      for (const b of record[spec.each] as { body: Node[] }[]) out.push({ nodes: b.body, frame: spec.frame });
    }
  }
  return out;
}

/** The node lists nested in a node, in source order. */
export function bodies(node: Node): Node[][] {
  return children(node).map((c) => c.nodes);
}

function condExprs(cond: IfCond, out: FilterExpr[]): void {
  if (cond.op === 'operand') out.push(cond.expr);
  else if (cond.op === 'not') condExprs(cond.arg, out);
  else {
    condExprs(cond.left, out);
    condExprs(cond.right, out);
  }
}

/** Every filter expression a node reads, in source order. */
export function expressions(node: Node): FilterExpr[] {
  switch (node.kind) {
    case 'var':
      return [node.expr];
    case 'if': {
      const out: FilterExpr[] = [];
      for (const b of node.branches) if (b.cond) condExprs(b.cond, out);
      return out;
    }
    case 'for':
      return [node.iter];
    case 'with':
      return node.bindings.map((b) => b.expr);
    case 'extends':
      return [node.parent];
    case 'include':
      return [node.template, ...node.bindings.map((b) => b.expr)];
    case 'cycle':
    case 'firstof':
      return node.values;
    case 'filter':
      return [node.expr];
    case 'ifchanged':
      return node.exprs;
    case 'regroup':
      return [node.target];
    case 'widthratio':
      return [node.value, node.max, node.width];
    case 'lorem':
      return [node.count];
    case 'url':
      return [node.name, ...node.args, ...node.kwargs.map((b) => b.expr)];
    case 'custom':
      return [...node.args, ...node.kwargs.map((b) => b.expr)];
    default:
      return [];
  }
}

/**
 * Visits every node of a tree, depth first, in source order; `descend` (default: always) says
 * whether to go into a node's bodies.
 */
export function walk(nodes: Node[], visit: (n: Node) => void, descend: (n: Node) => boolean = () => true): void {
  for (const n of nodes) {
    visit(n);
    if (descend(n)) for (const c of children(n)) walk(c.nodes, visit, descend);
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
