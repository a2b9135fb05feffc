/**
 * What compiled templates call at render time. Generated code receives this object as `rt`
 * and never reaches anything else, so everything a template can do passes through here.
 */
import { SafeString, escapeHtml, markSafe } from './safe.js';
import { callFound, dataConstructor, lookup, lookupName, MISSING, silentFailure } from './lookup.js';
import { Decimal, PyDate, PyFloat, isTruthy, localizeNumber, pyIter, pyLen, pyStr } from './values.js';
import { pyCompare, pyEquals } from './compare.js';
import type { FilterSpec } from './filters/types.js';
import { Scope } from './scope.js';
import { TemplateRuntimeError, TemplateSyntaxError, VariableDoesNotExist, noSuchBlock, type SourcePosition } from './errors.js';
import { formatDate } from './dates/format.js';
import { DATE_FORMAT, DATETIME_FORMAT } from './dates/formats.js';
import type { Comprehension, Dynamic, Tree } from '@djust/protocol/tree';
import { dateFilters } from './dates/filters.js';
import { paragraphs, words } from './lorem.js';
import { parsePyFloat, parsePyInt } from './expr.js';
import type { CustomTagSpec } from './tags/custom.js';
import { BlockContext, RenderState, type BlockFn, type BlockTarget, type CompiledTemplate } from './render-state.js';
import { ForLoop, GroupedResult } from './loop.js';

/** What the runtime needs from the engine. */
export interface RuntimeHost {
  /** Finds a template by name (or accepts a Template), skipping the given origins. */
  load(name: unknown, skip: string[]): CompiledTemplate;
  resolveUrl(name: string, args: unknown[], kwargs: Record<string, unknown>): string;
}

/** Django's localize + conditional escaping: how a `{{ }}` value prints. */
export function show(v: unknown, ae: boolean): string {
  if (typeof v === 'string') return ae ? escapeHtml(v) : v;
  if (v instanceof SafeString) return v.value;
  if (v === MISSING || v === undefined) return '';
  let text: string;
  if (typeof v === 'number') return localizeNumber(v);
  if (v instanceof Decimal || v instanceof PyFloat) return localizeNumber(v);
  if (v instanceof Date) text = formatDate(v, DATETIME_FORMAT);
  else if (v instanceof PyDate) text = formatDate(v, DATE_FORMAT);
  else text = pyStr(v);
  return ae ? escapeHtml(text) : text;
}

// Shared, frozen: filters get one of these instead of a new object per call.
const AUTOESCAPE_ON = Object.freeze({ autoescape: true });
const AUTOESCAPE_OFF = Object.freeze({ autoescape: false });

/** Nesting deeper than this (includes, extends chains) is a runaway recursion. */
const MAX_RENDER_DEPTH = 64;

export class Runtime {
  readonly M = MISSING;
  readonly show = show;
  readonly truthy = isTruthy;
  readonly markSafe = markSafe;
  readonly str = pyStr;
  readonly VDNE = VariableDoesNotExist;

  constructor(readonly host: RuntimeHost) {}

  /** One segment (checked at compile time: never a forbidden name), by lookupName; MISSING stays MISSING. */
  readonly get = lookupName;
  /** One segment whose name may be forbidden (`constructor`): always MISSING then. */
  readonly lookup = lookup;
  /** A lookup path's end when a getter threw: MISSING if the error is marked silent, else it propagates. */
  readonly silent = silentFailure;

  /** A compiled path's fast case: see dataConstructor and callFound in lookup.ts. */
  readonly dataCtor = dataConstructor;
  readonly call = callFound;

  root(c: Scope, name: string): unknown {
    return c.getName(name);
  }

  /** A missing value where Django substitutes string_if_invalid (''). */
  inv(v: unknown): unknown {
    return v === MISSING ? '' : v;
  }

  /** A missing value where Django resolves with ignore_failures (None). */
  none(v: unknown): unknown {
    return v === MISSING ? null : v;
  }

  /** A filter argument naming a variable must exist (Django's Variable.resolve). */
  arg(v: unknown, text: string): unknown {
    if (v === MISSING) throw new VariableDoesNotExist(`Failed lookup for key [${text}]`);
    return v;
  }

  /** Django's FilterExpression step: call, then keep safeness for is_safe filters. */
  f(spec: FilterSpec, value: unknown, arg: unknown, ae: boolean): unknown {
    // Filters see integral float literals as numbers, or as their text ("2.0") where they want a string.
    let input = value instanceof PyFloat && !spec.stringFilter ? value.value : value;
    if (arg instanceof PyFloat) arg = arg.value;
    if (spec.stringFilter && !(input instanceof SafeString)) input = pyStr(input);
    let out = spec.fn(input, arg, ae ? AUTOESCAPE_ON : AUTOESCAPE_OFF);
    // A filter that hands its input back (default, first...) keeps it a float.
    if (value instanceof PyFloat && out === value.value) out = value;
    if (spec.isSafe && value instanceof SafeString && (typeof out === 'string' || out instanceof SafeString)) {
      return markSafe(out);
    }
    return out;
  }

  /** The sequence a `{% for %}` walks. */
  seq(v: unknown, reversed: boolean): unknown[] {
    if (v === null || v === undefined || v === MISSING) return [];
    const items = pyIter(v);
    if (items === undefined) throw new TypeError(`'${typeof v}' object is not iterable`);
    return reversed ? [...items].reverse() : items;
  }

  /** Tuple unpacking in `{% for a, b in pairs %}`. */
  unpack(item: unknown, n: number): unknown[] {
    const items = pyLen(item) === undefined ? [item] : (pyIter(item) ?? [item]);
    if (items.length !== n) throw new TypeError(`Need ${n} values to unpack in for loop; got ${items.length}. `);
    return items;
  }

  newLoop(parent: unknown, len: number): ForLoop {
    return new ForLoop(parent === MISSING || parent === undefined ? {} : parent, len);
  }

  // Operators of `{% if %}`; Django turns any exception inside one into False.
  eq(a: unknown, b: unknown): boolean {
    return pyEquals(a === MISSING ? null : a, b === MISSING ? null : b);
  }
  /** `==` against a string literal, the common case: no type juggling needed. */
  eqs(a: unknown, s: string): boolean {
    return typeof a === 'string' ? a === s : a instanceof SafeString && a.value === s;
  }
  cmp(op: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
    const c = pyCompare(a, b);
    if (Number.isNaN(c)) return false;
    return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
  }
  is(a: unknown, b: unknown): boolean {
    const na = a === null || a === undefined || a === MISSING;
    const nb = b === null || b === undefined || b === MISSING;
    if (na || nb) return na && nb;
    if (typeof a === 'number' && typeof b === 'number') return a === b;
    return a === b;
  }
  in(a: unknown, b: unknown): boolean {
    if (typeof b === 'string' || b instanceof SafeString) {
      if (typeof a !== 'string' && !(a instanceof SafeString)) throw new TypeError(`'in <string>' requires string as left operand`);
      return String(b).includes(String(a));
    }
    if (b instanceof Map) return b.has(a);
    if (b instanceof Set) return [...b].some((x) => pyEquals(x, a));
    if (Array.isArray(b)) return b.some((x) => pyEquals(x, a));
    if (b !== null && typeof b === 'object') {
      const items = pyIter(b);
      if (items) return items.some((x) => pyEquals(x, a));
    }
    throw new TypeError('argument is not iterable');
  }

  /** Index of the value a cycle shows next, advancing it. */
  cycle(st: RenderState, id: number, n: number): number {
    const i = st.cycles.get(id) ?? 0;
    st.cycles.set(id, (i + 1) % n);
    return i;
  }
  resetCycle(st: RenderState, id: number): void {
    st.cycles.delete(id);
  }

  /** ifchanged: true (and remembered) when the value differs from the last one seen. */
  changed(state: Map<string, unknown>, st: RenderState, id: number, value: unknown): boolean {
    const key = st.instance + id;
    if (state.has(key) && pyEquals(state.get(key), value)) return false;
    state.set(key, value);
    return true;
  }

  /** Where ifchanged keeps its state: the enclosing loop (Django's forloop dict), else the render. */
  loopState(forloop: unknown, st: RenderState): Map<string, unknown> {
    return forloop instanceof ForLoop ? forloop._state : st.changed;
  }

  scope(c: Scope, values: Record<string, unknown>): Scope {
    return c.push(values);
  }

  spaceless(text: string): SafeString {
    return markSafe(text.trim().replace(/>\s+</g, '><'));
  }

  regroup(list: unknown, key: (item: unknown) => unknown): GroupedResult[] {
    const items = pyIter(list) ?? [];
    const out: GroupedResult[] = [];
    for (const item of items) {
      const k = key(item);
      const last = out[out.length - 1];
      if (last && pyEquals(last.grouper, k)) last.list.push(item);
      else out.push(new GroupedResult(k, [item]));
    }
    return out;
  }

  /** `{% block %}`: the most derived body, with `block.super` reaching the next one up. */
  block(st: RenderState, name: string, own: BlockFn, c: Scope, ae: boolean, tree: boolean): string | Tree {
    const target = st.target;
    if (target?.wrap && !tree && !target.active && name === target.name) return this.wrapped(st, target, target.wrap, own, ae);
    return this.blockBody(st, name, own, c, ae, tree);
  }

  /** The target block of a wrapped render: counted, and its output put between the given markup. */
  private wrapped(st: RenderState, target: BlockTarget, wrap: NonNullable<BlockTarget['wrap']>, own: BlockFn, ae: boolean): string {
    target.count++;
    target.active = true;
    try {
      return wrap.before + (this.blockBody(st, target.name, own, target.scope, ae, false) as string) + wrap.after;
    } finally {
      target.active = false;
    }
  }

  private blockBody(st: RenderState, name: string, own: BlockFn, c: Scope, ae: boolean, tree: boolean): string | Tree {
    const bc = st.blocks;
    if (!bc) {
      const blk = {
        name,
        super: () => {
          throw new TemplateSyntaxError(`'BlockNode' object has no attribute 'context'. Did you use {{ block.super }} in a base template?`);
        },
      };
      return tree ? own.t(this, c, st, ae, blk) : own.s(this, c, st, ae, blk);
    }
    const popped = bc.pop(name);
    const fn = popped ?? own;
    // block.super is a value inside the body, so it always renders as a string.
    const blkVar = { name, super: () => (bc.peek(name) ? markSafe(this.block(st, name, fn, c, ae, false) as string) : '') };
    try {
      return tree ? fn.t(this, c, st, ae, blkVar) : fn.s(this, c, st, ae, blkVar);
    } finally {
      if (popped) bc.push(name, popped);
    }
  }

  /**
   * `{% extends %}`: registers this template's blocks, then renders the parent in the same
   * state. The parent is looked up past every origin of the chain so far, `self` (this
   * template's origin) first, so a template can extend another of the same name.
   */
  extend(st: RenderState, parentName: unknown, blocks: Record<string, BlockFn>, c: Scope, ae: boolean, tree: boolean, self: string): string | Tree {
    if (parentName === MISSING || !isTruthy(parentName)) {
      throw new TemplateSyntaxError(`Invalid template name in 'extends' tag: ${pyStr(parentName)}.`);
    }
    const history = st.history.length ? st.history : [self];
    const parent = this.load(parentName, st, history);
    st.blocks ??= new BlockContext();
    st.blocks.add(blocks);
    if (!parent.extendsParent) st.blocks.add(parent.blocks);
    const inner = new RenderState(st.depth + 1, st.instance);
    inner.blocks = st.blocks;
    inner.history = [...history, parent.origin];
    inner.target = st.target;
    // A block-only render stops at the chain's root: the block, not the root's document.
    if (inner.target && !inner.target.wrap && !parent.extendsParent) return this.onlyBlock(inner, inner.target, ae, tree);
    return tree ? parent.treeInto(this, c, inner, ae) : parent.renderInto(this, c, inner, ae);
  }

  private onlyBlock(st: RenderState, target: BlockTarget, ae: boolean, tree: boolean): string | Tree {
    const own = st.blocks?.peek(target.name);
    if (!own) throw noSuchBlock(target.template, target.name, st.blocks?.names() ?? []);
    target.result = this.blockBody(st, target.name, own, target.scope, ae, tree);
    return target.result;
  }

  /** `{% include %}`: a fresh render state, the current or an isolated context. */
  include(st: RenderState, name: unknown, c: Scope, ae: boolean, tree: boolean, site: number): string | Tree {
    const tpl = this.load(name, st);
    const inner = new RenderState(st.depth + 1, `${st.instance}${site}/`);
    return tree ? tpl.treeInto(this, c, inner, ae) : tpl.renderInto(this, c, inner, ae);
  }

  private load(name: unknown, st: RenderState, skip: string[] = []): CompiledTemplate {
    if (st.depth >= MAX_RENDER_DEPTH) {
      throw new TemplateRuntimeError(`Templates nest more than ${MAX_RENDER_DEPTH} deep (a recursive include?)`);
    }
    return this.host.load(name, skip);
  }

  isolated(values: Record<string, unknown>): Scope {
    return new Scope(Object.create(null) as object).push(values);
  }

  /** `{% now %}`: today through the date filter, so named formats work. */
  now(format: string, ae: boolean): string {
    return pyStr(dateFilters.date.fn(new Date(), markSafe(format), { autoescape: ae }));
  }

  /** `{% widthratio %}`: Python's round-half-even of value / max * width. */
  widthratio(value: unknown, max: unknown, width: unknown): string {
    const w = toPyInt(width);
    if (w === undefined) throw new TemplateSyntaxError('widthratio final argument must be a number');
    const v = toPyFloat(value);
    const m = toPyFloat(max);
    if (v === undefined || m === undefined) return '';
    if (m === 0) return '0';
    const ratio = (v / m) * w;
    if (!Number.isFinite(ratio)) return '';
    return String(roundHalfEven(ratio));
  }

  lorem(count: unknown, method: 'w' | 'p' | 'b', random: boolean): string {
    const n = toPyInt(count) ?? 1;
    if (method === 'w') return words(n, !random);
    const paras = paragraphs(n, !random);
    return (method === 'p' ? paras.map((p) => `<p>${p}</p>`) : paras).join('\n\n');
  }

  csrf(token: unknown): string {
    if (token === MISSING || !isTruthy(token)) return '';
    const text = pyStr(token);
    if (text === 'NOTPROVIDED') return '';
    return `<input type="hidden" name="csrfmiddlewaretoken" value="${escapeHtml(text)}">`;
  }

  /** A simple tag's output as printed: conditionally escaped, str() not localized. */
  customShow(out: unknown, ae: boolean): string {
    if (out instanceof SafeString) return out.value;
    return ae ? escapeHtml(pyStr(out)) : pyStr(out);
  }

  /** A custom tag: a simple tag's value, or an inclusion tag's rendered template. */
  custom(spec: CustomTagSpec, args: unknown[], kwargs: Record<string, unknown>, c: Scope, st: RenderState, ae: boolean, tree: boolean): unknown {
    const context = { get: (name: string) => { const v = c.get(name); return v === MISSING ? undefined : v; }, autoescape: ae };
    const out = spec.fn(args, kwargs, context);
    if (spec.type === 'simple') return out;
    const data = out !== null && typeof out === 'object' ? (out as Record<string, unknown>) : {};
    const csrf = c.get('csrf_token');
    const values = csrf === MISSING ? data : { csrf_token: csrf, ...data };
    return this.include(st, spec.template, this.isolated(values), ae, tree, -1);
  }

  /** A `{% for %}` in tree mode; rows keep their item keys when every item has a distinct one. */
  comprehension(s: readonly string[], f: string, rows: Dynamic[][], items: unknown[]): Comprehension {
    const out: Comprehension = { s, f, r: rows };
    const keys = rowKeys(items);
    if (keys) out.k = keys;
    return out;
  }

  url(name: unknown, args: unknown[], kwargs: Record<string, unknown>): string {
    return this.host.resolveUrl(pyStr(name), args, kwargs);
  }

  /** Adds the template position to an error thrown while rendering. */
  error(e: unknown, template: string, source: string, line: number, column: number): Error {
    const pos: SourcePosition = { template, line, column };
    if (e instanceof VariableDoesNotExist || e instanceof TemplateSyntaxError || e instanceof TemplateRuntimeError) {
      if (!e.position) {
        const wrapped = new (e.constructor as typeof VariableDoesNotExist)(e.reason, pos, source);
        return wrapped;
      }
      return e;
    }
    if (e instanceof Error && (e.name === 'TemplateDoesNotExist')) return e;
    if (e instanceof RangeError) {
      return new TemplateRuntimeError(`Rendering recursed too deeply: ${e.message}`, pos, source);
    }
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const err = new TemplateRuntimeError(msg, pos, source);
    err.cause = e;
    return err;
  }
}

function toPyFloat(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Decimal) return v.toNumber();
  if (typeof v === 'string' || v instanceof SafeString) return parsePyFloat(String(v));
  return undefined;
}

function toPyInt(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (v instanceof PyFloat) return Math.trunc(v.value);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Decimal) return Math.trunc(v.toNumber());
  if (typeof v === 'string' || v instanceof SafeString) return parsePyInt(String(v));
  return undefined;
}

/** Python 3's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function rowKeys(items: unknown[]): (string | number)[] | undefined {
  const keys: (string | number)[] = [];
  const seen = new Set<string | number>();
  for (const item of items) {
    if (item === null || typeof item !== 'object') return undefined;
    const rec = item as Record<string, unknown>;
    const k = rec.id ?? rec.pk ?? rec.key;
    if ((typeof k !== 'string' && typeof k !== 'number') || seen.has(k)) return undefined;
    seen.add(k);
    keys.push(k);
  }
  return keys;
}

