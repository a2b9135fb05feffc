/**
 * The default encoder for context values: primitives, dates, the renderer's own values
 * (SafeString, Decimal, PyDate) pass as they are; arrays, Sets, Maps and plain objects are
 * copied; other objects contribute their own enumerable fields. Cycles are cut (the repeated
 * object becomes null) and depth is bounded, so encoding always ends.
 *
 * An entity is never copied field by field: the JIT claims every entity (and query,
 * Collection, Reference) it finds, through `claim`, to serialize it by the template's paths;
 * without a claim an entity contributes only its primary key.
 */
import { Collection, Reference, Utils, helper } from '@mikro-orm/core';
import { Decimal, PyDate, SafeString } from '@djust/templates';

const MAX_DEPTH = 32;

/** Where a value sits: object or Map keys, and array or Set indexes (numbers). */
export type Position = readonly (string | number)[];

export interface EncodeOptions {
  /**
   * Offered every object before it is copied, with where it sits. Returning true claims it:
   * the caller encodes it itself and hands the result to `put`, which puts it in its place.
   */
  claim?(value: object, at: Position, put: (encoded: unknown) => void): boolean;
}

function isPassThrough(v: object): boolean {
  return v instanceof Date || v instanceof SafeString || v instanceof Decimal || v instanceof PyDate || v instanceof RegExp;
}

/** An unclaimed entity (or a Reference to one): its primary key, nothing else; a Collection: its rows' keys. */
function keysOnly(v: object): Record<string, unknown> | Record<string, unknown>[] | undefined {
  if (v instanceof Collection) return v.isInitialized() ? v.getItems(false).map((e) => keysOnly(e) as Record<string, unknown>) : [];
  const entity = Reference.isReference(v) ? (v as Reference<object>).unwrap() : v;
  if (!Utils.isEntity(entity)) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of helper(entity).__meta.primaryKeys) out[k] = (entity as Record<string, unknown>)[k];
  return out;
}

/**
 * Sets a field of a copy as data. Plain assignment of `__proto__` (an own key of parsed JSON)
 * would replace the copy's prototype instead; it is defined as an own property like any key.
 */
export function setField(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

/** What `value` returns for a claimed object: its place is filled later through `put`. */
const CLAIMED: unique symbol = Symbol('claimed');

class Encoder {
  private readonly stack = new Set<object>();

  constructor(private readonly options: EncodeOptions) {}

  /** The encoded value, or CLAIMED when the claimer will `put` it later. */
  value(v: unknown, at: Position, put: (encoded: unknown) => void): unknown {
    if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
    if (isPassThrough(v)) return v;
    if (this.options.claim?.(v, at, put)) return CLAIMED;
    if (this.stack.has(v) || at.length >= MAX_DEPTH) return null;
    const keys = keysOnly(v);
    if (keys) return keys;
    this.stack.add(v);
    try {
      return this.copy(v, at);
    } finally {
      this.stack.delete(v);
    }
  }

  /** A claimed child holds null until its encoded form is put in its place. */
  private copy(v: object, at: Position): unknown {
    if (Array.isArray(v) || v instanceof Set) {
      const out: unknown[] = [];
      for (const x of v) {
        const i = out.length;
        const e = this.value(x, [...at, i], (later) => (out[i] = later));
        out.push(e === CLAIMED ? null : e);
      }
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      for (const [k, x] of v) {
        const e = this.value(x, [...at, String(k)], (later) => out.set(k, later));
        out.set(k, e === CLAIMED ? null : e);
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      // Private-by-convention fields (`_x`, and so `__proto__`) are not copied.
      if (key.startsWith('_')) continue;
      const e = this.value((v as Record<string, unknown>)[key], [...at, key], (later) => setField(out, key, later));
      if (e === CLAIMED) setField(out, key, null);
      else if (e !== undefined) setField(out, key, e);
    }
    return out;
  }
}

/**
 * Encodes `v`, found at `at`, and hands the result to `put`: at once, or later when
 * `options.claim` takes `v` itself.
 */
export function encodeInto(v: unknown, at: Position, options: EncodeOptions, put: (encoded: unknown) => void): void {
  const e = new Encoder(options).value(v, at, put);
  if (e !== CLAIMED) put(e);
}

export function encodeValue(v: unknown, options: EncodeOptions = {}): unknown {
  let out: unknown;
  encodeInto(v, [], options, (e) => (out = e));
  return out;
}
