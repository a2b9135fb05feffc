import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSafe, markSafe } from '../../src/safe.js';
import { Decimal } from '../../src/values.js';
import { apply, lit } from './helpers.js';
import { Engine } from '../../src/engine.js';

test('add sums as integers first', () => {
  assert.equal(apply('add', '1', lit('2')), 3);
  assert.equal(apply('add', 1.5, 2), 3);
  assert.equal(apply('add', true, 1), 2);
  assert.equal(apply('add', ' 4 ', lit('-1')), 3);
});

test('add falls back to +, then to ""', () => {
  assert.deepEqual(apply('add', [1, 2], [3]), [1, 2, 3]);
  assert.equal(apply('add', 'a', 'b'), 'ab');
  assert.equal(apply('add', 3, 'x'), '');
  assert.equal(apply('add', null, 1), '');
  assert.equal(apply('add', { a: 1 }, { b: 2 }), '');
});

test('add keeps safety only when both strings are safe', () => {
  assert.ok(isSafe(apply('add', markSafe('<i>'), lit('<b>'))));
  assert.equal(isSafe(apply('add', markSafe('<i>'), '<b>')), false);
  assert.equal(isSafe(apply('add', '<i>', lit('<b>'))), false);
});

test('divisibleby compares int(value) % int(arg) with zero', () => {
  assert.equal(apply('divisibleby', 4, 2), true);
  assert.equal(apply('divisibleby', 4, 3), false);
  assert.equal(apply('divisibleby', '21', lit('7')), true);
  assert.equal(apply('divisibleby', -9, 3), true);
  assert.throws(() => apply('divisibleby', 4, 0), { name: 'ZeroDivisionError' });
  assert.throws(() => apply('divisibleby', 'x', 2), { name: 'ValueError' });
});

test('floatformat without an argument shows one decimal only when needed', () => {
  assert.equal(String(apply('floatformat', 7.7)), '7.7');
  assert.equal(String(apply('floatformat', 7)), '7');
  assert.equal(String(apply('floatformat', 0.7)), '0.7');
  assert.equal(String(apply('floatformat', 0.07)), '0.1');
  assert.equal(String(apply('floatformat', 0.007)), '0.0');
  assert.equal(String(apply('floatformat', 34.23234)), '34.2');
  assert.equal(String(apply('floatformat', 34.26)), '34.3');
  assert.ok(isSafe(apply('floatformat', 1.5)));
});

test('floatformat with positive, zero and negative places rounds half up', () => {
  assert.equal(String(apply('floatformat', 7.7, 0)), '8');
  assert.equal(String(apply('floatformat', 7.7, 3)), '7.700');
  assert.equal(String(apply('floatformat', 6.2, -3)), '6.200');
  assert.equal(String(apply('floatformat', 13.1031, lit('-3'))), '13.103');
  assert.equal(String(apply('floatformat', 11.1197, -2)), '11.12');
  assert.equal(String(apply('floatformat', 11, -2)), '11');
  assert.equal(String(apply('floatformat', 11.000001, -2)), '11.00');
  assert.equal(String(apply('floatformat', 8.2798, 3)), '8.280');
  assert.equal(String(apply('floatformat', 5555.555, 2)), '5555.56');
  assert.equal(String(apply('floatformat', 0.12345, 2)), '0.12');
  assert.equal(String(apply('floatformat', 18.125, 2)), '18.13');
  assert.equal(String(apply('floatformat', 1.005, 2)), '1.01');
  assert.equal(String(apply('floatformat', 2.5, 0)), '3');
  assert.equal(String(apply('floatformat', 1.00000000000000015, 16)), '1.0000000000000002');
  assert.equal(String(apply('floatformat', 1.5e-15, 20)), '0.00000000000000150000');
  assert.equal(String(apply('floatformat', -123456789.125, 2)), '-123456789.13');
  // An integral JS number is a Python int: it prints all of its digits.
  assert.equal(String(apply('floatformat', 1e21, 1)), '1000000000000000000000.0');
});

test('floatformat reads strings and Decimals through float', () => {
  assert.equal(String(apply('floatformat', '1.42')), '1.4');
  assert.equal(String(apply('floatformat', Decimal.parse('555.555'), 2)), '555.56');
  assert.equal(String(apply('floatformat', Decimal.parse('09.000'))), '9');
  assert.equal(String(apply('floatformat', true)), '1');
});

test('floatformat strips a "g" suffix (no grouping without localization)', () => {
  assert.equal(String(apply('floatformat', 10000, lit('g'))), '10000');
  assert.equal(String(apply('floatformat', 6666.6666, lit('2g'))), '6666.67');
});

test('floatformat never prints a negative zero', () => {
  assert.equal(String(apply('floatformat', -0.01, -1)), '0.0');
  assert.equal(String(apply('floatformat', -0.001, 2)), '0.00');
  assert.equal(String(apply('floatformat', -0.499, 0)), '0');
});

test('floatformat failures: "" for non-numbers, repr(value) for a bad argument', () => {
  assert.equal(apply('floatformat', 'foo'), '');
  assert.equal(apply('floatformat', null), '');
  assert.equal(apply('floatformat', 'foo', lit('bar')), '');
  assert.equal(apply('floatformat', 13.1031, lit('bar')), '13.1031');
  assert.equal(apply('floatformat', '34.5', lit('bar')), "'34.5'");
  assert.equal(apply('floatformat', Infinity), 'inf');
  assert.equal(apply('floatformat', -Infinity), '-inf');
  assert.equal(apply('floatformat', NaN), 'nan');
});

// Expected outputs below were rendered by Django 3.2.25 itself (Debian's python3-django 3:3.2.25-0+deb12u7).
const engine = new Engine();
const render = (src: string, ctx: object): string => engine.renderString(src, ctx);

test('floatformat returns a value with more than 200 digits (coefficient + |exponent|) as it was read', () => {
  // 1e-199 is Decimal('1E-199'): 1 + 199 = 200 digits, still formatted; 1e-200 has 201.
  assert.equal(render('{{ a|floatformat:2 }}|{{ b|floatformat:2 }}', { a: 1e-199, b: 1e-200 }), '0.00|1e-200');
  assert.equal(render('{{ a|floatformat }}|{{ b|floatformat }}', { a: 1.25e-195, b: 1.25e-196 }), '0.0|1.25e-196');
  assert.equal(render('{{ a|floatformat:"-3" }}', { a: -1.5e-199 }), '-1.5e-199');
  // A string comes back as its repr, quotes and all (then autoescaped).
  assert.equal(render('{{ s|floatformat:2 }}|{{ t|floatformat:2 }}', { s: '1e-199', t: '1e-200' }), '0.00|&#x27;1e-200&#x27;');
  // An int with 200 digits is formatted; one with 201 is printed as it is.
  assert.equal(render('{{ a|floatformat:1 }}', { a: 9e199 }), `${BigInt(9e199)}.0`);
  assert.equal(render('{{ a|floatformat:1 }}', { a: 2e200 }), String(BigInt(2e200)));
  // A bad argument still wins over the digit count.
  assert.equal(render('{{ a|floatformat:"x" }}', { a: 1e-300 }), '1e-300');
});

test('a printed number with more than 200 digits uses scientific notation, as number_format does', () => {
  assert.equal(render('{{ a }}', { a: 1e-199 }), `0.${'0'.repeat(198)}1`);
  // (An integral JS number is a Python int, which prints all its digits: large floats come as Decimals here.)
  assert.equal(render('{{ a }}|{{ b }}', { a: 1e-200, b: -1.5e-199 }), '1e-200|-1.5e-199');
  assert.equal(render('{{ a }}', { a: Decimal.parse('1E+199') }), `1${'0'.repeat(199)}`);
  assert.equal(render('{{ a }}|{{ b }}|{{ c }}', { a: Decimal.parse('1E+200'), b: Decimal.parse('-12.5E-199'), c: Decimal.parse('0E-300') }), '1e+200|-1.25e-198|0e-300');
});

test('filesizeformat picks the unit and uses a no-break space', () => {
  assert.equal(String(apply('filesizeformat', 1023)), '1023\u00a0bytes');
  assert.equal(String(apply('filesizeformat', 1)), '1\u00a0byte');
  assert.equal(String(apply('filesizeformat', 1024)), '1.0\u00a0KB');
  assert.equal(String(apply('filesizeformat', 10 * 1024)), '10.0\u00a0KB');
  assert.equal(String(apply('filesizeformat', 1024 * 1024 - 1)), '1024.0\u00a0KB');
  assert.equal(String(apply('filesizeformat', 1024 * 1024 * 50)), '50.0\u00a0MB');
  assert.equal(String(apply('filesizeformat', 1024 ** 3)), '1.0\u00a0GB');
  assert.equal(String(apply('filesizeformat', 1024 ** 4)), '1.0\u00a0TB');
  assert.equal(String(apply('filesizeformat', 1024 ** 5 * 2000)), '2000.0\u00a0PB');
  assert.equal(String(apply('filesizeformat', 1536000)), '1.5\u00a0MB');
  // round() is half-even on the exact binary value: 1.25 KB shows as 1.2.
  assert.equal(String(apply('filesizeformat', 1280)), '1.2\u00a0KB');
});

test('filesizeformat handles negatives and non-numbers', () => {
  assert.equal(String(apply('filesizeformat', -100)), '-100\u00a0bytes');
  assert.equal(String(apply('filesizeformat', -1024 * 1024 * 50)), '-50.0\u00a0MB');
  assert.equal(String(apply('filesizeformat', '')), '0\u00a0bytes');
  assert.equal(String(apply('filesizeformat', '\u03b1')), '0\u00a0bytes');
  assert.equal(String(apply('filesizeformat', null)), '0\u00a0bytes');
  assert.equal(String(apply('filesizeformat', '2048')), '2.0\u00a0KB');
});

test('get_digit counts from the right and fails silently', () => {
  assert.equal(apply('get_digit', 123, 1), 3);
  assert.equal(apply('get_digit', 123, 2), 2);
  assert.equal(apply('get_digit', 123, 3), 1);
  assert.equal(apply('get_digit', 123, 4), 0);
  assert.equal(apply('get_digit', 123, 0), 123);
  assert.equal(apply('get_digit', 'xyz', 0), 'xyz');
  assert.equal(apply('get_digit', 123, lit('x')), 123);
});

test('pluralize uses float(value) == 1, then len()', () => {
  assert.equal(apply('pluralize', 1), '');
  assert.equal(apply('pluralize', 0), 's');
  assert.equal(apply('pluralize', 2), 's');
  assert.equal(apply('pluralize', 1.5), 's');
  assert.equal(apply('pluralize', '1'), '');
  assert.equal(apply('pluralize', Decimal.parse('1.0')), '');
  assert.equal(apply('pluralize', [1]), '');
  assert.equal(apply('pluralize', []), 's');
  assert.equal(apply('pluralize', 'abc'), '');
  assert.equal(apply('pluralize', null), '');
});

test('pluralize takes a suffix or a singular,plural pair', () => {
  assert.equal(apply('pluralize', 1, lit('es')), '');
  assert.equal(apply('pluralize', 0, lit('es')), 'es');
  assert.equal(apply('pluralize', 1, lit('y,ies')), 'y');
  assert.equal(apply('pluralize', 2, lit('y,ies')), 'ies');
  assert.equal(apply('pluralize', 2, lit('a,b,c')), '');
});
