import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinFilters } from '../../src/filters/index.js';
import { isSafe, markSafe } from '../../src/safe.js';
import { PyDate } from '../../src/values.js';
import { apply, lit } from './helpers.js';

const people = [
  { name: 'Carol', age: 31 },
  { name: 'alice', age: 25 },
  { name: 'Bob', age: 40 },
];

function names(v: unknown): string {
  return (v as { name?: string; id?: string }[]).map((p) => p.name ?? p.id).join(' ');
}

test('dictsort sorts by a key, stably', () => {
  assert.equal(names(apply('dictsort', people, lit('name'))), 'Bob Carol alice');
  assert.equal(names(apply('dictsort', people, lit('age'))), 'alice Carol Bob');
  const l = [
    { k: 2, id: 'a' },
    { k: 1, id: 'b' },
    { k: 2, id: 'c' },
    { k: 1, id: 'd' },
  ];
  assert.equal(names(apply('dictsort', l, lit('k'))), 'b d a c');
  assert.equal(names(apply('dictsortreversed', l, lit('k'))), 'a c b d');
  assert.equal(names(apply('dictsortreversed', people, lit('name'))), 'alice Carol Bob');
});

test('dictsort follows dotted paths and numeric item access', () => {
  const data = [{ foo: { bar: 2 }, name: 'x' }, { foo: { bar: 1 }, name: 'y' }];
  assert.equal(names(apply('dictsort', data, lit('foo.bar'))), 'y x');
  assert.deepEqual(apply('dictsort', [[3, 'c'], [1, 'a'], [2, 'b']], 0), [[1, 'a'], [2, 'b'], [3, 'c']]);
  assert.deepEqual(apply('dictsort', [{ '1': 'b' }, { '1': 'a' }], lit('1')), [{ '1': 'a' }, { '1': 'b' }]);
});

test('dictsort returns "" on unsortable or unresolvable input', () => {
  assert.equal(apply('dictsort', [[3, 'c'], [1, 'a']], lit('1')), '');
  assert.equal(apply('dictsort', [1, 2, 3], lit('age')), '');
  assert.equal(apply('dictsort', 'Hello!', lit('age')), '');
  assert.equal(apply('dictsort', { a: 1 }, lit('age')), '');
  assert.equal(apply('dictsort', 1, lit('age')), '');
  assert.equal(apply('dictsort', [{ age: 1 }, { age: 'x' }], lit('age')), '');
  assert.equal(apply('dictsortreversed', [{ age: 1 }, { name: 'x' }], lit('age')), '');
});

test('dictsort keys are plain item-or-attribute paths (3.2.11+), not template variables', () => {
  // Names starting with an underscore, at the start or after a dot, are refused.
  assert.equal(apply('dictsort', [{ _p: 2 }, { _p: 1 }], lit('_p')), '');
  assert.equal(apply('dictsort', [{ o: { _p: 2 } }, { o: { _p: 1 } }], lit('o._p')), '');
  // A quoted word is just a key with quotes in it, which no item has.
  assert.equal(apply('dictsort', [{ a: 2 }, { a: 1 }], lit('"a"')), '');
  // Dotted steps look up keys and attributes, never list indexes.
  assert.equal(apply('dictsort', [{ a: [2] }, { a: [1] }], lit('a.0')), '');
  // Attributes of dates do resolve.
  const later = new PyDate(2021, 5, 1);
  const earlier = new PyDate(2020, 7, 9);
  assert.deepEqual(apply('dictsort', [{ d: later }, { d: earlier }], lit('d.year')), [{ d: earlier }, { d: later }]);
  // A dict method is found, and then cannot be ordered against another one.
  assert.equal(apply('dictsort', [{ a: 1 }, { a: 2 }], lit('items')), '');
  assert.deepEqual(apply('dictsort', [{ a: 1 }], lit('items')), [{ a: 1 }]);
  // An empty key fails the way indexing an empty string does.
  assert.throws(() => apply('dictsort', [{ a: 1 }], lit('')), { name: 'IndexError' });
});

test('first and last pick the ends, "" when empty', () => {
  assert.equal(apply('first', [0, 1, 2]), 0);
  assert.equal(apply('first', ''), '');
  assert.equal(apply('first', 'test'), 't');
  assert.equal(apply('last', [0, 1, 2]), 2);
  assert.equal(apply('last', []), '');
  assert.equal(apply('last', 'test'), 't');
  assert.ok(isSafe(apply('last', markSafe('<b>'))));
  assert.equal(isSafe(apply('first', markSafe('<b>'))), false);
  assert.throws(() => apply('first', null), { name: 'TypeError' });
});

test('join escapes items and the joiner when autoescaping', () => {
  assert.equal(String(apply('join', [0, 1, 2], lit('glue'))), '0glue1glue2');
  assert.equal(String(apply('join', ['alpha', 'beta & me'], ' & ')), 'alpha &amp; beta &amp; me');
  assert.equal(String(apply('join', ['alpha', 'beta & me'], lit(' & '))), 'alpha & beta &amp; me');
  assert.equal(String(apply('join', [markSafe('<i>a</i>'), '<b>'], lit(', '))), '<i>a</i>, &lt;b&gt;');
  assert.ok(isSafe(apply('join', ['a'], lit(','))));
});

test('join with autoescape off still escapes an unsafe joiner (Django 3.2)', () => {
  assert.equal(String(apply('join', ['<a>', '<img>', '</a>'], '<br>', false)), '<a>&lt;br&gt;<img>&lt;br&gt;</a>');
  assert.equal(String(apply('join', ['<a>', '</a>'], lit('<br>'), false)), '<a><br></a>');
});

test('join returns the value itself when it cannot join', () => {
  assert.equal(apply('join', 5, lit(',')), 5);
  const ints = [1, 2];
  assert.equal(apply('join', ints, lit(','), false), ints);
});

test('length and length_is', () => {
  assert.equal(apply('length', '1234'), 4);
  assert.equal(apply('length', [1, 2, 3, 4]), 4);
  assert.equal(apply('length', { a: 1, b: 2 }), 2);
  assert.equal(apply('length', 4), 0);
  assert.equal(apply('length', null), 0);
  assert.equal(apply('length_is', [], 0), true);
  assert.equal(apply('length_is', 'a', 1), true);
  assert.equal(apply('length_is', 'a', 10), false);
  assert.equal(apply('length_is', 5, 1), '');
  assert.equal(apply('length_is', 'a', lit('x')), '');
});

test('random picks one of the items', () => {
  const items = ['a', 'b', 'c'];
  for (let i = 0; i < 20; i++) assert.ok(items.includes(apply('random', items) as string));
  assert.throws(() => apply('random', []), { name: 'IndexError' });
});

test('slice uses Python slice syntax', () => {
  assert.equal(apply('slice', 'abcdefg', lit('0')), '');
  assert.equal(apply('slice', 'abcdefg', lit('1')), 'a');
  assert.equal(apply('slice', 'abcdefg', lit('-1')), 'abcdef');
  assert.equal(apply('slice', 'abcdefg', lit('1:2')), 'b');
  assert.equal(apply('slice', 'abcdefg', lit('1:3')), 'bc');
  assert.equal(apply('slice', 'abcdefg', lit('0::2')), 'aceg');
  assert.equal(apply('slice', 'abcdefg', lit('::-1')), 'gfedcba');
  assert.equal(apply('slice', 'abcdefg', lit('-2:')), 'fg');
  assert.deepEqual(apply('slice', [1, 2, 3, 4], lit('1:-1')), [2, 3]);
  assert.deepEqual(apply('slice', [1, 2, 3, 4, 5], lit('::2')), [1, 3, 5]);
  assert.deepEqual(apply('slice', [1, 2, 3, 4], lit('2')), [1, 2]);
  assert.deepEqual(apply('slice', [1, 2, 3, 4], 2), [1, 2]);
});

test('slice returns the value unchanged when the slice is invalid', () => {
  assert.equal(apply('slice', 'abcdefg', lit('a')), 'abcdefg');
  assert.equal(apply('slice', 'abcdefg', lit('::0')), 'abcdefg');
  assert.equal(apply('slice', 'abcdefg', lit('1:2:3:4')), 'abcdefg');
  assert.equal(apply('slice', 123, lit('1:2')), 123);
  const d = { a: 1 };
  assert.equal(apply('slice', d, lit('1:2')), d);
});

test('default and default_if_none', () => {
  assert.equal(String(apply('default', '', lit('none'))), 'none');
  assert.equal(String(apply('default', 0, lit('x'))), 'x');
  assert.equal(String(apply('default', [], lit('x'))), 'x');
  assert.equal(apply('default', 'val', lit('x')), 'val');
  assert.equal(String(apply('default_if_none', null, lit('x'))), 'x');
  assert.equal(apply('default_if_none', '', lit('x')), '');
  assert.equal(apply('default_if_none', 0, lit('x')), 0);
  assert.equal(apply('default_if_none', false, lit('x')), false);
});

test('yesno maps true, false and None to its choices', () => {
  assert.equal(apply('yesno', true), 'yes');
  assert.equal(apply('yesno', false), 'no');
  assert.equal(apply('yesno', null), 'maybe');
  assert.equal(apply('yesno', true, lit('certainly,get out of town,perhaps')), 'certainly');
  assert.equal(apply('yesno', false, lit('certainly,get out of town,perhaps')), 'get out of town');
  assert.equal(apply('yesno', null, lit('certainly,get out of town')), 'get out of town');
  assert.equal(apply('yesno', null, lit('a,b,c,d')), 'b');
  assert.equal(apply('yesno', true, lit('only')), true);
  assert.equal(apply('yesno', '', lit('y,n,u')), 'n');
  // The chosen piece is a plain str: autoescaping applies to it.
  assert.equal(isSafe(apply('yesno', true, lit('<b>,no'))), false);
});

test('pprint is pprint.pformat: sorted dicts, wrapped at 80 columns', () => {
  assert.equal(apply('pprint', [1, 'a', null, true]), "[1, 'a', None, True]");
  assert.equal(apply('pprint', { b: 1, a: [2, 'x'] }), "{'a': [2, 'x'], 'b': 1}");
  assert.equal(apply('pprint', 'x'), "'x'");
  assert.equal(
    apply('pprint', Array.from({ length: 30 }, (_, i) => i)),
    '[0,\n' + Array.from({ length: 28 }, (_, i) => ` ${i + 1},\n`).join('') + ' 29]',
  );
  assert.equal(
    apply('pprint', 'word '.repeat(20)),
    "('word word word word word word word word word word word word word word word '\n 'word word word word word ')",
  );
  assert.equal(
    apply('pprint', Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k0${i}`, 'v'.repeat(10)]))),
    "{'k00': 'vvvvvvvvvv',\n 'k01': 'vvvvvvvvvv',\n 'k02': 'vvvvvvvvvv',\n 'k03': 'vvvvvvvvvv',\n 'k04': 'vvvvvvvvvv',\n 'k05': 'vvvvvvvvvv'}",
  );
});

test('argument counts and safety flags match Django', () => {
  const required = ['dictsort', 'dictsortreversed', 'join', 'length_is', 'slice', 'default', 'default_if_none', 'add', 'divisibleby', 'get_digit', 'cut', 'json_script', 'urlizetrunc'];
  for (const name of required) assert.equal(builtinFilters[name].arg, 'required', name);
  for (const name of ['yesno', 'pluralize', 'floatformat', 'urlencode']) assert.equal(builtinFilters[name].arg, 'optional', name);
  for (const name of ['first', 'last', 'length', 'random', 'pprint', 'safeseq', 'filesizeformat']) assert.equal(builtinFilters[name].arg, 'none', name);
  for (const name of ['last', 'join', 'random', 'slice', 'pprint', 'safeseq', 'floatformat', 'filesizeformat']) assert.ok(builtinFilters[name].isSafe, name);
  for (const name of ['first', 'length', 'length_is', 'dictsort', 'add', 'default', 'yesno', 'pluralize', 'get_digit', 'divisibleby']) assert.ok(!builtinFilters[name].isSafe, name);
});

test('every Django 3.2 built-in filter except the date ones is registered', () => {
  const django = 'add addslashes capfirst center cut default default_if_none dictsort dictsortreversed divisibleby escape escapejs filesizeformat first floatformat force_escape get_digit iriencode join json_script last length length_is linebreaks linebreaksbr linenumbers ljust lower make_list phone2numeric pluralize pprint random rjust safe safeseq slice slugify stringformat striptags title truncatechars truncatechars_html truncatewords truncatewords_html unordered_list upper urlencode urlize urlizetrunc wordcount wordwrap yesno';
  assert.deepEqual(Object.keys(builtinFilters).sort(), django.split(' ').sort());
});
