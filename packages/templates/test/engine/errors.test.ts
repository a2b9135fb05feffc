import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, TemplateSyntaxError, joinTree } from '../../src/index.js';

function syntaxError(src: string, templates: Record<string, string> = {}): TemplateSyntaxError {
  try {
    new Engine({ templates }).renderString(src, {});
  } catch (e) {
    assert.ok(e instanceof TemplateSyntaxError, `expected TemplateSyntaxError, got ${String(e)}`);
    return e;
  }
  assert.fail(`no error for ${src}`);
}

test('syntax errors carry template name, line, column and a caret excerpt', () => {
  const e = syntaxError('line one\n  {% if x %}\n  {{ y|upperr }}\n{% endif %}');
  assert.equal(e.name, 'TemplateSyntaxError');
  assert.deepEqual(e.position, { template: '<string>', line: 3, column: 3 });
  assert.match(e.message, /Invalid filter: 'upperr' \(did you mean 'upper'\?\)/);
  assert.match(e.message, /   3 \|   \{\{ y\|upperr \}\}\n {5}\|   \^/);
});

test('unknown tags name the nearest known one; unclosed tags name the opener', () => {
  assert.match(syntaxError('{% endfo %}').message, /Invalid block tag on line 1: 'endfo'/);
  assert.match(syntaxError('{% forr x in y %}').message, /Did you mean 'for'\?/);
  const unclosed = syntaxError('a\n{% for x in y %}\n{% if x %}{% endif %}');
  assert.match(unclosed.message, /Unclosed tag on line 2: 'for'. Looking for one of: empty, endfor./);
  assert.equal(unclosed.position?.line, 2);
});

test('errors in a named template report that name', () => {
  const e = syntaxError('{% include "bad.html" %}', { 'bad.html': 'ok\n{% block %}' });
  assert.equal(e.position?.template, 'bad.html');
  assert.equal(e.position?.line, 2);
});

test('deep nesting is refused with a clear error, not a stack overflow', () => {
  const e = syntaxError('{% if x %}'.repeat(5000));
  assert.match(e.message, /nested/);
});

test('render errors from the context point at the template line', () => {
  const ctx = {
    get boom(): string {
      throw new Error('kaput');
    },
  };
  assert.throws(() => new Engine().renderString('ok\n{{ boom }}', ctx), (err: Error & { position?: { line: number } }) => {
    assert.equal(err.name, 'TemplateRuntimeError');
    assert.match(err.message, /kaput/);
    assert.equal(err.position?.line, 2);
    return true;
  });
});

test('missing templates raise TemplateDoesNotExist; hostile names never leave the template folders', () => {
  const engine = new Engine({ dirs: [new URL('.', import.meta.url).pathname] });
  for (const name of ['../../package.json', '/etc/passwd', 'a/../../x', 'x\0y', '..\\x']) {
    assert.throws(() => engine.getTemplate(name), { name: 'TemplateDoesNotExist' }, name);
  }
});

test('a template too large for V8 in tree mode fails as a template error', () => {
  const engine = new Engine();
  const big = engine.fromString('{% if x %}a{% endif %}'.repeat(50000));
  assert.equal(big.render({ x: 1 }).length, 50000);
  // Either the tree renders in full, or it fails as a template error (never a bare RangeError).
  try {
    assert.equal(joinTree(big.renderTree({ x: 1 })).length, 50000);
  } catch (e) {
    assert.equal((e as Error).name, 'TemplateRuntimeError');
  }
});
