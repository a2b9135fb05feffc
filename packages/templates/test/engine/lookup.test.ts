/**
 * Lookups answer the same at the root of a render, one segment down and deeper: the compiled
 * fast path serves only plain objects and class instances, and agrees with lookup.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, SafeString, Decimal } from '../../src/index.js';

const render = (src: string, ctx: object): string => new Engine().renderString(src, ctx);

/** An error marked as Django's silent_variable_failure. */
function quietError(): Error {
  return Object.assign(new Error('quiet'), { silent_variable_failure: true });
}

test("built-in values show none of their JS members: a SafeString's length and value, Set.size, Error.message, a Decimal's digits", () => {
  const ctx = { s: new SafeString('abc'), set: new Set([1, 2]), err: new Error('secret'), d: Decimal.parse('1.50') };
  const src = '[{{ s.length }}|{{ s.value }}|{{ set.size }}|{{ err.message }}|{{ err.stack }}|{{ d.digits }}|{{ d.exponent }}]';
  assert.equal(render(src, ctx), '[||||||]');
  // The same one level deeper, and through a with-alias.
  assert.equal(render('[{{ o.s.length }}{{ o.err.message }}{% with x=o.d %}{{ x.digits }}{% endwith %}]', { o: ctx }), '[]');
  // What Python's own types offer still works: str methods and indexes, list indexes.
  assert.equal(render('{{ s.upper }}{{ s.0 }}', ctx), 'ABCa');
});

test('no lookup mutates a Buffer, a typed array, an array or an iterator', () => {
  const buf = Buffer.from([1, 2, 3]);
  const floats = new Float64Array([3, 1, 2]);
  const list = [3, 1, 2];
  const it = [1, 2][Symbol.iterator]();
  const out = render('[{{ buf.reverse }}{{ o.buf.reverse }}{{ floats.sort }}{{ list.reverse }}{{ list.pop }}{{ it.next }}]', { buf, o: { buf }, floats, list, it });
  assert.equal(out, '[]');
  assert.deepEqual([...buf], [1, 2, 3]);
  assert.deepEqual([...floats], [3, 1, 2]);
  assert.deepEqual(list, [3, 1, 2]);
  assert.deepEqual(it.next(), { value: 1, done: false });
});

test('silent_variable_failure makes a lookup quietly empty at the root and at any depth; other errors propagate', () => {
  class Box {
    get boom(): never {
      throw quietError();
    }
    get loud(): never {
      throw new TypeError('loud');
    }
    method(): never {
      throw quietError();
    }
  }
  const ctx = Object.defineProperty({ box: new Box(), deep: { box: new Box() } }, 'boom', {
    get() {
      throw quietError();
    },
  });
  assert.equal(render('[{{ boom }}|{{ box.boom }}|{{ deep.box.boom }}|{{ deep.box.boom.x.y }}|{{ deep.box.method }}]', ctx), '[||||]');
  assert.equal(render('{{ deep.box.boom|default:"d" }}', ctx), 'd');
  assert.throws(() => render('{{ deep.box.loud }}', ctx), /TypeError: loud/);
});

test('forloop shows the keys of Django\'s loop dict only: its internals are unreachable', () => {
  const out = render('{% for x in xs %}[{{ forloop.step }}{{ forloop.length }}{{ forloop.state }}]{{ forloop.counter }}{{ forloop.last }}{% endfor %}', { xs: 'ab' });
  assert.equal(out, '[]1False[]2True');
});
