/** Security headers on every response, as Django's SecurityMiddleware and XFrameOptionsMiddleware send them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './fixtures/app.js';
import { httpRequest } from './fixtures/http.js';

const DEFAULTS = { 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };

function pick(headers: Headers | Record<string, unknown>, names: string[]): Record<string, unknown> {
  const get = (n: string) => (headers instanceof Headers ? headers.get(n) : headers[n]) ?? undefined;
  return Object.fromEntries(names.map((n) => [n, get(n)]));
}

test('pages, handler replies, error pages and refused hosts all carry the security headers', async () => {
  await withApp(async (r) => {
    const names = Object.keys(DEFAULTS);
    for (const [path, status] of [
      ['/counter', 200],
      ['/form', 200],
      ['/nowhere', 404],
    ] as const) {
      const res = await fetch(r.server.url + path);
      assert.equal(res.status, status, path);
      assert.deepEqual(pick(res.headers, names), DEFAULTS, path);
    }
    const forbidden = await fetch(`${r.server.url}/form`, { method: 'POST', body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(forbidden.status, 403);
    assert.deepEqual(pick(forbidden.headers, names), DEFAULTS);
    const badHost = await httpRequest(r.server.port, { path: '/counter', headers: { host: 'evil.example' } });
    assert.equal(badHost.status, 400);
    assert.deepEqual(pick(badHost.headers, names), DEFAULTS);
  });
});

test('an app can change a header, add one, or drop one with false', async () => {
  await withApp(
    async (r) => {
      for (const path of ['/counter', '/nowhere']) {
        const res = await fetch(r.server.url + path);
        assert.deepEqual(pick(res.headers, ['x-frame-options', 'x-content-type-options', 'referrer-policy', 'content-security-policy']), {
          'x-frame-options': 'SAMEORIGIN',
          'x-content-type-options': 'nosniff',
          'referrer-policy': undefined,
          'content-security-policy': "frame-ancestors 'self'",
        }, path);
      }
    },
    { securityHeaders: { 'X-Frame-Options': 'SAMEORIGIN', 'referrer-policy': false, 'content-security-policy': "frame-ancestors 'self'" } },
  );
});

test("a handler's own reply headers win over the defaults", async () => {
  await withApp(async (r) => {
    r.app.get('/embeddable', () => ({ headers: { 'x-frame-options': 'SAMEORIGIN' }, body: 'frame me' }));
    const res = await fetch(`${r.server.url}/embeddable`);
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(res.headers.get('referrer-policy'), 'same-origin');
  });
});
