/** allowedHosts, as Django's ALLOWED_HOSTS: pages and upgrades for other hosts are refused (DNS rebinding). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import WebSocket from 'ws';
import { SOCKET_PATH } from '@djust/protocol';
import { App } from '../src/index.js';
import { LiveClient } from '../src/testing/index.js';
import { SECRET, withApp } from './fixtures/app.js';
import { httpRequest, rawExchange, statusOf } from './fixtures/http.js';
import { CounterView } from './fixtures/views.js';

const statusFor = async (port: number, host: string, extra: Record<string, string> = {}): Promise<number> =>
  (await httpRequest(port, { path: '/counter', headers: { host, ...extra } })).status;

/** Opens the WebSocket with a chosen Host and Origin; resolves with 101 or the refusal's status. */
function upgradeStatus(port: number, host: string, origin: string, extra: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${SOCKET_PATH}`, { headers: { host, origin, ...extra } });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', reject);
  });
}

test('in development, pages are served to localhost, the loopback addresses and the listen host only', async () => {
  await withApp(async (r) => {
    const port = r.server.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `app.localhost:${port}`, `[::1]:${port}`, '127.0.0.1']) {
      assert.equal(await statusFor(port, host), 200, host);
    }
    // DNS rebinding: the attacker's name resolves to this machine; Host and Origin both carry it.
    assert.equal(await statusFor(port, 'evil.example', { origin: 'http://evil.example' }), 400);
    for (const host of [`evil.example:${port}`, `localhost.evil.example:${port}`, 'exa mple', `127.0.0.1@evil.example:${port}`]) {
      assert.equal(await statusFor(port, host), 400, JSON.stringify(host));
    }
    assert.equal(statusOf(await rawExchange(port, 'GET /counter HTTP/1.0\r\n\r\n')), 400, 'no Host at all');
    const refused = await httpRequest(port, { path: '/counter', headers: { host: 'evil.example' } });
    assert.equal(refused.headers['set-cookie'], undefined, 'a refused request gets no session');
    assert.doesNotMatch(refused.body, /dj-token/);
  });
});

test('the WebSocket upgrade is refused for a Host that is not allowed, and for an Origin of another scheme', async () => {
  await withApp(async (r) => {
    const port = r.server.port;
    assert.equal(await upgradeStatus(port, 'evil.example', 'http://evil.example'), 400);
    assert.equal(await upgradeStatus(port, `evil.example:${port}`, `http://evil.example:${port}`), 400);
    // Same host, other scheme: not the page's origin.
    assert.equal(await upgradeStatus(port, `127.0.0.1:${port}`, `https://127.0.0.1:${port}`), 403);
    assert.equal(await upgradeStatus(port, `127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`), 403);
    assert.equal(await upgradeStatus(port, `localhost:${port}`, `http://localhost:${port}`), 101);
    const lv = await r.connect('/counter');
    await lv.click('button[dj-click=increment]');
    assert.match(lv.html(), /Count: 1/);
  });
  // Behind a TLS proxy the page's origin is https; only the configured proxy header says so.
  await withApp(
    async (r) => {
      const port = r.server.port;
      assert.equal(await upgradeStatus(port, 'app.localhost', 'https://app.localhost', { 'x-forwarded-proto': 'https' }), 101);
      assert.equal(await upgradeStatus(port, 'app.localhost', 'https://app.localhost'), 403);
      assert.equal(await upgradeStatus(port, 'app.localhost', 'http://app.localhost', { 'x-forwarded-proto': 'https' }), 403);
    },
    { secureProxyHeader: ['x-forwarded-proto', 'https'] },
  );
  // A list of origins is compared as origins: case and default ports do not matter.
  await withApp(
    async (r) => {
      assert.equal(await upgradeStatus(r.server.port, 'localhost', 'https://app.example'), 101);
      assert.equal(await upgradeStatus(r.server.port, 'localhost', 'http://app.example'), 403);
    },
    { allowedOrigins: ['https://App.Example:443'] },
  );
});

test("allowedHosts takes Django's forms: exact names, '.domain' for it and its subdomains, '*'; ports are ignored", async () => {
  await withApp(
    async (r) => {
      const port = r.server.port;
      const cases: [string, number][] = [
        ['example.com', 200],
        ['example.com:8000', 200],
        ['Example.COM', 200],
        ['example.com.', 200],
        ['www.example.com', 400],
        ['example.org', 200],
        ['shop.example.org:443', 200],
        ['a.b.example.org', 200],
        ['badexample.org', 400],
        ['[2001:db8::1]:8000', 200],
        // An explicit list replaces the development defaults.
        [`127.0.0.1:${port}`, 400],
        [`localhost:${port}`, 400],
      ];
      for (const [host, status] of cases) assert.equal(await statusFor(port, host), status, host);
      assert.equal(await upgradeStatus(port, 'shop.example.org', 'http://shop.example.org'), 101);
      assert.equal(await upgradeStatus(port, 'evil.example', 'http://evil.example'), 400);
    },
    { allowedHosts: ['example.com', '.example.org', '[2001:db8::1]'] },
  );
  await withApp(
    async (r) => {
      for (const host of ['anything.example', `127.0.0.1:${r.server.port}`]) assert.equal(await statusFor(r.server.port, host), 200, host);
      // Even '*' needs a well-formed host.
      assert.equal(await statusFor(r.server.port, 'a b'), 400);
    },
    { allowedHosts: ['*'] },
  );
});

test('the listen host is allowed once listen() is called, and App.handle on your own server serves its own address', async () => {
  // One app on two servers: its own (App.handle at 127.0.0.2) and, later, listen() at 127.0.0.3.
  // Neither address is a default; requests to its own server arrive at 127.0.0.2, so a Host of
  // 127.0.0.3 there is served only once listen() has made it the listen host.
  const app = new App({ secret: SECRET });
  app.live('/counter', CounterView);
  const own: Server = createServer(app.handle);
  await new Promise<void>((ok) => own.listen(0, '127.0.0.2', ok));
  const ownPort = (own.address() as { port: number }).port;
  const atOwn = async (host: string) => (await httpRequest(ownPort, { address: '127.0.0.2', path: '/counter', headers: { host } })).status;
  try {
    assert.equal(await atOwn(`127.0.0.2:${ownPort}`), 200, 'the address the request arrived at');
    assert.equal(await atOwn(`evil.example:${ownPort}`), 400);
    assert.equal(await atOwn('127.0.0.3'), 400, 'before listen()');
    const running = await app.listen(0, '127.0.0.3');
    try {
      assert.equal(await atOwn('127.0.0.3'), 200, 'after listen()');
      assert.equal(await atOwn(`127.0.0.3:${running.port}`), 200, 'with a port');
      const atListen = async (host: string) => (await httpRequest(running.port, { address: '127.0.0.3', path: '/counter', headers: { host } })).status;
      assert.equal(await atListen(`127.0.0.3:${running.port}`), 200);
      assert.equal(await atListen(`evil.example:${running.port}`), 400);
    } finally {
      await running.close();
    }
  } finally {
    await new Promise<void>((ok) => own.close(() => ok()));
  }
});

test('in production, an App without allowedHosts is a startup error; with them it serves', async () => {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    assert.throws(() => new App({ secret: SECRET }), /allowedHosts is required in production/);
    await withApp(
      async (r) => {
        assert.equal(await statusFor(r.server.port, 'app.example'), 200);
        assert.equal(await statusFor(r.server.port, `127.0.0.1:${r.server.port}`), 400);
        await assert.rejects(LiveClient.connect(r.server.url, '/counter'), /GET \/counter: 400/);
      },
      { allowedHosts: ['app.example'], logger: { info: () => undefined, warn: () => undefined, error: () => undefined } },
    );
  } finally {
    process.env.NODE_ENV = before;
  }
});
