import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, SafeString, Decimal, PyDate } from '../../src/index.js';

const render = (src: string, ctx: object = {}, templates: Record<string, string> = {}): string =>
  new Engine({ templates }).renderString(src, ctx);

test('lookups: key, attribute, index, callables, snake_case to camelCase', () => {
  class Tenant {
    constructor(private first: string, private last: string) {}
    getFullName(): string {
      return `${this.first} ${this.last}`;
    }
    get endDate(): string {
      return '2025-01-01';
    }
  }
  const ctx = { t: new Tenant('Ada', 'Lovelace'), items: ['a', 'b'], m: new Map([['k', 'v']]), f: () => 'called' };
  assert.equal(render('{{ t.get_full_name }}|{{ t.end_date }}|{{ items.1 }}|{{ m.k }}|{{ f }}', ctx), 'Ada Lovelace|2025-01-01|b|v|called');
});

test('nothing reaches constructors or prototypes', () => {
  const ctx = { x: {}, s: 'str', arr: [1], fn: () => 1 };
  assert.equal(render('[{{ x.constructor }}{{ s.constructor.name }}{{ arr.constructor.constructor }}{{ x.prototype }}{{ arr.pop }}]', ctx), '[]');
  assert.throws(() => render('{{ x.__proto__ }}', ctx), { name: 'TemplateSyntaxError' });
  assert.equal(render('{% with c=x.constructor %}[{{ c.name }}]{% endwith %}', ctx), '[]');
  assert.equal(render('[{{ toString }}{{ hasOwnProperty }}{{ valueOf }}]', ctx), '[]');
});

test('python values print as Django prints them', () => {
  const ctx = { t: true, f: false, n: null, d: Decimal.parse('1.50'), big: 1e16, small: 1e-5, date: new PyDate(2024, 3, 9) };
  assert.equal(render('{{ t }} {{ f }} {{ n }} {{ d }} {{ big }} {{ small }} {{ date }}', ctx), 'True False None 1.50 10000000000000000 0.00001 March 9, 2024');
});

test('autoescape: escaped once, safe strings left alone, off block', () => {
  const ctx = { h: '<a href="x">&\'', s: new SafeString('<b>') };
  assert.equal(render('{{ h }}{{ s }}', ctx), '&lt;a href=&quot;x&quot;&gt;&amp;&#x27;<b>');
  assert.equal(render('{% autoescape off %}{{ h }}{% endautoescape %}', ctx), '<a href="x">&\'');
  assert.equal(new Engine({ autoescape: false }).renderString('{{ h }}', ctx), '<a href="x">&\'');
});

test('for: forloop fields, parentloop, reversed, empty, unpacking', () => {
  const out = render(
    '{% for row in rows %}{% for c in row %}{{ forloop.parentloop.counter }}.{{ forloop.counter }}{% if forloop.last %};{% else %},{% endif %}{% endfor %}{% endfor %}',
    { rows: [['a', 'b'], ['c']] },
  );
  assert.equal(out, '1.1,1.2;2.1;');
  assert.equal(render('{% for x in xs reversed %}{{ x }}{{ forloop.revcounter0 }}{% endfor %}', { xs: [1, 2, 3] }), '322110');
  assert.equal(render('{% for x in missing %}x{% empty %}none{% endfor %}'), 'none');
  assert.equal(render('{% for k, v in d.items %}{{ k }}={{ v }};{% endfor %}', { d: { a: 1, b: 2 } }), 'a=1;b=2;');
  assert.equal(render('{% for a, b in pairs %}{{ a }}{{ b }}{% endfor %}', { pairs: [[1, 2], [3, 4]] }), '1234');
});

test('if: operators and precedence as Django', () => {
  const ctx = { a: 1, b: 2, l: [1, 2], s: 'abc', n: null };
  assert.equal(render('{% if a < b and not n or x %}y{% endif %}', ctx), 'y');
  assert.equal(render('{% if 2 in l and "b" in s and 5 not in l %}y{% endif %}', ctx), 'y');
  assert.equal(render('{% if n is None and a is not None %}y{% endif %}', ctx), 'y');
  assert.equal(render('{% if s > 1 %}y{% else %}n{% endif %}', ctx), 'n');
  assert.equal(render('{% if a == 2 %}1{% elif b == 2 %}2{% else %}3{% endif %}', ctx), '2');
});

test('extends with block.super across three levels, include with and only', () => {
  const templates = {
    'base.html': '<{% block a %}base{% endblock %}|{% block b %}B{% endblock %}>',
    'mid.html': '{% extends "base.html" %}{% block a %}mid+{{ block.super }}{% endblock %}',
    'leaf.html': '{% extends "mid.html" %}{% block a %}leaf+{{ block.super }}{% endblock %}{% block b %}{% include "inc.html" with who="me" only %}{% endblock %}',
    'inc.html': '[{{ who }}{{ secret }}]',
  };
  const engine = new Engine({ templates });
  assert.equal(engine.render('leaf.html', { secret: 's' }), '<leaf+mid+base|[me]>');
});

test('cycle, resetcycle, firstof, ifchanged, regroup, widthratio, spaceless, templatetag, verbatim', () => {
  assert.equal(render('{% for i in "abcd" %}{% cycle "x" "y" as c %}{% if i == "b" %}{% resetcycle %}{% endif %}{% endfor %}'), 'xyxy');
  assert.equal(render('{% firstof a b "c" %}', { a: 0, b: '' }), 'c');
  assert.equal(render('{% for x in xs %}{% ifchanged %}{{ x }}{% endifchanged %}{% endfor %}', { xs: [1, 1, 2, 2, 1] }), '121');
  const people = [
    { name: 'a', g: 'f' },
    { name: 'b', g: 'f' },
    { name: 'c', g: 'm' },
  ];
  assert.equal(render('{% regroup people by g as gs %}{% for x in gs %}{{ x.grouper }}:{% for p in x.list %}{{ p.name }}{% endfor %};{% endfor %}', { people }), 'f:ab;m:c;');
  assert.equal(render('{% widthratio 5 10 100 %}|{% widthratio 1 0 100 %}'), '50|0');
  assert.equal(render('{% spaceless %} <p> <b>x</b> </p> {% endspaceless %}'), '<p><b>x</b></p>');
  assert.equal(render('{% templatetag openblock %}{% verbatim %}{{ raw }}{% endverbatim %}'), '{%{{ raw }}');
});

test('custom filters and simple/inclusion tags, and libraries for {% load %}', () => {
  const engine = new Engine({
    templates: { 'card.html': '<card>{{ title }}</card>' },
    filters: { shout: { fn: (v) => String(v).toUpperCase() + '!', arg: 'none', stringFilter: true } },
    tags: {
      greet: { type: 'simple', fn: (args, kwargs) => `hi <${String(args[0])}> ${String(kwargs.p ?? '')}` },
      card: { type: 'inclusion', template: 'card.html', fn: (args) => ({ title: args[0] }) },
    },
    libraries: { extra: { filters: { twice: (v) => `${String(v)}${String(v)}` } } },
  });
  assert.equal(engine.renderString('{{ "a"|shout }} {% greet name p="x" %} {% card "T" %}', { name: 'bob' }), 'A! hi &lt;bob&gt; x <card>T</card>');
  assert.throws(() => engine.renderString('{{ "a"|twice }}'), { name: 'TemplateSyntaxError' });
  assert.equal(engine.renderString('{% load extra %}{{ "a"|twice }}'), 'aa');
  assert.equal(engine.renderString('{% greet "x" as g %}[{{ g }}]'), '[hi &lt;x&gt; ]');
});

test('url and csrf_token go through what the server provides', () => {
  const engine = new Engine({ urlResolver: (name, args) => `/${name}/${args.join('/')}` });
  assert.equal(engine.renderString('{% url "lease" 4 %}|{% url "x" as u %}{{ u }}'), '/lease/4|/x/');
  assert.equal(engine.renderString('{% csrf_token %}', { csrf_token: 'ab"c' }), '<input type="hidden" name="csrfmiddlewaretoken" value="ab&quot;c">');
  assert.equal(engine.renderString('[{% csrf_token %}]'), '[]');
});
