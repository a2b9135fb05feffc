/** Plain HTTP: body limits, layouts, CSRF by header, JSON and form bodies, 404 and 405. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withApp, type Running } from './fixtures/app.js';
import { rawExchange, statusOf } from './fixtures/http.js';

const MiB = 1024 * 1024;

/** A page's session cookie and CSRF token, as a browser would hold them. */
async function session(r: Running): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`${r.server.url}/form`);
  return { cookie: page.headers.getSetCookie()[0].split(';')[0], token: /value="([^"]+)"/.exec(await page.text())![1] };
}

const formHead = (length: number | 'chunked'): string =>
  `POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n${
    length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`
  }\r\n\r\n`;

test('an oversized body is answered with 413, which the client reads before the connection ends', async () => {
  await withApp(async (r) => {
    const big = 'a'.repeat(2 * MiB);
    // Declared too large: the whole body is written before reading the answer.
    assert.equal(statusOf(await rawExchange(r.server.port, formHead(big.length), big)), 413);
    // Not declared (chunked): the limit trips mid-body.
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = Array.from({ length: 40 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('') + '0\r\n\r\n';
    assert.equal(statusOf(await rawExchange(r.server.port, formHead('chunked'), chunks)), 413);
    const res = await fetch(`${r.server.url}/form`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: big });
    assert.equal(res.status, 413);
    assert.match(await res.text(), /too large/);
    // And the server still reads bodies within the limit.
    const { cookie, token } = await session(r);
    const ok = await fetch(`${r.server.url}/form`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `name=ada&csrfmiddlewaretoken=${encodeURIComponent(token)}` });
    assert.equal(await ok.text(), 'got ada');
  });
});

test('maxBodyBytes sets the limit', async () => {
  await withApp(
    async (r) => {
      const { cookie, token } = await session(r);
      const fields = `csrfmiddlewaretoken=${encodeURIComponent(token)}&name=`;
      const post = (body: string) => fetch(`${r.server.url}/form`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
      assert.equal((await post(fields + 'a'.repeat(100 - fields.length))).status, 200);
      assert.equal((await post(fields + 'a'.repeat(101 - fields.length))).status, 413);
    },
    { maxBodyBytes: 100 },
  );
});

test('a layout wraps live pages with their title, the CSRF token and the script tag', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'djust-layout-'));
  writeFileSync(
    join(dir, 'layout.html'),
    '<!doctype html><title>{{ title }} | Site</title><meta name="csrf" content="{{ csrf_token }}"><main>{{ content }}</main>{{ djust_script }}',
  );
  writeFileSync(join(dir, 'client.js'), '');
  try {
    await withApp(
      async (r) => {
        const page = await fetch(`${r.server.url}/counter`);
        const html = await page.text();
        assert.match(html, /^<!doctype html><title>CounterView \| Site<\/title>/);
        assert.match(html, /<main><div id="dj-root" data-dj-view="CounterView" data-dj-token="[^"]+" data-dj-socket="\/djust\/socket"><div><h1>Count: 0<\/h1>/);
        assert.match(html, /<\/main><script src="\/djust\/client\.js" defer><\/script>$/);
        // The token in the layout is the session's: it passes the CSRF check.
        const cookie = page.headers.getSetCookie()[0].split(';')[0];
        const token = /name="csrf" content="([^"]+)"/.exec(html)![1];
        const post = await fetch(`${r.server.url}/form`, { method: 'POST', headers: { cookie, 'x-csrftoken': token, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=ada' });
        assert.equal(await post.text(), 'got ada');
        const lv = await r.connect('/counter');
        await lv.click('button[dj-click=increment]');
        assert.match(lv.html(), /Count: 1/);
      },
      { templates: [dir], layout: 'layout.html', clientScript: join(dir, 'client.js') },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CSRF token may come in the X-CSRFToken header, and JSON bodies are parsed', async () => {
  await withApp(async (r) => {
    const { cookie, token } = await session(r);
    const post = (body: string, headers: Record<string, string>) => fetch(`${r.server.url}/form`, { method: 'POST', headers: { cookie, ...headers }, body });
    const json = { 'content-type': 'application/json' };
    assert.equal(await (await post('{"name":"ada"}', { ...json, 'x-csrftoken': token })).text(), 'got ada');
    assert.equal(await (await post(JSON.stringify({ name: 'grace', csrfmiddlewaretoken: token }), json)).text(), 'got grace');
    assert.equal((await post('{"name":"ada"}', { ...json, 'x-csrftoken': token + 'x' })).status, 403);
    assert.equal((await post('{"name":"ada"}', json)).status, 403);
    const notJson = await post('{name: ada}', { ...json, 'x-csrftoken': token });
    assert.equal(notJson.status, 400);
    assert.match(await notJson.text(), /not valid JSON/);
    assert.equal((await post('["ada"]', { ...json, 'x-csrftoken': token })).status, 400);
    assert.equal((await post('"ada"', { ...json, 'x-csrftoken': token })).status, 400);
  });
});

test('unknown paths get 404, and methods a route does not take get 405', async () => {
  await withApp(async (r) => {
    const missing = await fetch(`${r.server.url}/nowhere`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await missing.text(), /<h1>404<\/h1><p>Not Found<\/p>/);
    const { cookie, token } = await session(r);
    for (const [method, path] of [
      ['POST', '/counter'],
      ['DELETE', '/counter'],
      ['PUT', '/form'],
      ['DELETE', '/form'],
    ]) {
      const res = await fetch(r.server.url + path, { method, headers: { cookie, 'x-csrftoken': token } });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.match(await res.text(), /Method Not Allowed/);
    }
    // HEAD falls back to the GET handler.
    const head = await fetch(`${r.server.url}/form`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });
});

test("form and JSON fields named constructor or prototype reach the handler; '__proto__' is refused", async () => {
  await withApp(async (r) => {
    r.app.post('/echo', (ctx) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: ctx.body, bare: Object.values(ctx.body).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)).every((v) => Object.getPrototypeOf(v) === null) }),
    }));
    const { cookie, token } = await session(r);
    const post = (body: string, type: string) => fetch(`${r.server.url}/echo`, { method: 'POST', headers: { cookie, 'x-csrftoken': token, 'content-type': type }, body });
    const form = 'application/x-www-form-urlencoded';
    const fields = await post('constructor=a&constructor=b&prototype=p&toString=t&hasOwnProperty=h', form);
    assert.deepEqual(await fields.json(), { body: { constructor: ['a', 'b'], prototype: 'p', toString: 't', hasOwnProperty: 'h' }, bare: true });
    const nested = { constructor: 'c', profile: { prototype: 'p', constructor: { name: 'n' } }, tags: ['x'] };
    assert.deepEqual(await (await post(JSON.stringify(nested), 'application/json')).json(), { body: nested, bare: true });
    for (const [body, type] of [
      ['__proto__=x', form],
      ['a=1&__proto__[admin]=1&__proto__=y', form],
      ['{"__proto__":{"admin":true}}', 'application/json'],
      ['{"profile":{"__proto__":{"admin":true}}}', 'application/json'],
      ['{"list":[{"a":{"__proto__":{}}}]}', 'application/json'],
    ]) {
      const res = await post(body, type);
      assert.equal(res.status, 400, body);
      assert.match(await res.text(), /__proto__/, body);
    }
    assert.equal(({} as Record<string, unknown>).admin, undefined);
  });
});
