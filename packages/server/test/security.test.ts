/** Bad input over the real protocol: each case gets a clear answer, and the server stays up. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { LiveClient } from '../src/testing/index.js';
import { sign } from '../src/signing.js';
import { SECRET, withApp, type Running } from './fixtures/app.js';

async function errorFor(lv: LiveClient, frame: string): Promise<{ code: string; message: string }> {
  const before = lv.errors.length;
  lv.sendRaw(frame);
  await lv.until(() => lv.errors.length > before, 'an error');
  const e = lv.errors[lv.errors.length - 1];
  return { code: e.code, message: e.message };
}

/** The server still serves a fresh client after whatever came before. */
async function stillWorks(r: Running): Promise<void> {
  const fresh = await r.connect('/counter');
  await fresh.click('button[dj-click=increment]');
  assert.match(fresh.html(), /Count: 1/);
}

test('malformed frames and unknown messages get error codes; the connection stays usable', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    assert.equal((await errorFor(lv, '{not json')).code, 'bad_json');
    assert.equal((await errorFor(lv, '[1,2]')).code, 'bad_message');
    assert.equal((await errorFor(lv, '{"t":"event","name":"increment","payload":{}}')).code, 'bad_message');
    assert.equal((await errorFor(lv, '{"t":"fly","ref":3}')).code, 'unknown_type');
    assert.equal((await errorFor(lv, '{"t":"event","ref":4,"v":"dj-root","name":"increment","payload":[]}')).code, 'bad_message');
    lv.sendRaw(Buffer.from([1, 2, 3]));
    await lv.until(() => lv.errors.some((e) => e.message.includes('Binary')));
    await lv.click('button[dj-click=increment]');
    assert.match(lv.html(), /Count: 1/);
  });
});

test('only declared handlers can be called', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    for (const name of ['reset', 'mount', 'handleInfo', 'constructor', '__proto__', 'toString', 'nonexistent']) {
      const reply = await lv.event(name);
      assert.equal(reply.t === 'error' && reply.code, 'unknown_event', name);
    }
    assert.match(lv.html(), /Count: 0/);
  });
});

test('prototype-polluting payloads are refused and pollute nothing', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    const frames = [
      '{"t":"event","ref":10,"v":"dj-root","name":"add","payload":{"__proto__":{"polluted":true}}}',
      '{"t":"event","ref":11,"v":"dj-root","name":"add","payload":{"a":[{"__proto__":{"polluted":true}}]}}',
      '{"t":"event","ref":12,"v":"dj-root","name":"add","payload":{},"__proto__":{"polluted":true}}',
    ];
    for (const f of frames) assert.equal((await errorFor(lv, f)).code, 'bad_payload');
    // 'constructor' and 'prototype' are only data in a payload without prototypes.
    const reply = await lv.event('add', { by: '2', a: { constructor: { prototype: { polluted: true } } } });
    assert.equal(reply.t, 'reply');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.match(lv.html(), /Count: 2/);
  });
});

test('events before joining, and a second join, are refused', async () => {
  await withApp(async (r) => {
    const lv = await LiveClient.open(r.server.url, '/counter');
    const early = await lv.event('increment');
    assert.equal(early.t === 'error' && early.code, 'not_joined');
    await lv.request({ t: 'join', ref: lv.nextRef(), v: 'dj-root', token: lv.token, url: '/counter' });
    const again = await lv.request({ t: 'join', ref: lv.nextRef(), v: 'dj-root', token: lv.token, url: '/counter' });
    assert.equal(again.t === 'error' && again.code, 'already_joined');
    await lv.close();
  });
});

test('forged, foreign and expired tokens are refused and the socket closed with 4401', async () => {
  await withApp(async (r) => {
    const cases: [string, (lv: LiveClient) => string][] = [
      ['forged', (lv) => lv.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
      ['signed with another secret', () => sign('another-secret-0123456789', 'join', { route: '/counter', params: {}, sid: 'x' }, 60)],
      ['another session', () => sign(SECRET, 'join', { route: '/counter', params: {}, sid: 'someone-else', csrf: 'x' }, 60)],
      ['a session token used as a join token', () => sign(SECRET, 'session', { route: '/counter', params: {}, sid: 'x' }, 60)],
    ];
    for (const [what, token] of cases) {
      const lv = await LiveClient.open(r.server.url, '/counter');
      const reply = await lv.request({ t: 'join', ref: 1, v: 'dj-root', token: token(lv), url: '/counter' });
      assert.equal(reply.t === 'error' && reply.code, 'bad_token', what);
      assert.equal(await lv.whenClosed(), 4401, what);
    }
    await withApp(async (expired) => {
      const lv = await LiveClient.open(expired.server.url, '/counter');
      const reply = await lv.request({ t: 'join', ref: 1, v: 'dj-root', token: lv.token, url: '/counter' });
      assert.equal(reply.t === 'error' && reply.code, 'expired_token');
      assert.equal(await lv.whenClosed(), 4401);
    }, { tokenTtlSeconds: -1 });
    await stillWorks(r);
  });
});

test('a WebSocket from another origin is refused before the upgrade', async () => {
  await withApp(async (r) => {
    await assert.rejects(LiveClient.connect(r.server.url, '/counter', { origin: 'https://evil.example' }), /upgrade refused: 403/);
    await withApp(async (allowed) => {
      const lv = await LiveClient.connect(allowed.server.url, '/counter', { origin: 'https://app.example' });
      await lv.close();
      await assert.rejects(LiveClient.connect(allowed.server.url, '/counter'), /upgrade refused: 403/);
    }, { allowedOrigins: ['https://app.example'] });
  });
});

test('frames over the size limit close the connection with 1009', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    lv.sendRaw(JSON.stringify({ t: 'event', ref: 1, v: 'dj-root', name: 'add', payload: { by: 'x'.repeat(2000) } }));
    assert.equal(await lv.whenClosed(), 1009);
    await stillWorks(r);
  }, { maxFrameBytes: 1024 });
});

test('a flood of events is rate limited, then cut off with 4429', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    for (let i = 0; i < 15; i++) lv.sendRaw(JSON.stringify({ t: 'event', ref: 100 + i, v: 'dj-root', name: 'increment', payload: {} }));
    await lv.until(() => lv.errors.some((e) => e.code === 'rate_limited'), 'rate limiting');
    for (let i = 0; i < 40; i++) lv.sendRaw(JSON.stringify({ t: 'hb', ref: 200 + i }));
    assert.equal(await lv.whenClosed(), 4429);
    await stillWorks(r);
  }, { rateLimit: { perSecond: 5, burst: 10 } });
});

test('plain HTTP form posts need the session CSRF token', async () => {
  await withApp(async (r) => {
    const page = await fetch(`${r.server.url}/form`);
    const cookie = page.headers.getSetCookie()[0].split(';')[0];
    const token = /value="([^"]+)"/.exec(await page.text())![1];
    const post = (body: string, c = cookie) =>
      fetch(`${r.server.url}/form`, { method: 'POST', headers: { cookie: c, 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal((await post('name=x')).status, 403);
    assert.equal((await post(`name=x&csrfmiddlewaretoken=${token}x`)).status, 403);
    assert.equal((await post(`name=x&csrfmiddlewaretoken=${token}`, '')).status, 403);
    const ok = await post(`name=ada&csrfmiddlewaretoken=${encodeURIComponent(token)}`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'got ada');
  });
});

test('a connection that stops answering pings is dropped, and its view ended', { timeout: 5000 }, async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/rooms/quiet');
    assert.equal(r.app.stats().views, 1);
    // Stop reading: the client no longer answers pings.
    const socket = (lv.ws as WebSocket & { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    // Only the server can end this connection: the client still holds its socket open.
    await r.app.whenIdle();
    assert.equal(r.app.stats().views, 0);
    assert.equal(r.app.stats().pubsubListeners, 0);
    // Reading again, the client finds its socket cut without a closing handshake.
    socket.resume();
    assert.equal(await lv.whenClosed(), 1006);
  }, { heartbeatMs: 40 });
});

test('a join token must carry the session CSRF token', async () => {
  await withApp(async (r) => {
    const lv = await LiveClient.open(r.server.url, '/counter');
    const claims = JSON.parse(Buffer.from(lv.token.split('.')[0], 'base64url').toString()) as { v: { sid: string } };
    const noCsrf = sign(SECRET, 'join', { route: '/counter', params: {}, sid: claims.v.sid, csrf: 'wrong' }, 60);
    const reply = await lv.request({ t: 'join', ref: 1, v: 'dj-root', token: noCsrf, url: '/counter' });
    assert.equal(reply.t === 'error' && reply.code, 'bad_token');
    assert.equal(await lv.whenClosed(), 4401);
  });
});
