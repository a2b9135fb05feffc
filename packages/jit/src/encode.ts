/**
 * The default encoder for context values the JIT does not plan: primitives, dates, the
 * renderer's own values (SafeString, Decimal, PyDate) pass as they are; arrays, Maps and plain
 * objects are copied; other objects contribute their own enumerable fields. Cycles are cut
 * (the repeated object becomes null) and depth is bounded, so encoding always ends.
 */
import { Decimal, PyDate, SafeString } from '@djust/templates';

const MAX_DEPTH = 32;

function isPassThrough(v: object): boolean {
  return v instanceof Date || v instanceof SafeString || v instanceof Decimal || v instanceof PyDate || v instanceof RegExp;
}

function encodeAt(v: unknown, stack: Set<object>, depth: number): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
  if (isPassThrough(v)) return v;
  if (stack.has(v) || depth >= MAX_DEPTH) return null;
  stack.add(v);
  try {
    if (Array.isArray(v) || v instanceof Set) return [...v].map((x) => encodeAt(x, stack, depth + 1));
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      for (const [k, x] of v) out.set(k, encodeAt(x, stack, depth + 1));
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (key.startsWith('_')) continue;
      const x = encodeAt((v as Record<string, unknown>)[key], stack, depth + 1);
      if (x !== undefined) out[key] = x;
    }
    return out;
  } finally {
    stack.delete(v);
  }
}

export function encodeValue(v: unknown): unknown {
  return encodeAt(v, new Set(), 0);
}
