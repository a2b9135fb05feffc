/** The session a request handler writes is kept: the next request, and a live view's mount, read it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, LiveView, type Params } from '../src/index.js';
import { LiveClient } from '../src/testing/index.js';
import { SECRET } from './fixtures/app.js';

class WhoView extends LiveView {
  static templateSource = '<p>Signed in as {{ user }}</p>';
  user = '';
  override mount(_params: Params, session: Record<string, unknown>): void {
    this.user = typeof session.user === 'string' ? session.user : 'nobody';
  }
}

async function withSessionApp(body: (url: string) => Promise<void>): Promise<void> {
  const app = new App({ secret: SECRET, devPanel: false });
  app.get('/login', (ctx) => `<input name="csrfmiddlewaretoken" value="${ctx.session.csrf}">`);
  app.post('/login', (ctx) => {
    ctx.session.data.user = String(ctx.body.name);
    return ctx.redirect('/me');
  });
  app.post('/logout', (ctx) => {
    delete ctx.session.data.user;
    return ctx.redirect('/me');
  });
  app.post('/huge', (ctx) => {
    ctx.session.data.blob = 'x'.repeat(5000);
    return 'kept?';
  });
  app.get('/me', (ctx) => `user=${String(ctx.session.data.user ?? 'nobody')}`);
  app.live('/who', WhoView);
  const running = await app.listen(0, '127.0.0.1');
  try {
    await body(running.url);
  } finally {
    await running.close();
  }
}

/** A browser's cookie jar for one site, reduced to the session cookie. */
class Jar {
  cookie = '';
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(this.cookie ? { cookie: this.cookie } : {}) } });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('djust_session='));
    if (set) this.cookie = set.split(';')[0];
    return res;
  }
  async post(url: string, body: string, token: string): Promise<Response> {
    return this.fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrftoken': token }, body });
  }
}

test('what a POST handler puts in the session is there on the next request and in a live view\'s mount, until it is removed', async () => {
  await withSessionApp(async (url) => {
    const jar = new Jar();
    const token = /value="([^"]+)"/.exec(await (await jar.fetch(`${url}/login`)).text())![1];
    const login = await jar.post(`${url}/login`, 'name=ada', token);
    assert.equal(login.status, 303);
    assert.equal(await (await jar.fetch(`${url}/me`)).text(), 'user=ada');
    const page = await (await jar.fetch(`${url}/who`)).text();
    assert.match(page, /Signed in as ada/);
    // The live view joined from that page mounts with the same session.
    const lv = await LiveClient.connect(url, '/who', { cookie: jar.cookie });
    try {
      assert.match(lv.html(), /Signed in as ada/);
    } finally {
      await lv.close();
    }
    await jar.post(`${url}/logout`, '', token);
    assert.equal(await (await jar.fetch(`${url}/me`)).text(), 'user=nobody');
    // The CSRF token stays the session's own across writes.
    assert.equal((await jar.post(`${url}/login`, 'name=grace', token)).status, 303);
    assert.equal(await (await jar.fetch(`${url}/me`)).text(), 'user=grace');
  });
});

test('a session too large for a cookie is refused with a clear error, and the session as it was is kept', async () => {
  await withSessionApp(async (url) => {
    const jar = new Jar();
    const token = /value="([^"]+)"/.exec(await (await jar.fetch(`${url}/login`)).text())![1];
    await jar.post(`${url}/login`, 'name=ada', token);
    const res = await jar.post(`${url}/huge`, '', token);
    assert.equal(res.status, 500);
    assert.equal(await (await jar.fetch(`${url}/me`)).text(), 'user=ada');
  });
});
