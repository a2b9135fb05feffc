/**
 * Rendering one block of a template (the live part of a page written the Django way), and the
 * whole document with that block wrapped: inheritance resolved as Django resolves it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, joinTree } from '../../src/index.js';

/** Three levels: page extends mid extends base; overrides, block.super, a block inside a block. */
const TEMPLATES = {
  'base.html':
    '<html><head><title>{% block title %}Site{% endblock %}</title></head><body><nav>{{ user }}</nav>' +
    '{% block content %}<p>base</p>{% block aside %}A{% endblock %}{% endblock %}<footer>F</footer></body></html>',
  'mid.html': '{% extends "base.html" %}{% block content %}<section>{{ block.super }}<i>mid</i></section>{% endblock %}{% block aside %}mid-aside{% endblock %}',
  'page.html':
    '{% extends "mid.html" %}{% block title %}{{ name }} | {{ block.super }}{% endblock %}' +
    '{% block content %}<main>{{ block.super }}{% for x in items %}<b>{{ x }}</b>{% endfor %}</main>{% endblock %}{% block aside %}[{{ block.super }}]{% endblock %}',
  'flat.html': '<div>{% block content %}{{ name }}{% block inner %}in{% endblock %}{% endblock %}</div>',
  'looped.html': '{% for x in items %}{% block content %}{{ x }}{% endblock %}{% endfor %}',
  'child-of-looped.html': '{% extends "looped.html" %}{% block content %}<{{ x }}>{% endblock %}',
};

const ctx = { name: 'Ada', user: 'ada@x', items: [1, 2] };
const engine = (): Engine => new Engine({ templates: TEMPLATES });

test('renderBlock renders the most derived override across three levels, block.super reaching each level up', () => {
  const page = engine().getTemplate('page.html');
  // Django: content's super is mid's body, whose super is base's, whose aside is page's override.
  assert.equal(page.renderBlock('content', ctx), '<main><section><p>base</p>[mid-aside]<i>mid</i></section><b>1</b><b>2</b></main>');
  assert.equal(page.renderBlock('title', ctx), 'Ada | Site');
  assert.equal(page.renderBlock('aside', ctx), '[mid-aside]');
  // A block only a parent defines renders the parent's body.
  assert.equal(engine().getTemplate('mid.html').renderBlock('title', ctx), 'Site');
});

test('the rendered block is exactly the part of the whole document it stands for', () => {
  const page = engine().getTemplate('page.html');
  assert.equal(
    page.render(ctx),
    '<html><head><title>Ada | Site</title></head><body><nav>ada@x</nav>' + page.renderBlock('content', ctx) + '<footer>F</footer></body></html>',
  );
});

test('renderBlockTree joins to renderBlock, and holds only the block', () => {
  const page = engine().getTemplate('page.html');
  const tree = page.renderBlockTree('content', ctx);
  assert.equal(joinTree(tree), page.renderBlock('content', ctx));
  assert.doesNotMatch(JSON.stringify(tree), /nav|footer|html/);
  const flat = engine().getTemplate('flat.html');
  assert.equal(joinTree(flat.renderBlockTree('content', ctx)), 'Adain');
  assert.equal(flat.renderBlock('inner', ctx), 'in');
});

test('wrapBlock puts markup around exactly the block, once, in the whole document', () => {
  const page = engine().getTemplate('page.html');
  const wrapped = page.render(ctx, { wrapBlock: { name: 'content', before: '<div id="live">', after: '</div>' } });
  assert.equal(
    wrapped,
    '<html><head><title>Ada | Site</title></head><body><nav>ada@x</nav><div id="live">' + page.renderBlock('content', ctx) + '</div><footer>F</footer></body></html>',
  );
  // A nested block inside the wrapped one, and block.super of the wrapped one, are not wrapped again.
  const aside = page.render(ctx, { wrapBlock: { name: 'aside', before: '{', after: '}' } });
  assert.equal(aside.split('{').length - 1, 1);
  assert.match(aside, /<p>base<\/p>\{\[mid-aside\]\}<i>mid<\/i>/);
  // Without extends too.
  assert.equal(engine().getTemplate('flat.html').render(ctx, { wrapBlock: { name: 'content', before: '<s>', after: '</s>' } }), '<div><s>Adain</s></div>');
});

test('a missing block is an error naming the template and the block', () => {
  const page = engine().getTemplate('page.html');
  assert.throws(() => page.renderBlock('contnet', ctx), (e: Error) => /page\.html/.test(e.message) && /'contnet'/.test(e.message) && /'content'/.test(e.message));
  assert.throws(() => page.renderBlockTree('sidebar', ctx), /page\.html.*'sidebar'/);
  assert.throws(() => engine().getTemplate('flat.html').renderBlock('sidebar', ctx), /flat\.html.*'sidebar'/);
  assert.throws(() => page.render(ctx, { wrapBlock: { name: 'sidebar', before: '', after: '' } }), /page\.html.*'sidebar'/);
});

test('a wrapped block must render exactly once in the document', () => {
  const looped = engine().getTemplate('child-of-looped.html');
  assert.throws(() => looped.render(ctx, { wrapBlock: { name: 'content', before: '', after: '' } }), /child-of-looped\.html.*'content'.*2 times/);
  assert.throws(() => looped.render({ items: [] }, { wrapBlock: { name: 'content', before: '', after: '' } }), /child-of-looped\.html.*'content'.*0 times/);
});
