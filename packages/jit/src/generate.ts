/**
 * Phase 3: JavaScript source for a serializer that copies exactly the planned paths into
 * plain objects: null-safe at every hop, methods called, getters read, collections turned
 * into arrays, dates and decimals as the renderer's PyDate and Decimal. Every name from a
 * template reaches the code only as a JSON string literal, and only after the planner found
 * it in the entity's metadata or class.
 */
import { Decimal, PyDate } from '@djust/templates';
import type { FieldPlan, NodePlan } from './plan.js';
import { rowList } from './queryset.js';

/** The helpers generated code calls, passed in as `h`. */
export interface SerializerHelpers {
  date(v: unknown): unknown;
  decimal(v: unknown): unknown;
  many(coll: unknown, each: (e: unknown) => unknown, queryset?: boolean): unknown[];
  unref(v: unknown): unknown;
  call(owner: object, member: string, entity: string): unknown;
  printed(out: object, entity: object): object;
}

export type Serializer = (entity: unknown) => unknown;

const lit = (s: string): string => JSON.stringify(s);

function fieldCode(f: FieldPlan, names: Map<NodePlan, string>): string {
  const key = `o[${lit(f.key)}]`;
  switch (f.kind) {
    case 'scalar': {
      const read = f.ref ? `h.unref(e[${lit(f.prop)}])` : `e[${lit(f.prop)}]`;
      if (f.convert === 'date') return `${key} = h.date(${read});`;
      if (f.convert === 'decimal') return `${key} = h.decimal(${read});`;
      return `${key} = ${read};`;
    }
    case 'embedded':
      return `${key} = ${`e[${lit(f.prop)}]`} ?? null;`;
    case 'getter':
      return `${key} = e[${lit(f.member)}];`;
    case 'method':
      return `${key} = h.call(e, ${lit(f.member)}, E);`;
    case 'toOne': {
      const read = f.ref ? `h.unref(e[${lit(f.prop)}])` : `e[${lit(f.prop)}]`;
      return `${key} = ${names.get(f.child)}(${read});`;
    }
    case 'toMany':
      return `${key} = h.many(e[${lit(f.prop)}], ${names.get(f.child)}${f.queryset ? ', true' : ''});`;
  }
}

/** Source of a function `(h) => serializer` for the plan rooted at `root`. */
export function generateSource(root: NodePlan): string {
  const order: NodePlan[] = [];
  const names = new Map<NodePlan, string>();
  const visit = (n: NodePlan): void => {
    if (names.has(n)) return;
    names.set(n, `s${order.length}`);
    order.push(n);
    for (const f of n.fields) if (f.kind === 'toOne' || f.kind === 'toMany') visit(f.child);
  };
  visit(root);
  const fns = order.map((n) => {
    const body = [
      ...n.keys.filter((k) => !n.fields.some((f) => f.key === k)).map((k) => `o[${lit(k)}] = e[${lit(k)}];`),
      ...n.fields.map((f) => fieldCode(f, names)),
    ];
    return [
      `function ${names.get(n)}(e) {`,
      `  if (e === null || e === undefined) return null;`,
      `  const E = ${lit(n.entity)};`,
      `  const o = {};`,
      ...body.map((l) => `  ${l}`),
      `  return ${n.printed ? 'h.printed(o, e)' : 'o'};`,
      `}`,
    ].join('\n');
  });
  return `"use strict";\n${fns.join('\n')}\nreturn s0;`;
}

function isCollectionLike(v: unknown): v is { isInitialized(): boolean; getItems(check?: boolean): unknown[] } {
  return typeof v === 'object' && v !== null && typeof (v as { getItems?: unknown }).getItems === 'function';
}

export const helpers: SerializerHelpers = {
  date(v) {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return PyDate.fromDate(v);
    return typeof v === 'string' ? (PyDate.parse(v.slice(0, 10)) ?? v) : v;
  },
  decimal(v) {
    if (v === null || v === undefined) return null;
    return typeof v === 'string' ? (Decimal.parse(v) ?? v) : v;
  },
  many(coll, each, queryset) {
    let items: unknown[];
    if (Array.isArray(coll)) items = coll;
    else if (isCollectionLike(coll)) items = coll.isInitialized() ? coll.getItems(false) : [];
    else items = [];
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = each(items[i]);
    return rowList(out, queryset);
  },
  unref(v) {
    return v !== null && typeof v === 'object' && typeof (v as { unwrap?: unknown }).unwrap === 'function'
      ? (v as { unwrap(): unknown }).unwrap()
      : v;
  },
  call(owner, member, entity) {
    const fn = (owner as Record<string, unknown>)[member];
    if (typeof fn !== 'function') return null;
    try {
      return (fn as () => unknown).call(owner);
    } catch (e) {
      throw new Error(`${entity}.${member}() failed while serializing: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  },
  printed(out, entity) {
    // The entity's own toString, computed now, travels with the plain data.
    const text = String(entity);
    Object.defineProperty(out, 'toString', { value: () => text, enumerable: false });
    return out;
  },
};

/** Compiles generated source into a serializer bound to the helpers. */
export function compileSerializer(source: string): Serializer {
  const factory = new Function('h', source) as (h: SerializerHelpers) => Serializer;
  return factory(helpers);
}
