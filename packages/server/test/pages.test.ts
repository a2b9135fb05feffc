/**
 * Pages written the Django way: a view's template extends a base holding the whole document,
 * and only its live block is wrapped in the view's container, joined, diffed and sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '@djust/templates';
import type { ServerMessage } from '@djust/protocol';
import { LiveView } from '../src/index.js';
import { withApp } from './fixtures/app.js';
import { recordingLogger } from './fixtures/recording-logger.js';

const TEMPLATES = {
  'base.html':
    '<!doctype html><html><head><title>{% block title %}Shop{% endblock %}</title></head>' +
    '<body><nav>visits {{ visits }}</nav>{% block content %}{% endblock %}<footer>the footer</footer></body></html>',
  'cart.html':
    '{% extends "base.html" %}{% block title %}Cart ({{ count }}) | {{ block.super }}{% endblock %}' +
    '{% block content %}<div><h1>Count: {{ count }}</h1><button dj-click="increment">+</button>{% block extra %}{% endblock %}</div>{% endblock %}',
  'marked.html':
    '<!doctype html><html><head><title>{{ title }}</title></head><body><header>{{ visits }}</header>' +
    '<main>{% block main %}<p>{{ count }}</p><button dj-click="increment">+</button>{% endblock %}</main>{{ djust_script }}</body></html>',
  'elsewhere.html': '{% extends "base.html" %}{% block main %}<p>never shown</p>{% endblock %}',
  'layout.html': '<!doctype html><html><head><title>{{ title }} | Layout</title></head><body><div class="layout">{{ content }}</div>{{ djust_script }}</body></html>',
};

/** The nav (outside the block) counts too, so a diff that leaked past the block would show it. */
class CartView extends LiveView {
  static template = 'cart.html';
  static events = ['increment'];
  count = 0;
  visits = 7;
  increment(): void {
    this.count++;
    this.visits++;
  }
}

/** No extends: the template is the document, and `liveBlock` names its live part. */
class MarkedView extends LiveView {
  static template = 'marked.html';
  static liveBlock = 'main';
  static events = ['increment'];
  count = 0;
  visits = 3;
  increment(): void {
    this.count++;
    this.visits++;
  }
}

class PlainView extends LiveView {
  static templateSource = '<p>plain {{ n }}</p>';
  n = 1;
}

/** Extends the base but overrides a block the base has not got: no `content` of its own. */
class NamedWrongView extends LiveView {
  static template = 'elsewhere.html';
  static liveBlock = 'sidebar';
}

const routes = { '/cart': CartView, '/marked': MarkedView, '/plain': PlainView, '/wrong': NamedWrongView };
const count = (html: string, needle: string): number => html.split(needle).length - 1;
const block = (n: number): string => `<div><h1>Count: ${n}</h1><button dj-click="increment">+</button></div>`;

async function withPages(body: Parameters<typeof withApp>[0], clientScript?: string, logger = recordingLogger()): Promise<void> {
  await withApp(body, { engine: new Engine({ templates: TEMPLATES }), layout: 'layout.html', logger, ...(clientScript ? { clientScript } : {}) }, routes);
}

test('a page whose template extends a base is one document, the container around exactly the live block', async () => {
  await withPages(async (r) => {
    const html = await (await fetch(`${r.server.url}/cart`)).text();
    assert.equal(count(html, '<html'), 1);
    assert.equal(count(html, '<body'), 1);
    assert.equal(count(html, 'data-dj-view='), 1);
    assert.doesNotMatch(html, /Layout|class="layout"/, 'the layout is not applied to a Django-way page');
    assert.match(html, /^<!doctype html><html><head><title>Cart \(0\) \| Shop<\/title><\/head><body><nav>visits 7<\/nav><div id="dj-root" data-dj-view="CartView" data-dj-token="[^"]+" data-dj-socket="\/djust\/socket">/);
    assert.ok(html.endsWith(`">${block(0)}</div><footer>the footer</footer></body></html>`), html);
  });
});

test('the join answers only the live block, and an event diffs only the block', async () => {
  await withPages(async (r) => {
    const lv = await r.connect('/cart');
    assert.equal(lv.html(), block(0));
    const rendered = lv.received.find((m) => m.t === 'rendered') as ServerMessage;
    assert.doesNotMatch(JSON.stringify(rendered), /nav|footer|<html|visits/);
    await lv.click('button[dj-click=increment]');
    assert.equal(lv.html(), block(1));
    const reply = lv.received.filter((m) => m.t === 'reply').at(-1) as ServerMessage & { diff?: unknown };
    assert.ok(reply.diff, 'the click changed the block');
    // visits changed too, but lives outside the block: nothing of it is sent.
    assert.doesNotMatch(JSON.stringify(reply), /"8"|visits|nav/);
  });
});

test('static liveBlock marks the live part of a template that is itself the document', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'djust-pages-'));
  writeFileSync(join(dir, 'client.js'), '');
  try {
    await withPages(async (r) => {
      const html = await (await fetch(`${r.server.url}/marked`)).text();
      assert.equal(count(html, '<html'), 1);
      assert.match(html, /<header>3<\/header><main><div id="dj-root" data-dj-view="MarkedView" data-dj-token="[^"]+" data-dj-socket="\/djust\/socket"><p>0<\/p><button dj-click="increment">\+<\/button><\/div><\/main>/);
      // The page's title and script reach the document's own {{ title }} and {{ djust_script }}.
      assert.match(html, /<title>MarkedView<\/title>/);
      assert.equal(count(html, '<script src="/djust/client.js" defer></script>'), 1);
      const lv = await r.connect('/marked');
      assert.equal(lv.html(), '<p>0</p><button dj-click="increment">+</button>');
      await lv.click('button[dj-click=increment]');
      assert.equal(lv.html(), '<p>1</p><button dj-click="increment">+</button>');
    }, join(dir, 'client.js'));
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a base that does not write {{ djust_script }} gets the script before its </body>', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'djust-pages-'));
  writeFileSync(join(dir, 'client.js'), '');
  try {
    await withPages(async (r) => {
      const html = await (await fetch(`${r.server.url}/cart`)).text();
      assert.ok(html.endsWith('<footer>the footer</footer><script src="/djust/client.js" defer></script></body></html>'), html);
    }, join(dir, 'client.js'));
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a view without extends still gets the layout', async () => {
  await withPages(async (r) => {
    const html = await (await fetch(`${r.server.url}/plain`)).text();
    assert.match(html, /^<!doctype html><html><head><title>PlainView \| Layout<\/title><\/head><body><div class="layout"><div id="dj-root" data-dj-view="PlainView" data-dj-token="[^"]+" data-dj-socket="\/djust\/socket"><p>plain 1<\/p><\/div><\/div><\/body><\/html>$/);
    const lv = await r.connect('/plain');
    assert.equal(lv.html(), '<p>plain 1</p>');
  });
});

test('a live block the templates do not define fails the page with an error naming the template and the block', async () => {
  const logger = recordingLogger();
  await withPages(
    async (r) => {
      const res = await fetch(`${r.server.url}/wrong`);
      assert.equal(res.status, 500);
      assert.doesNotMatch(await res.text(), /never shown|the footer/);
      assert.ok(logger.text('error').some((l) => /elsewhere\.html/.test(l) && /'sidebar'/.test(l)), logger.text('error').join('\n'));
    },
    undefined,
    logger,
  );
});
