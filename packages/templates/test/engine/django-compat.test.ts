/** Behaviours found by checking the engine against Django 3.2's own template tests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';

const render = (src: string, ctx: object = {}, templates: Record<string, string> = {}): string =>
  new Engine({ templates }).renderString(src, ctx);

test('ifequal and ifnotequal (deprecated in 3.2, still built in)', () => {
  assert.equal(render('{% ifequal a b %}yes{% else %}no{% endifequal %}', { a: 1, b: 1 }), 'yes');
  assert.equal(render('{% ifnotequal a "x" %}yes{% endifnotequal %}', { a: 'y' }), 'yes');
  assert.throws(() => render('{% ifequal a %}{% endifequal %}'), { name: 'TemplateSyntaxError' });
});

test('ifchanged keeps its state in the enclosing loop, per include site', () => {
  const templates = { inc: '{% ifchanged %}{{ x }}{% endifchanged %}' };
  const vars = [1, 1, 2, 2, 3, 3];
  assert.equal(render('{% for x in vars %}{% include "inc" %}{% endfor %}', { vars }, templates), '123');
  assert.equal(render('{% for x in vars %}{% include "inc" %}{% include "inc" %}{% endfor %}', { vars }, templates), '112233');
});

test('a named cycle updates the frame that already holds its name', () => {
  assert.equal(render("{% cycle 'a' 'b' as q %}{% for i in l %}{% cycle q %}{% endfor %}[{{ q }}]", { l: [1] }), 'ab[b]');
  assert.equal(render('{% cycle "a" "b" as q silent %}{% with z=1 %}{% cycle q %}{% endwith %}{{ q }}'), 'b');
});

test('named verbatim blocks end only at their own end tag', () => {
  assert.equal(render("{% verbatim special %}Don't {% endverbatim %} just yet{% endverbatim special %}"), "Don't {% endverbatim %} just yet");
});

test('integral float literals print as Python floats; tiny floats positionally (number_format)', () => {
  assert.equal(render('{{ 1.0 }}|{{ 1e2 }}|{{ -2.0 }}|{% with x=3.0 %}{{ x }}{% endwith %}|{{ 2.0|add:1 }}'), '1.0|100.0|-2.0|3.0|3');
  assert.equal(render('{{ a }}|{{ b }}', { a: 1e-7, b: 0.5 }), '0.0000001|0.5');
});

test('a template extending itself, or a cycle of extends, is TemplateDoesNotExist', () => {
  assert.throws(() => new Engine({ templates: { self: '{% extends "self" %}' } }).render('self', {}), { name: 'TemplateDoesNotExist' });
  const loop = new Engine({ templates: { a: '{% extends "b" %}', b: '{% extends "a" %}' } });
  assert.throws(() => loop.render('a', {}), { name: 'TemplateDoesNotExist' });
});

test('block.name, and methods failing with silent_variable_failure render as nothing', () => {
  const templates = { base: '{% block content %}B{% endblock %}' };
  assert.equal(render('{% extends "base" %}{% block content %}{{ block.name }}{% endblock %}', {}, templates), 'content');
  const silent = Object.assign(new Error('quiet'), { silent_variable_failure: true });
  class Model {
    method3(): string {
      throw silent;
    }
  }
  const ctx = { var: new Model(), m: { c: () => { throw silent; } } };
  assert.equal(render('1{{ var.method3 }}{{ m.c }}2', ctx), '12');
  // Any other error, from a method or a getter, names the template line.
  assert.throws(() => render('{{ a.b }}', { a: { get b(): string { throw new Error('loud'); } } }), /loud/);
  assert.throws(() => render('{{ a.b }}', { a: { b: () => { throw new Error('loud'); } } }), /loud/);
});

test('float literals keep their float text through filters that want strings or hand values back', () => {
  assert.equal(render('{{ 2.0|upper }}|{{ 2.0|make_list|length }}|{{ 2.0|default:"x" }}|{{ 1e35 }}'), '2.0|3|2.0|100000000000000000000000000000000000');
});

test('extends: text before it renders; {# #} may precede it, but no tag may', () => {
  const templates = { base: '[{% block a %}A{% endblock %}]' };
  assert.equal(render('\n  {% extends "base" %}ignored{% block a %}B{% endblock %}', {}, templates), '\n  [B]');
  assert.equal(render('{# note #}{% extends "base" %}', {}, templates), '[A]');
  for (const before of ['{% load %}', '{% comment %}x{% endcomment %}', '{{ x }}', '{% templatetag openblock %}']) {
    assert.throws(() => render(`${before}{% extends "base" %}`, {}, templates), { name: 'TemplateSyntaxError' }, before);
  }
});

test('python-runtime: str methods callable without arguments', () => {
  assert.equal(render('{{ s.upper }}|{{ s.title }}|{{ s.split }}|{{ n.isdigit }}|{{ s.isdigit }}', { s: 'hello <world>', n: '123' }), "HELLO &lt;WORLD&gt;|Hello &lt;World&gt;|[&#x27;hello&#x27;, &#x27;&lt;world&gt;&#x27;]|True|False");
  // Unknown names on strings are still missing, and nothing reaches String.prototype.
  assert.equal(render('[{{ s.constructor }}{{ s.length }}{{ s.toUpperCase }}]', { s: 'x' }), '[]');
});
