/**
 * Fuzzing the parser and the render path. Whatever the source, `engine.fromString` returns a
 * template or throws TemplateSyntaxError: never a RangeError, TypeError or a hang. Rendering
 * what parsed fails only with the engine's own errors. Hostile contexts cannot crash the
 * engine or reach JavaScript internals.
 *
 * Reproduce a fast-check failure: FC_SEED=<seed> FC_PATH=<path> node --import tsx --test test/fuzz/parser.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Engine, joinTree, type Template } from '../../src/index.js';

const SEED = Number(process.env.FC_SEED ?? 0xf022);
const PATH = process.env.FC_PATH;
const RUNS = Number(process.env.FC_RUNS ?? 1500);

const engine = new Engine({ templates: { 'inc.html': '<i>{{ x }}</i>', 'base.html': 'B{% block a %}A{% endblock %}' } });

/** Errors a render may legitimately end with; anything else is an engine bug. */
const RENDER_ERRORS = new Set(['TemplateSyntaxError', 'TemplateRuntimeError', 'VariableDoesNotExist', 'TemplateDoesNotExist']);

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : `non-Error ${String(e)}`;
}

function show(src: string): string {
  return JSON.stringify(src.length > 200 ? `${src.slice(0, 100)}…(${src.length} chars)…${src.slice(-60)}` : src);
}

/** Parses `src`: the template, or null after a TemplateSyntaxError; fails on anything else. */
function parse(src: string): Template | null {
  try {
    return engine.fromString(src);
  } catch (e) {
    if (e instanceof Error && e.name === 'TemplateSyntaxError') return null;
    assert.fail(`fromString(${show(src)}) threw ${describe(e)}`);
  }
}

const CONTEXT = {
  x: 1,
  y: [1, 2],
  s: '<&>"',
  a: { b: 'c', n: null },
  items: [
    { id: 1, name: 'one' },
    { id: 2, name: 'two' },
  ],
};

/** Renders in both modes: both succeed and agree, or both fail with an engine error. */
function render(tpl: Template, src: string, ctx: object = CONTEXT): void {
  let str: string | null = null;
  try {
    str = tpl.render(ctx);
  } catch (e) {
    assert.ok(e instanceof Error && RENDER_ERRORS.has(e.name), `render(${show(src)}) threw ${describe(e)}`);
  }
  try {
    const tree = joinTree(tpl.renderTree(ctx));
    // {% now %} shows the clock (down to microseconds), so two renders may differ.
    if (str !== null && /\bnow\b/.test(src)) return;
    assert.equal(tree, str, `tree render of ${show(src)} differs from the string render`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.ok(e instanceof Error && RENDER_ERRORS.has(e.name), `renderTree(${show(src)}) threw ${describe(e)}`);
    assert.equal(str, null, `renderTree(${show(src)}) threw but render did not: ${describe(e)}`);
  }
}

function parseAndRender(src: string): void {
  const tpl = parse(src);
  if (tpl) render(tpl, src);
}

// ------------------------------------------------------------------ random sources

/** Fragments that make random strings look like templates, so the parser goes deep. */
const FRAGMENTS = [
  '{{', '}}', '{%', '%}', '{#', '#}', '{', '}', '%', '#', '|', ':', '"', "'", ' ', ' ', '.', ',', '=', '(', ')', '\n',
  'if', 'elif', 'else', 'endif', 'for', 'in', 'endfor', 'empty', 'with', 'endwith', 'block', 'endblock', 'extends',
  'include', 'cycle', 'resetcycle', 'ifchanged', 'endifchanged', 'filter', 'endfilter', 'spaceless', 'endspaceless',
  'autoescape', 'endautoescape', 'verbatim', 'endverbatim', 'comment', 'endcomment', 'templatetag', 'openblock',
  'widthratio', 'regroup', 'by', 'as', 'firstof', 'now', 'load', 'url', 'csrf_token', 'lorem', 'not', 'and', 'or',
  '==', '!=', '<', '>=', 'is', 'x', 'y', 's', 'a.b', 'items', 'forloop.counter', 'block.super', '0', '1.5', '-1',
  'upper', 'default', 'add', 'length', 'date', 'join', 'slice', 'floatformat', 'stringformat', 'escape', 'safe',
  'only', 'reversed', 'silent', 'on', 'off', '"inc.html"', '"nope.html"', '"base.html"', '_', '__proto__',
  'constructor', 'prototype', '\0', 'é', '😀', '\u202e', '\ud800', '\u0301', '\r\n', '\t',
];

const templateish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));

test('random strings parse or raise TemplateSyntaxError', () => {
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), templateish);
  fc.assert(fc.property(anyText, parseAndRender), { numRuns: RUNS, seed: SEED, path: PATH, includeErrorInReport: true });
});

/** Valid templates to mutate; each uses the tags a mutation is most likely to break. */
const CORPUS = [
  '<p>{{ x }}</p>',
  '{% if x > 0 and not s %}big{% elif x %}small{% else %}none{% endif %}',
  '{% for i in items %}<li class="{% cycle "a" "b" %}">{{ forloop.counter }}. {{ i.name|upper }}</li>{% empty %}none{% endfor %}',
  '{% with n=items|length %}{{ n|add:1 }} {{ s|default:"x" }}{% endwith %}',
  '{% for i in y %}{% ifchanged i %}{{ i }}{% else %}-{% endifchanged %}{% endfor %}',
  '{% spaceless %}<b> {{ s }} </b>{% endspaceless %}{% filter upper %}{{ s }}{% endfilter %}',
  '{% autoescape off %}{{ s }}{% endautoescape %}{# c #}{% comment %}{{ x }}{% endcomment %}',
  '{% include "inc.html" with x=s only %}{% verbatim %}{{ raw }}{% endverbatim %}',
  '{% extends "base.html" %}{% block a %}{{ block.super }}!{% endblock %}',
  '{% firstof a.n x "z" %}{% widthratio x 2 100 %}{% templatetag openblock %}',
  '{% regroup items by name as g %}{% for k in g %}{{ k.grouper }}{{ k.list|length }}{% endfor %}',
  '{{ s|slice:":2"|join:","|stringformat:"s" }}{{ 1.5|floatformat:2 }}',
];

/** One mutation: insert a fragment, delete a span, duplicate a span, or cut the source. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...FRAGMENTS) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(src: string, m: Mutation): string {
  const at = m.at % (src.length + 1);
  switch (m.op) {
    case 'insert':
      return src.slice(0, at) + m.text + src.slice(at);
    case 'delete':
      return src.slice(0, at) + src.slice(at + m.len);
    case 'duplicate':
      return src.slice(0, at + m.len) + src.slice(at, at + m.len) + src.slice(at + m.len);
    case 'cut':
      return src.slice(0, at);
  }
}

test('the corpus itself parses and renders', () => {
  for (const src of CORPUS) assert.ok(parse(src), `corpus template ${show(src)} should parse`);
  for (const src of CORPUS) render(engine.fromString(src), src);
});

test('mutated valid templates parse or raise TemplateSyntaxError, and render cleanly', () => {
  const mutated = fc
    .tuple(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 5 }))
    .map(([src, ms]) => ms.reduce(mutate, src));
  fc.assert(fc.property(mutated, parseAndRender), { numRuns: RUNS, seed: SEED, path: PATH, includeErrorInReport: true });
});

// ------------------------------------------------------------------ hostile sources

/**
 * Sources built to exhaust stacks or time. Each must parse or raise TemplateSyntaxError
 * within `ms`: the bounds are generous for linear work, so a failure means recursion as deep
 * as the input, or quadratic scanning.
 */
const HOSTILE: { name: string; src: () => string; ms?: number }[] = [
  { name: '10,000 {% if %} without end', src: () => '{% if x %}'.repeat(10_000) },
  { name: '10,000 nested {% if %} with ends', src: () => '{% if x %}'.repeat(10_000) + 'y' + '{% endif %}'.repeat(10_000) },
  { name: '5,000 nested {% for %}', src: () => '{% for i in y %}'.repeat(5_000) + '{% endfor %}'.repeat(5_000) },
  { name: '5,000 nested {% block %}', src: () => Array.from({ length: 5_000 }, (_, i) => `{% block b${i} %}`).join('') },
  { name: '100,000 `not` in an if', src: () => `{% if ${'not '.repeat(100_000)}x %}y{% endif %}` },
  { name: '2,000 `and` in an if', src: () => `{% if ${Array(2_000).fill('x').join(' and ')} %}y{% endif %}` },
  { name: '2,000 `or`/`==` in an elif', src: () => `{% if x %}{% elif ${Array(2_000).fill('x == 1').join(' or ')} %}y{% endif %}` },
  { name: '{{ with 50,000 filters', src: () => `{{ x${'|lower'.repeat(50_000)} }}` },
  { name: '{{ with 5,000 attribute lookups', src: () => `{{ ${'a.'.repeat(5_000)}b }}` },
  { name: '{% with %} binding 5,000 filters', src: () => `{% with v=x${'|add:1'.repeat(5_000)} %}{{ v }}{% endwith %}` },
  { name: '10,000 ( in an if', src: () => `{% if ${'( '.repeat(10_000)}x %}y{% endif %}` },
  { name: 'a 1,000,000-char variable name', src: () => `{{ ${'x'.repeat(1_000_000)} }}` },
  { name: 'a 1,000,000-char filter argument', src: () => `{{ x|default:"${'\\"'.repeat(500_000)}" }}` },
  { name: '20,000 unclosed {{', src: () => '{{'.repeat(20_000), ms: 500 },
  { name: '20,000 unclosed {%', src: () => '{%'.repeat(20_000), ms: 500 },
  { name: '20,000 unclosed {#', src: () => '{#'.repeat(20_000), ms: 500 },
  { name: 'unclosed verbatim over 20,000 {{', src: () => '{% verbatim %}' + '{{'.repeat(20_000), ms: 500 },
  { name: 'unclosed comment over 20,000 tags', src: () => '{% comment %}' + '{% x %}'.repeat(20_000), ms: 500 },
];

for (const { name, src, ms = 3000 } of HOSTILE) {
  test(`hostile source: ${name}`, () => {
    const text = src();
    const start = performance.now();
    parse(text);
    const took = performance.now() - start;
    assert.ok(took < ms, `parsing ${show(text)} took ${Math.round(took)} ms (bound ${ms} ms)`);
  });
}

test('unterminated quotes, NUL bytes and unicode', () => {
  const sources = [
    '{{ "abc }}', "{{ 'abc }}", '{% if "a %}x{% endif %}', '{% include "inc.html %}', '{% cycle "a b %}',
    '{{ x|default:"abc }}', '{% with a="b %}{% endwith %}', '{% firstof "a %}', '{{ "a\\" }}', '{% for x in "abc %}{% endfor %}',
    '\0', '{{ \0 }}', '{% \0 %}', '{% if x\0 %}y{% endif %}', '{{ x|\0 }}', '{# \0 #}', '{{ x }}\0{{ y }}',
    '{{ é }}', '{{ 😀 }}', '{% if ü %}y{% endif %}', '\ud800{{ x }}\udfff', '{{ x|default:"😀\u202e" }}', '{{ x\u00a0}}',
    '{% for é in y %}{{ é }}{% endfor %}', '{{ x|default:"\ud800" }}', '\u2028{{ x }}\u2029', '{{ x }}\r\n{% if x %}\r{% endif %}',
  ];
  for (const src of sources) parseAndRender(src);
});

// ------------------------------------------------------------------ hostile contexts

/** Renders in both modes and returns the string (asserting the tree agrees). */
function renderBoth(src: string, ctx: object): string {
  const tpl = engine.fromString(src);
  const out = tpl.render(ctx);
  assert.equal(joinTree(tpl.renderTree(ctx)), out);
  return out;
}

test('a throwing getter fails the render with a clear error naming the template line', () => {
  const ctx = {
    o: {
      get bad(): never {
        throw new Error('boom');
      },
    },
  };
  const tpl = engine.fromString('line one\n<p>{{ o.bad }}</p>', 'page.html');
  for (const run of [() => tpl.render(ctx), () => tpl.renderTree(ctx)]) {
    assert.throws(run, (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'TemplateRuntimeError');
      assert.match(e.message, /boom/);
      assert.match(e.message, /page\.html, line 2/);
      return true;
    });
  }
});

test('a throwing Proxy in the context renders or fails with an engine error', () => {
  const trap = (): never => {
    throw new TypeError('trap');
  };
  const p = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
  for (const src of ['{{ p }}', '{{ p.x }}', '{% if p %}y{% endif %}', '{% for i in p %}{{ i }}{% endfor %}', '{{ p|length }}']) {
    render(engine.fromString(src), src, { p });
  }
});

test('cyclic objects print without hanging or overflowing', () => {
  const a: Record<string, unknown> = { n: 1 };
  a.self = a;
  const l: unknown[] = [1];
  l.push(l);
  const m = new Map<string, unknown>();
  m.set('m', m);
  const out = renderBoth('{{ a }}|{{ l }}|{{ m }}|{{ a.self.self.n }}|{{ l|length }}', { a, l, m });
  assert.equal(out, '{&#x27;n&#x27;: 1, &#x27;self&#x27;: {...}}|[1, [...]]|{&#x27;m&#x27;: {...}}|1|2');
  for (const src of ['{{ a|pprint }}', '{{ l|join:"," }}', '{{ a|json_script:"id" }}', '{{ a|safe }}', '{{ l|first }}']) {
    render(engine.fromString(src), src, { a, l });
  }
});

test('a 10 MB string renders, escaped', () => {
  // Mostly plain text, so the test measures the render path rather than entity expansion.
  const s = 'x'.repeat(10_000_000) + '<&';
  const out = renderBoth('<p>{{ s }}</p>{{ s|length }}', { s });
  assert.equal(out.length, '<p></p>'.length + 10_000_000 + '&lt;&amp;'.length + '10000002'.length);
  assert.ok(out.endsWith('x&lt;&amp;</p>10000002'));
});

test('templates cannot reach constructor, prototype or Function', () => {
  let called = false;
  // A function value that templates hold without calling it (Django's do_not_call_in_templates),
  // so its own members (constructor, call, bind…) are what a template would reach.
  const f = Object.assign(
    function named(): string {
      called = true;
      return 'called';
    },
    { doNotCallInTemplates: true },
  );
  const ctx = { x: {}, n: 1, l: [1], s: 'str', fn: { f } };
  const empty = [
    '{{ x.constructor }}',
    '{{ x.constructor.constructor }}',
    '{% with f=x.constructor %}{{ f.name }}{% endwith %}',
    '{% with c=x.constructor.constructor %}{{ c }}{% endwith %}',
    '{{ n.constructor }}{{ l.constructor }}{{ s.constructor }}{{ l.map }}{{ s.toString }}',
    '{{ fn.f.constructor }}{{ fn.f.prototype }}{{ fn.f.call }}{{ fn.f.apply }}{{ fn.f.bind }}',
    '{{ constructor }}{{ toString }}{{ hasOwnProperty }}{{ valueOf }}{{ prototype }}',
    '{% for k in x.constructor %}{{ k }}{% endfor %}',
    '{% if x.constructor %}reached{% endif %}',
    '{% with g=fn.f %}{{ g.constructor }}{{ g.call }}{{ g.name }}{% endwith %}',
  ];
  for (const src of empty) assert.equal(renderBoth(src, ctx), '', src);
  assert.equal(called, false, 'a function marked doNotCallInTemplates was called');
  // Underscores are rejected at parse time, as in Django.
  for (const src of ['{{ x.__proto__ }}', '{{ __proto__ }}', '{% with p=x.__proto__ %}{% endwith %}', '{% if x.__proto__ %}{% endif %}']) {
    assert.throws(() => engine.fromString(src), { name: 'TemplateSyntaxError' }, src);
  }
  // Django cannot look attributes up on a literal: a syntax error, or at least nothing shown.
  try {
    assert.equal(renderBoth('{{ "".constructor }}', ctx), '');
  } catch (e) {
    assert.ok(e instanceof Error && e.name === 'TemplateSyntaxError', describe(e));
  }
});
