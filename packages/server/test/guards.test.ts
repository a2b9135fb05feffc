/** redirect() and pushNavigate() in mount or handleParams: auth guards, over real HTTP and the real protocol. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, checkAnswers, encode } from '@djust/protocol';
import { LiveClient } from '../src/testing/index.js';
import { withApp } from './fixtures/app.js';
import { GuardView, LockoutView } from './fixtures/guard-views.js';
import { recordingLogger } from './fixtures/recording-logger.js';

const routes = { '/guard/:step/:when/:kind': GuardView, '/lockout': LockoutView };

test('the HTTP render of a view whose mount or handleParams redirects or navigates is a 302 to the target', async () => {
  await withApp(
    async (r) => {
      const cases: [string, string, string[]][] = [
        ['/guard/mount/always/redirect', '/login?next=%2Fguard', ['mount', 'terminate:redirect']],
        ['/guard/mount/always/navigate', '/counter', ['mount', 'terminate:navigate']],
        ['/guard/handleParams/always/redirect', '/login?next=%2Fguard', ['mount', 'handleParams', 'terminate:redirect']],
        ['/guard/handleParams/always/navigate', '/counter', ['mount', 'handleParams', 'terminate:navigate']],
      ];
      for (const [path, location, seen] of cases) {
        GuardView.seen = [];
        const res = await fetch(r.server.url + path, { redirect: 'manual' });
        assert.equal(res.status, 302, path);
        assert.equal(res.headers.get('location'), location, path);
        assert.doesNotMatch(await res.text(), /secret page/, path);
        // handleParams does not run once mount has sent the visitor away.
        assert.deepEqual(GuardView.seen, seen, path);
      }
      const open = await fetch(`${r.server.url}/guard/mount/joined/redirect`, { redirect: 'manual' });
      assert.equal(open.status, 200);
      assert.match(await open.text(), /secret page/);
    },
    {},
    routes,
  );
});

test('a join whose mount or handleParams redirects or navigates is answered by that redirect, and no view stays mounted', async () => {
  await withApp(
    async (r) => {
      const cases: [string, { to: string; kind: string }][] = [
        ['/guard/mount/joined/redirect', { to: '/login?next=%2Fguard', kind: 'redirect' }],
        ['/guard/mount/joined/navigate', { to: '/counter', kind: 'navigate' }],
        ['/guard/handleParams/joined/redirect', { to: '/login?next=%2Fguard', kind: 'redirect' }],
        ['/guard/handleParams/joined/navigate', { to: '/counter', kind: 'navigate' }],
      ];
      for (const [path, target] of cases) {
        const lv = await LiveClient.open(r.server.url, path);
        GuardView.seen = [];
        // An event sent with the join waits behind the mount; it finds no view.
        lv.sendRaw(encode({ t: T.JOIN, ref: 1, v: 'dj-root', token: lv.token, url: path }));
        lv.sendRaw(encode({ t: T.EVENT, ref: 2, v: 'dj-root', name: 'peek', payload: {} }));
        await lv.answered();
        assert.deepEqual(lv.received[0], { t: T.REDIRECT, ref: 1, v: 'dj-root', ...target }, path);
        const second = lv.received[1];
        assert.deepEqual(second.t === T.ERROR && [second.ref, second.code], [2, 'not_joined'], path);
        assert.equal(lv.received.length, 2, `${path}: nothing but the two answers (${JSON.stringify(lv.received)})`);
        assert.deepEqual(checkAnswers(lv.conversation), [], path);
        assert.equal(GuardView.seen.at(-1), `terminate:${target.kind}`, path);
        assert.deepEqual(
          { views: r.app.stats().views, subscriptions: r.app.stats().subscriptions, listeners: r.app.stats().pubsubListeners },
          { views: 0, subscriptions: 0, listeners: 0 },
          path,
        );
        const later = await lv.event('peek');
        assert.deepEqual(later.t === T.ERROR && later.code, 'not_joined', path);
        await lv.close();
      }
    },
    {},
    routes,
  );
});

test('a guard that sends the visitor to another site fails the mount instead of showing the page', async () => {
  const logger = recordingLogger();
  await withApp(
    async (r) => {
      const res = await fetch(`${r.server.url}/guard/mount/always/offsite`, { redirect: 'manual' });
      assert.equal(res.status, 500);
      assert.equal(res.headers.get('location'), null);
      assert.doesNotMatch(await res.text(), /secret page/);

      const lv = await LiveClient.open(r.server.url, '/guard/handleParams/joined/offsite');
      const answer = await lv.request({ t: T.JOIN, ref: 1, v: 'dj-root', token: lv.token, url: '/guard/handleParams/joined/offsite' });
      assert.deepEqual(answer.t === T.ERROR && answer.code, 'render_failed');
      assert.equal(await lv.whenClosed(), 1011);
      assert.ok(logger.text('error').some((l) => l.includes('https://elsewhere.example/login')), logger.text('error').join('\n'));
    },
    { logger },
    routes,
  );
});

test('a fresh mount after a failed render that redirects answers the event with the redirect, and no view stays', async () => {
  LockoutView.locked = false;
  await withApp(
    async (r) => {
      const lv = await r.connect('/lockout');
      const answer = await lv.event('break');
      assert.deepEqual(answer, { t: T.REDIRECT, ref: 2, v: 'dj-root', to: '/login', kind: 'redirect' });
      assert.equal(r.app.stats().views, 0);
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    { logger: recordingLogger() },
    routes,
  );
  LockoutView.locked = false;
});

test('after a join answered by a navigation, the same socket can join the view it was sent to', async () => {
  await withApp(
    async (r) => {
      const lv = await LiveClient.open(r.server.url, '/guard/mount/joined/navigate');
      const answer = await lv.request({ t: T.JOIN, ref: 1, v: 'dj-root', token: lv.token, url: lv.path });
      assert.deepEqual(answer, { t: T.REDIRECT, ref: 1, v: 'dj-root', to: '/counter', kind: 'navigate' });
      // The browser loads the target's page with its cookie and joins on the socket it has.
      const page = await fetch(r.server.url + answer.to, { headers: { cookie: lv.cookie } });
      const token = /data-dj-token="([^"]+)"/.exec(await page.text())![1];
      const joined = await lv.request({ t: T.JOIN, ref: 2, v: 'dj-root', token, url: '/counter' });
      assert.equal(joined.t, T.RENDERED);
      assert.equal(r.app.stats().views, 1);
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    {},
    routes,
  );
});
