/**
 * NotFound (Django's Http404) and error templates: unknown URLs, a view's NotFound, 405 and 500
 * render the app's templates with their context; over the socket a NotFound sends the client to
 * the URL with a full page load, which shows the 404 page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { T, checkAnswers } from '@djust/protocol';
import { NotFound, type AppOptions } from '../src/index.js';
import { LiveClient } from '../src/testing/index.js';
import { withApp, type Running } from './fixtures/app.js';
import { GoneView, ItemView, items } from './fixtures/not-found-views.js';
import { recordingLogger } from './fixtures/recording-logger.js';

const TEMPLATES = {
  '404.html': '<!doctype html><title>{{ title }}</title><h1>Page not found ({{ status }})</h1><p class="m">{{ message }}</p><p class="p">{{ path }}</p><i>{{ csrf_token }}</i>',
  '405.html': '<h1>{{ status }}: {{ title }}</h1><p>{{ message }}</p>',
  '500.html': '<h1>Something broke ({{ status }})</h1><p>{{ message }}</p><pre>{{ stack }}</pre>',
  'broken-404.html': '<h1>{% url "no-such-route" %}</h1>',
};

function options(extra: Partial<AppOptions> = {}): Partial<AppOptions> {
  return { engine: new Engine({ templates: TEMPLATES }), errorTemplates: { 404: '404.html', 405: '405.html', 500: '500.html' }, ...extra };
}

function routes(r: Running): void {
  items.clear();
  items.set('1', 'lamp').set('2', 'desk');
  r.app.liveSession('shop', [
    ['/items/:id', ItemView],
    ['/gone', GoneView],
  ]);
  r.app.get('/api/:id', (ctx) => {
    throw new NotFound(`No record ${ctx.params.id}`);
  });
  r.app.get('/crash', () => {
    throw new Error('password=hunter2 in the connection string');
  });
}

/** The CSRF token of the session behind `cookie`, as the fixture's form page writes it. */
async function csrfOf(r: Running, cookie: string): Promise<string> {
  const html = await (await fetch(r.server.url + '/form', { headers: { cookie } })).text();
  return /value="([^"]+)"/.exec(html)![1]!;
}

test('an unknown URL answers 404 with the 404 template, given status, message, path, title and the session\'s CSRF token', async () => {
  await withApp(async (r) => {
    routes(r);
    const first = await fetch(r.server.url + '/form');
    const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(r.server.url + '/no/such/page?x=1', { headers: { cookie } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    const body = await res.text();
    assert.match(body, /<title>Not Found<\/title><h1>Page not found \(404\)<\/h1><p class="m">Not Found<\/p><p class="p">\/no\/such\/page<\/p>/);
    assert.equal(/<i>([^<]*)<\/i>/.exec(body)![1], await csrfOf(r, cookie));
  }, options());
});

test('a view\'s NotFound from handleParams or mount answers the HTTP request with the 404 page and its message', async () => {
  const logger = recordingLogger();
  await withApp(async (r) => {
    routes(r);
    const found = await fetch(r.server.url + '/items/1');
    assert.equal(found.status, 200);
    assert.match(await found.text(), /item lamp/);
    const missing = await fetch(r.server.url + '/items/9');
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /<p class="m">No item 9<\/p><p class="p">\/items\/9<\/p>/);
    const gone = await fetch(r.server.url + '/gone');
    assert.equal(gone.status, 404);
    assert.match(await gone.text(), /<p class="m">This page is gone<\/p>/);
    const api = await fetch(r.server.url + '/api/5');
    assert.equal(api.status, 404);
    assert.match(await api.text(), /<p class="m">No record 5<\/p>/);
    // A missing page is no server error.
    assert.deepEqual(logger.text('error'), []);
  }, options({ logger }));
});

test('a method the route does not take answers 405 with the 405 template', async () => {
  await withApp(async (r) => {
    routes(r);
    const res = await fetch(r.server.url + '/items/1', { method: 'DELETE' });
    assert.equal(res.status, 405);
    assert.equal(await res.text(), '<h1>405: Method Not Allowed</h1><p>Method Not Allowed</p>');
  }, options());
});

test('a handler that throws answers 500 with the 500 template, and neither the exception\'s text nor its stack reaches the page', async () => {
  const logger = recordingLogger();
  await withApp(async (r) => {
    routes(r);
    const res = await fetch(r.server.url + '/crash');
    assert.equal(res.status, 500);
    const body = await res.text();
    assert.equal(body, '<h1>Something broke (500)</h1><p>Internal Server Error</p><pre></pre>');
    assert.deepEqual(logger.text('error'), ['[djust] request failed password=hunter2 in the connection string']);
  }, options({ logger }));
});

test('with debug on, the 500 template gets the stack', async () => {
  await withApp(async (r) => {
    routes(r);
    const body = await (await fetch(r.server.url + '/crash')).text();
    assert.match(body, /<pre>Error: password=hunter2 in the connection string\n\s+at /);
  }, options({ debug: true }));
});

test('a 404 template that fails to render falls back to the plain page, still 404, and the failure is logged', async () => {
  const logger = recordingLogger();
  await withApp(async (r) => {
    routes(r);
    const res = await fetch(r.server.url + '/items/9');
    assert.equal(res.status, 404);
    assert.equal(await res.text(), '<!doctype html><title>404</title><h1>404</h1><p>No item 9</p>');
    assert.equal(logger.lines.filter((l) => l.level === 'error').length, 1);
    assert.match(logger.text('error')[0]!, /the 404 page's template "broken-404.html" failed to render/);
  }, options({ logger, errorTemplates: { 404: 'broken-404.html' } }));
});

test('a status without a template gets the plain page; a NotFound message is escaped there too', async () => {
  await withApp(async (r) => {
    routes(r);
    r.app.get('/tag', () => {
      throw new NotFound('<b>No</b> tag');
    });
    const res = await fetch(r.server.url + '/tag');
    assert.equal(res.status, 404);
    assert.equal(await res.text(), '<!doctype html><title>404</title><h1>404</h1><p>&lt;b&gt;No&lt;/b&gt; tag</p>');
  });
});

test('a join whose view is not found any more is answered by a full-page redirect to its own URL, which then answers 404', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await LiveClient.open(r.server.url, '/items/2');
    items.delete('2');
    const answer = await lv.request({ t: T.JOIN, ref: lv.nextRef(), v: 'dj-root', url: '/items/2', token: lv.token });
    assert.deepEqual(answer.t === T.REDIRECT && [answer.kind, answer.to, answer.nav], ['redirect', '/items/2', undefined]);
    // The view ended; the socket is not closed as for a failed mount.
    assert.equal(r.app.stats().views, 0);
    assert.equal((await lv.request({ t: T.HEARTBEAT, ref: lv.nextRef() })).t, T.HEARTBEAT);
    assert.equal((await fetch(r.server.url + '/items/2', { headers: { cookie: lv.cookie } })).status, 404);
    assert.deepEqual(checkAnswers(lv.conversation), []);
    await lv.close();
  }, options());
});

test('a live navigation to a missing id is answered by a full-page redirect to that URL; the page it left keeps running', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/items/1');
    const answer = await lv.navigate('/items/404');
    assert.deepEqual(answer.t === T.REDIRECT && [answer.kind, answer.to, answer.nav], ['redirect', '/items/404', undefined]);
    assert.equal(lv.html(), '<p>item lamp</p>');
    assert.equal(r.app.stats().views, 1);
    // The redirect's page load gets the 404 page.
    assert.equal((await fetch(r.server.url + '/items/404')).status, 404);
    // A navigation to a URL that exists still works on the same socket.
    assert.equal((await lv.navigate('/items/2')).t, T.RENDERED);
    assert.equal(lv.html(), '<p>item desk</p>');
    assert.deepEqual(checkAnswers(lv.conversation), []);
  }, options());
});

test('a live link within the view to a missing id (handleParams throws NotFound) is answered by a full-page redirect to it', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/items/1');
    const answer = await lv.patch('/items/77');
    assert.deepEqual(answer.t === T.REDIRECT && [answer.kind, answer.to], ['redirect', '/items/77']);
    assert.deepEqual(lv.errors, []);
    assert.deepEqual(checkAnswers(lv.conversation), []);
  }, options());
});
