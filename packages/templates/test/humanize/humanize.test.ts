/** {% load humanize %}: its number filters give what Django 3.2.25 gives (django-3.2.25.json, written by Django itself). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Decimal, Engine, TemplateSyntaxError } from '../../src/index.js';

interface Case {
  filters: string;
  type: 'int' | 'float' | 'str' | 'bool' | 'none' | 'decimal' | 'list';
  value: unknown;
  out: string;
}

const cases = JSON.parse(readFileSync(new URL('./django-3.2.25.json', import.meta.url), 'utf8')) as Case[];
const engine = new Engine();

const valueOf = (c: Case): unknown => (c.type === 'decimal' ? Decimal.parse(c.value as string) : c.value);

test(`${cases.length} renders of intcomma, ordinal, apnumber and intword match Django's`, () => {
  const wrong = cases
    .map((c) => ({ c, got: engine.renderString(`{% load humanize %}{{ v|${c.filters} }}`, { v: valueOf(c) }) }))
    .filter(({ c, got }) => got !== c.out)
    .map(({ c, got }) => `${c.filters} of ${c.type} ${JSON.stringify(c.value)}: expected ${JSON.stringify(c.out)}, got ${JSON.stringify(got)}`);
  assert.deepEqual(wrong, []);
});

test('the filters exist only once the library is loaded, and a library given to the engine under that name replaces it', () => {
  assert.throws(() => engine.renderString('{{ 1000|intcomma }}', {}), (e: unknown) => e instanceof TemplateSyntaxError && /Invalid filter: 'intcomma'/.test(e.message));
  const own = new Engine({ libraries: { humanize: { filters: { shout: (v: unknown) => `${String(v)}!` } } } });
  assert.equal(own.renderString('{% load humanize %}{{ "hi"|shout }}', {}), 'hi!');
});
