/**
 * Lookups answer the same at the root of a render, one segment down and deeper: the compiled
 * fast path serves only plain objects and class instances, and agrees with lookup.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, SafeString, Decimal, markAltersData, ALTERS_DATA } from '../../src/index.js';

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

test('methods named in a class registry (markAltersData or Symbol.for("djust.altersData")) are never called, on subclasses too', () => {
  const calls: string[] = [];
  class Account {
    name = 'acct';
    close(): string {
      calls.push('close');
      return 'closed';
    }
    wipeAll(): string {
      calls.push('wipeAll');
      return 'wiped';
    }
    balance(): number {
      return 7;
    }
  }
  markAltersData(Account, 'close', 'wipeAll');
  class Savings extends Account {
    drain(): string {
      calls.push('drain');
      return 'drained';
    }
  }
  // What a class can declare without the helper: the well-known symbol, here a list of names.
  Object.assign(Savings, { [Symbol.for('djust.altersData')]: ['drain'] });
  // The registry is by class and name: a wrapper put in place after marking is refused too.
  const wrapped = Account.prototype.close;
  Account.prototype.close = function (this: Account) {
    return wrapped.call(this);
  };
  const src = '[{{ a.name }}|{{ a.close }}|{{ a.wipe_all }}|{{ a.balance }}|{{ s.close }}|{{ s.drain }}|{{ s.balance }}|{{ o.a.close }}]';
  assert.equal(render(src, { a: new Account(), s: new Savings(), o: { a: new Account() } }), '[acct|||7|||7|]');
  assert.deepEqual(calls, []);
  assert.equal(Object.hasOwn(Account, ALTERS_DATA) && !(Account as unknown as Record<symbol, Set<string>>)[ALTERS_DATA].has('drain'), true);
});

test("a root name is a key of the context, never a dict method of a frame: items, keys and values are '' unless given, in nested blocks too", () => {
  const engine = new Engine({
    templates: {
      'base.html': '[{% block outer %}{% block inner %}{% endblock %}{% endblock %}]',
      'child.html': '{% extends "base.html" %}{% block inner %}{{ items }}|{{ values }}|{{ keys }}|{{ name }}{% endblock %}',
    },
  });
  assert.equal(engine.render('child.html', { items: 'I', values: 'V', keys: 'K', name: 'N' }), '[I|V|K|N]');
  assert.equal(engine.render('child.html', { name: 'N' }), '[|||N]');
  assert.equal(render('{{ items }}|{{ keys }}|{% with a=1 %}{{ values }}{% endwith %}', {}), '||');
  assert.equal(render('{{ m }}{{ items }}', new Map([['m', 'M']])), 'M');
  // A value's own dict methods still answer one segment down.
  assert.equal(render('{% for k, v in d.items %}{{ k }}={{ v }}{% endfor %}', { d: { a: 1 } }), 'a=1');
});
