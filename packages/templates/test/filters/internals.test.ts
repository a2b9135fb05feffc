import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactDecimal, pyRound, quantize } from '../../src/filters/decimal-math.js';
import { pyPercentFormat } from '../../src/filters/printf.js';
import { pyFloat, pyInt, pySplit } from '../../src/filters/py-convert.js';
import { htmlUnescape } from '../../src/filters/html-unescape.js';
import { punycode, quote, smartUrlquote, urlsplit } from '../../src/filters/urls.js';
import { Decimal } from '../../src/values.js';

test('pyInt and pyFloat accept and reject what int() and float() do', () => {
  assert.equal(pyInt(' 1_000 '), 1000);
  assert.equal(pyInt(-2.9), -2);
  assert.equal(pyInt(Decimal.parse('-7.9')), -7);
  assert.throws(() => pyInt('1.5'), { name: 'ValueError' });
  assert.throws(() => pyInt(null), { name: 'TypeError' });
  assert.throws(() => pyInt(Infinity), { name: 'OverflowError' });
  assert.equal(pyFloat(' -1e3 '), -1000);
  assert.equal(pyFloat('Infinity'), Infinity);
  assert.ok(Number.isNaN(pyFloat('nan')));
  assert.throws(() => pyFloat('1e'), { name: 'ValueError' });
  assert.throws(() => pyFloat([]), { name: 'TypeError' });
});

test('pySplit splits on Python whitespace, including separators JS ignores', () => {
  assert.deepEqual(pySplit(' a\x1cb\u0085c  '), ['a', 'b', 'c']);
  assert.deepEqual(pySplit('   '), []);
});

test('exact decimals and rounding modes', () => {
  assert.equal(exactDecimal(0.1).toString(), '0.1000000000000000055511151231257827021181583404541015625');
  assert.equal(quantize(Decimal.parse('2.5') as Decimal, 0, 'half-up').toFixedString(), '3');
  assert.equal(quantize(Decimal.parse('2.5') as Decimal, 0, 'half-even').toFixedString(), '2');
  assert.equal(quantize(Decimal.parse('-0.001') as Decimal, -2, 'half-up').toFixedString(), '-0.00');
  assert.equal(pyRound(2.675, 2), 2.67);
  assert.equal(pyRound(0.125, 2), 0.12);
});

test('printf conversions follow Python, not C or JS', () => {
  assert.equal(pyPercentFormat('%.0f', 2.5), '2');
  assert.equal(pyPercentFormat('%.0f', 3.5), '4');
  assert.equal(pyPercentFormat('%f', 1e22), '10000000000000000000000.000000');
  assert.equal(pyPercentFormat('%05d', -42), '-0042');
  assert.equal(pyPercentFormat('%#o', 8), '0o10');
  assert.equal(pyPercentFormat('%G', 1e-10), '1E-10');
  assert.equal(pyPercentFormat('%a', 'é'), "'\\xe9'");
  assert.equal(pyPercentFormat('%c', 65), 'A');
  assert.equal(pyPercentFormat('%(a)s', { a: 1 }), '1');
  assert.throws(() => pyPercentFormat('%(b)s', { a: 1 }), { name: 'KeyError' });
  assert.throws(() => pyPercentFormat('%y', 1), { name: 'ValueError' });
  assert.throws(() => pyPercentFormat('%*d', 1), { name: 'TypeError' });
});

test('htmlUnescape resolves references as Python html.unescape does', () => {
  assert.equal(htmlUnescape('&amp;&lt;&#39;&#x27;'), "&<''");
  assert.equal(htmlUnescape('&ampx &copy=2'), '&x \u00a9=2');
  assert.equal(htmlUnescape('&#128;&#0;&zzz;'), '\u20ac\ufffd&zzz;');
});

test('URL helpers match urllib.parse', () => {
  assert.equal(quote('a b/ü~'), 'a%20b/%C3%BC~');
  assert.deepEqual(urlsplit('HTTP://Host:80/p?q#f'), { scheme: 'http', netloc: 'Host:80', path: '/p', query: 'q', fragment: 'f' });
  assert.equal(punycode('EXAMPLE.com'), 'EXAMPLE.com');
  assert.equal(punycode('bücher.de'), 'xn--bcher-kva.de');
  assert.throws(() => punycode('a..com'), { name: 'UnicodeError' });
  assert.equal(smartUrlquote('http://example.com/?a=%20&b=+c&d'), 'http://example.com/?a=+&b=+c&d=');
  assert.equal(smartUrlquote('http://example.com/%20x%2F'), 'http://example.com/%20x/');
});
