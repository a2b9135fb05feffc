/**
 * Property test: random values (plain and null-prototype objects, class instances with
 * getters and methods, arrays, Maps, Sets, SafeStrings, Decimals, dates, Errors, Buffers and
 * typed arrays, iterators and generators, callables flagged alters_data or do_not_call_in_templates, getters
 * that fail loudly or with silent_variable_failure, subclasses of built-in types) and random
 * dotted paths. Rendering `{{ a.b.c }}` through a compiled template must print exactly what
 * lookup.ts's `resolvePath` finds (or fail when it fails), and neither may change the value.
 *
 * Reproduce a failure: fast-check prints `seed` and `path`; run with
 *   FC_SEED=<seed> FC_PATH=<path> node --import tsx --test test/engine/lookup.property.test.ts
 * FC_RUNS=<n> runs more cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Engine, SafeString, Decimal, PyDate, markAltersData } from '../../src/index.js';
import { resolvePath } from '../../src/lookup.js';
import { show } from '../../src/runtime.js';

const SEED = Number(process.env.FC_SEED ?? 0x100c);
const RUNS = Number(process.env.FC_RUNS ?? 1500);
const PATH = process.env.FC_PATH;

// ------------------------------------------------------------------ values

const KEYS = [
  'a', 'b', 'name', 'value', 'length', 'size', 'message', 'stack', 'digits', 'exponent', 'reverse', 'sort', 'pop',
  'fill', 'next', 'items', 'keys', 'values', '0', '1', 'upper', 'year', 'end_date', 'endDate', 'full_name',
  'get_full_name', 'toString', 'valueOf', 'constructor', 'quiet', 'loud', 'wipe', 'purge', 'total', 'count', 'code', 'detail',
] as const;

/** What to build: a description, so each side of the comparison gets its own fresh value. */
type Spec =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'null' | 'undef' | 'date' | 'pydate' | 'dnc' | 'alters' | 'gen' | 'iter' | 'errsub' | 'quietFn' }
  | { t: 'plain' | 'nullproto' | 'model' | 'child' | 'map' | 'registry'; entries: [string, Spec][] }
  | { t: 'array' | 'set' | 'rows'; items: Spec[] }
  | { t: 'safe'; v: string }
  | { t: 'decimal'; v: string }
  | { t: 'error'; v: string }
  | { t: 'buffer' | 'u8'; bytes: number[] }
  | { t: 'f64'; nums: number[] }
  | { t: 'fn'; ret: Spec };

/** JS members of built-in values that would unwrap or mutate them: drawn more often. */
const RISKY = ['length', 'size', 'message', 'stack', 'value', 'digits', 'reverse', 'sort', 'pop', 'fill', 'next', 'wipe', 'purge'] as const;
const key = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...RISKY) }, { weight: 3, arbitrary: fc.constantFrom(...KEYS) });
const { spec } = fc.letrec<{ spec: Spec }>((tie) => {
  const child = tie('spec');
  const entries = fc.array(fc.tuple(key, child), { maxLength: 4 });
  const items = fc.array(child, { maxLength: 4 });
  return {
    spec: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      {
        weight: 5,
        arbitrary: fc.constantFrom<Spec>({ t: 'null' }, { t: 'undef' }, { t: 'date' }, { t: 'pydate' }, { t: 'dnc' }, { t: 'alters' }, { t: 'gen' }, { t: 'iter' }, { t: 'errsub' }, { t: 'quietFn' }),
      },
      fc.string({ maxLength: 4 }).map((v): Spec => ({ t: 'str', v })),
      fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, min: -10, max: 10 })).map((v): Spec => ({ t: 'num', v })),
      fc.boolean().map((v): Spec => ({ t: 'bool', v })),
      fc.tuple(fc.constantFrom('plain', 'nullproto', 'model', 'child', 'map', 'registry') as fc.Arbitrary<'plain'>, entries).map(([t, e]): Spec => ({ t, entries: e })),
      fc.tuple(fc.constantFrom('array', 'set', 'rows') as fc.Arbitrary<'array'>, items).map(([t, i]): Spec => ({ t, items: i })),
      fc.string({ maxLength: 4 }).map((v): Spec => ({ t: 'safe', v })),
      fc.constantFrom('1.50', '-0.001', '12E+3').map((v): Spec => ({ t: 'decimal', v })),
      fc.string({ maxLength: 4 }).map((v): Spec => ({ t: 'error', v })),
      fc.tuple(fc.constantFrom('buffer', 'u8') as fc.Arbitrary<'buffer'>, fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 })).map(([t, bytes]): Spec => ({ t, bytes })),
      fc.array(fc.double({ noNaN: true, min: -10, max: 10 }), { maxLength: 4 }).map((nums): Spec => ({ t: 'f64', nums })),
      child.map((ret): Spec => ({ t: 'fn', ret })),
    ),
  };
});

function quietError(): Error {
  return Object.assign(new Error('quiet'), { silent_variable_failure: true });
}

/** An application model: fields, a getter, methods (one altering data), failing getters. */
class Model {
  wiped = false;
  constructor(fields: Record<string, unknown>) {
    // Own fields, even where a getter of the same name exists: the own field wins.
    for (const [k, v] of Object.entries(fields)) Object.defineProperty(this, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  get full_name(): string {
    return 'Ada Lovelace';
  }
  getFullName(): string {
    return 'Ada L.';
  }
  get quiet(): never {
    throw quietError();
  }
  get loud(): never {
    throw new RangeError('loud getter');
  }
  wipe(): string {
    this.wiped = true;
    return 'wiped';
  }
  purge(): string {
    this.wiped = true;
    return 'purged';
  }
}
(Model.prototype.wipe as { alters_data?: boolean }).alters_data = true;
// Marked on the class instead (survives wrapping): refused on Model and Child alike.
markAltersData(Model, 'purge');

class Child extends Model {
  get detail(): string {
    return 'child detail';
  }
}

class AppError extends Error {
  code = 'E42';
  get detail(): string {
    return 'app error detail';
  }
}

class Rows extends Array<unknown> {
  get total(): number {
    return this.length;
  }
}

class Registry extends Map<string, unknown> {
  get count(): number {
    return this.size;
  }
}

/** Side effects a lookup must never cause, recorded where the dump can see them. */
const effects = new WeakMap<object, { calls: number }>();

function build(s: Spec): unknown {
  switch (s.t) {
    case 'str':
    case 'num':
    case 'bool':
      return s.v;
    case 'null':
      return null;
    case 'undef':
      return undefined;
    case 'date':
      return new Date(2024, 0, 5, 13, 4);
    case 'pydate':
      return new PyDate(2024, 1, 5);
    case 'plain':
      return Object.fromEntries(s.entries.map(([k, v]) => [k, build(v)]));
    case 'nullproto':
      return Object.assign(Object.create(null) as object, Object.fromEntries(s.entries.map(([k, v]) => [k, build(v)])));
    case 'model':
      return new Model(Object.fromEntries(s.entries.map(([k, v]) => [k, build(v)])));
    case 'child':
      return new Child(Object.fromEntries(s.entries.map(([k, v]) => [k, build(v)])));
    case 'map':
      return new Map(s.entries.map(([k, v]) => [k, build(v)]));
    case 'registry':
      return new Registry(s.entries.map(([k, v]) => [k, build(v)]));
    case 'array':
      return s.items.map(build);
    case 'rows':
      return Rows.from(s.items.map(build));
    case 'set':
      return new Set(s.items.map(build));
    case 'safe':
      return new SafeString(s.v);
    case 'decimal':
      return Decimal.parse(s.v);
    case 'error':
      return new Error(s.v);
    case 'errsub':
      return new AppError('app');
    case 'buffer':
      return Buffer.from(s.bytes);
    case 'u8':
      return Uint8Array.from(s.bytes);
    case 'f64':
      return Float64Array.from(s.nums);
    case 'fn': {
      const ret = build(s.ret);
      return () => ret;
    }
    case 'quietFn':
      return () => {
        throw quietError();
      };
    case 'dnc':
      return Object.assign(function notCalled(): string {
        return 'called';
      }, { do_not_call_in_templates: true });
    case 'alters': {
      const fn = Object.assign(() => {
        effects.get(fn)!.calls++;
        return 'altered';
      }, { alters_data: true });
      effects.set(fn, { calls: 0 });
      return fn;
    }
    case 'iter': {
      // An array iterator (its `constructor` reads as Object's): reading element 0 counts as a step.
      const record = { calls: 0 };
      const items: unknown[] = [];
      Object.defineProperty(items, 0, { get: () => ++record.calls, enumerable: true });
      const it = items[Symbol.iterator]();
      effects.set(it, record);
      return it;
    }
    case 'gen': {
      const record = { calls: 0 };
      const gen = (function* () {
        record.calls++;
        yield 1;
      })();
      effects.set(gen, record);
      return gen;
    }
  }
}

/** A snapshot of everything a lookup could change in a value. */
function dump(v: unknown, seen = new Set<unknown>()): unknown {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
  if (seen.has(v)) return '<cycle>';
  seen.add(v);
  const effect = effects.get(v as object);
  if (effect) return { calls: effect.calls };
  if (typeof v === 'function') return 'fn';
  if (ArrayBuffer.isView(v)) return [...(v as Uint8Array)];
  if (Array.isArray(v) || v instanceof Set) return [...v].map((x) => dump(x, seen));
  if (v instanceof Map) return [...v].map(([k, x]) => [k, dump(x, seen)]);
  if (v instanceof Date) return v.getTime();
  if (v instanceof Error) return [v.message, dump({ ...v }, seen)];
  return Object.entries(v).map(([k, x]) => [k, dump(x, seen)]);
}

const path = fc.array(key, { minLength: 1, maxLength: 4 });

// ------------------------------------------------------------------ property

type Outcome = { ok: true; text: string } | { ok: false; message: string };

function outcome(run: () => string): Outcome {
  try {
    return { ok: true, text: run() };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

test('a compiled {{ a.b.c }} prints what resolvePath finds, and neither changes the value', () => {
  const engine = new Engine();
  fc.assert(
    fc.property(spec, path, (s, segs) => {
      const template = engine.fromString(`{{ a.${segs.join('.')} }}`);
      const forRender = build(s);
      const forLookup = build(s);
      const before = dump(forRender);
      const rendered = outcome(() => template.render({ a: forRender }));
      const expected = outcome(() => show(resolvePath({ a: forLookup }, ['a', ...segs]), true));
      if (expected.ok) assert.deepEqual(rendered, expected);
      else {
        assert.equal(rendered.ok, false, `rendered ${JSON.stringify(rendered)} where the lookup threw ${expected.message}`);
        assert.ok(!rendered.ok && rendered.message.includes(expected.message), `${!rendered.ok && rendered.message} vs ${expected.message}`);
      }
      assert.deepEqual(dump(forRender), before, 'the render changed the value');
      assert.deepEqual(dump(forLookup), before, 'the lookup changed the value');
    }),
    { seed: SEED, numRuns: RUNS, path: PATH, endOnFailure: true, includeErrorInReport: true },
  );
});
