/**
 * Titles on live navigation: the new page's `<title>`, rendered as a full load renders it (the
 * base's {% block title %} with the view's context and the route's `title`, or the layout's),
 * arrives with the join's answer as a `title` effect.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { T } from '@djust/protocol';
import { LiveView, type Params } from '../src/index.js';
import { withApp, type Running } from './fixtures/app.js';

const TEMPLATES = {
  'base.html': '<!doctype html><html><head><title>{% block title %}{{ title }}{% endblock %} · Shop</title></head><body>{% block content %}{% endblock %}</body></html>',
  'home.html': '{% extends "base.html" %}{% block content %}<p>home</p>{% endblock %}',
  'item.html': '{% extends "base.html" %}{% block title %}{{ name }} | {{ block.super }}{% endblock %}{% block content %}<p>{{ name }}</p>{% endblock %}',
  'layout.html': '<!doctype html><html><head><title>{{ title }} | Layout</title></head><body>{{ content }}{{ djust_script }}</body></html>',
};

class HomeView extends LiveView {
  static template = 'home.html';
}

class ItemView extends LiveView {
  static template = 'item.html';
  name = '';
  override mount(params: Params): void {
    this.name = params.id === '2' ? 'Tom & Jerry <2>' : `Item ${params.id}`;
  }
}

/** A view that names its own title while mounting: that is the one the page ends with. */
class TitledView extends LiveView {
  static template = 'home.html';
  override mount(): void {
    this.pageTitle('Chosen by the view');
  }
}

class PlainView extends LiveView {
  static templateSource = '<p>plain</p>';
}

function routes(r: Running): void {
  r.app.liveSession('shop', [
    ['/', HomeView, { title: 'Home' }],
    ['/items/:id', ItemView, { title: 'Item' }],
    ['/titled', TitledView, { title: 'Route title' }],
    ['/plain', PlainView, { title: 'Plain & simple' }],
    ['/untitled', PlainView],
  ]);
}

/** The title a full load of `path` shows: the text of the HTTP page's <title>. */
async function loadedTitle(r: Running, path: string): Promise<string> {
  const html = await (await fetch(r.server.url + path)).text();
  const raw = /<title>([^<]*)<\/title>/.exec(html)![1]!;
  return raw.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

const titlesOf = (m: { effects?: unknown[] }): unknown[] => (m.effects ?? []).filter((e) => typeof e === 'object' && e !== null && 'title' in e);

test('a live navigation sets the title a full load of the new page shows: the base\'s block with the view\'s context', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/');
    assert.equal(lv.title, undefined, 'the first page has its title from the HTTP document');
    await lv.navigate('/items/7');
    assert.equal(lv.title, 'Item 7 | Item · Shop');
    assert.equal(lv.title, await loadedTitle(r, '/items/7'));
    await lv.navigate('/');
    assert.equal(lv.title, 'Home · Shop');
  }, { engine: new Engine({ templates: TEMPLATES }) });
});

test('the title is text: what the document escapes arrives unescaped, as document.title would read it', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/');
    await lv.navigate('/items/2');
    assert.equal(lv.title, 'Tom & Jerry <2> | Item · Shop');
    assert.equal(lv.title, await loadedTitle(r, '/items/2'));
  }, { engine: new Engine({ templates: TEMPLATES }) });
});

test('a title the view sets while mounting wins over the document\'s', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/');
    const answer = await lv.navigate('/titled');
    assert.deepEqual(answer.t === T.RENDERED && titlesOf(answer), [{ title: 'Route title · Shop' }, { title: 'Chosen by the view' }]);
    assert.equal(lv.title, 'Chosen by the view');
  }, { engine: new Engine({ templates: TEMPLATES }) });
});

test('a page the layout wraps gets the layout\'s title, from the route\'s title or else the class name', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/');
    await lv.navigate('/plain');
    assert.equal(lv.title, 'Plain & simple | Layout');
    assert.equal(lv.title, await loadedTitle(r, '/plain'));
    await lv.navigate('/untitled');
    assert.equal(lv.title, 'PlainView | Layout');
  }, { engine: new Engine({ templates: TEMPLATES }), layout: 'layout.html' });
});

test('a join with the page\'s token (the first join, a reconnect) sends no title: the HTTP page has it', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/items/3');
    const rendered = lv.conversation.flatMap((c) => (c.from === 'server' && c.msg.t === T.RENDERED ? [c.msg] : []));
    assert.equal(rendered.length, 1);
    assert.deepEqual(titlesOf(rendered[0]!), []);
  }, { engine: new Engine({ templates: TEMPLATES }) });
});
