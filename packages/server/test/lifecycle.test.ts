/** A view's life over the real protocol: join order, remounts, navigation, tokens, form recovery. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, checkAnswers, type ServerMessage } from '@djust/protocol';
import { LiveClient } from '../src/testing/index.js';
import { withApp } from './fixtures/app.js';
import { DoomedView, ItemView, ManyFormsView, MountEffectsView, NoticeView, PatchAwayView, TimedFragileView } from './fixtures/lifecycle-views.js';

const routes = {
  '/mount-effects': MountEffectsView,
  '/timed-fragile': TimedFragileView,
  '/doomed': DoomedView,
  '/patch-away': PatchAwayView,
  '/item/:id': ItemView,
  '/many-forms': ManyFormsView,
  '/notice': NoticeView,
};

const frame = (msg: object): string => JSON.stringify(msg);
const errorOf = (m: ServerMessage) => (m.t === T.ERROR ? { code: m.code, event: m.event } : { t: m.t });

test('a join is answered before anything else about its view; events sent with it wait behind the mount and get small diffs', async () => {
  await withApp(
    async (r) => {
      const lv = await LiveClient.open(r.server.url, '/mount-effects');
      // All in one tick, as a browser that reconnects with a click pending would send them.
      lv.sendRaw(frame({ t: T.JOIN, ref: 1, v: 'dj-root', token: lv.token, url: '/mount-effects' }));
      lv.sendRaw(frame({ t: T.EVENT, ref: 2, v: 'dj-root', name: 'inc', payload: {} }));
      lv.sendRaw(frame({ t: T.HEARTBEAT, ref: 3 }));
      lv.sendRaw(frame({ t: T.EVENT, ref: 4, v: 'dj-root', name: 'inc', payload: {} }));
      await lv.answered();
      // The heartbeat is the socket's, not the view's: it need not wait for the mount.
      const first = lv.received.find((m) => 'v' in m)!;
      assert.deepEqual([first.t, 'ref' in first && first.ref], [T.RENDERED, 1]);
      assert.deepEqual(first.t === T.RENDERED && first.effects, [{ title: 'Mounted' }, { push: 'mounted', payload: {} }], "mount's effects travel with the join");
      for (const ref of [2, 4]) {
        const reply = lv.received.find((m) => 'ref' in m && m.ref === ref)!;
        assert.equal(reply.t, T.REPLY);
        assert.ok(JSON.stringify(reply).length < 100, `event #${ref} got ${JSON.stringify(reply)}`);
      }
      assert.match(lv.html(), /Count: 2/);
      assert.equal(lv.title, 'Mounted');
      assert.deepEqual(checkAnswers(lv.conversation), []);
      await lv.close();
    },
    {},
    routes,
  );
});

test('a failed render remounts a fresh instance: old timers, subscriptions and #private fields end with it', async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/timed-fragile');
      TimedFragileView.terminated = [];
      assert.deepEqual([r.app.stats().timers, r.app.stats().subscriptions], [1, 1]);
      for (let i = 0; i < 3; i++) {
        const answer = await lv.event('break');
        assert.deepEqual(errorOf(answer), { code: 'render_failed', event: 'break' });
        assert.match(lv.html(), /<p>fine 0<\/p>/, 'the fresh mount was pushed before the answer');
      }
      assert.deepEqual(TimedFragileView.terminated, ['remount', 'remount', 'remount']);
      assert.deepEqual([r.app.stats().timers, r.app.stats().subscriptions], [1, 1]);
      // One subscription left, held by the live instance: a broadcast is heard once.
      const other = await r.connect('/counter');
      await r.app.core.pubsub.publish('fragile', 'hello');
      await lv.untilHtml(/<p>fine 1<\/p>/);
      await other.close();
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    {},
    routes,
  );
});

test('a render that fails again after the remount answers its ref and closes the socket', { timeout: 10_000 }, async () => {
  DoomedView.doomed = false;
  await withApp(
    async (r) => {
      const lv = await r.connect('/doomed');
      const answer = await lv.event('break');
      assert.deepEqual(errorOf(answer), { code: 'render_failed', event: 'break' });
      assert.equal(await lv.whenClosed(), 1011);
      assert.deepEqual(checkAnswers(lv.conversation), []);
      await r.app.whenIdle();
      assert.equal(r.app.stats().views, 0);
    },
    {},
    routes,
  );
  DoomedView.doomed = false;
});

test('pushPatch to a URL served by another live view navigates there', async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/patch-away');
      const answer = await lv.event('away');
      assert.deepEqual(answer.t === T.REDIRECT && [answer.to, answer.kind], ['/counter', 'navigate']);
      assert.equal(lv.path, '/patch-away', 'no patch effect moved the client along');
      await lv.event('later');
      await lv.until(() => lv.redirects.length === 2, 'the pushed navigation');
      assert.deepEqual(lv.redirects[1], { to: '/counter?from=info', kind: 'navigate', v: 'dj-root' });
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    {},
    routes,
  );
});

test('the join token binds the route and its params; a patch brings a token for the new URL', async () => {
  await withApp(
    async (r) => {
      const lv = await LiveClient.open(r.server.url, '/item/1');
      const refused = await lv.request({ t: T.JOIN, ref: 1, v: 'dj-root', token: lv.token, url: '/item/2' });
      assert.deepEqual(errorOf(refused), { code: 'bad_token', event: undefined });
      assert.equal(await lv.whenClosed(), 4401);

      // The query is not part of the binding: live links may change it freely.
      const item = await LiveClient.connect(r.server.url, '/item/1');
      await item.patch('/item/1?tab=notes');
      await item.click('a[dj-click=next]');
      assert.equal(item.path, '/item/2');
      assert.match(item.html(), /Item 2/);
      const again = await item.reconnect();
      assert.match(again.html(), /Item 2/);
      await again.close();
    },
    {},
    routes,
  );
});

test('join forms go only to the handlers named for their recovery, and count against the rate limit', async () => {
  await withApp(async (r) => {
    const page = await LiveClient.open(r.server.url, '/signup');
    // "save" is a declared handler, but no form is recovered through it.
    await page.join({ signup: { email: 'ada@example.com', age: '36' }, save: { email: 'x@y', age: '99' }, validate: { email: 'bad', age: '1' } });
    assert.match(page.html(), /value="ada@example.com"/);
    assert.doesNotMatch(page.html(), /Saved/);
    await page.close();
  });
  await withApp(
    async (r) => {
      const lv = await LiveClient.open(r.server.url, '/many-forms');
      const forms = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i + 1}`, { q: String(i) }]));
      await lv.join(forms);
      // The join itself took one of the five tokens; four forms fit in the rest.
      assert.match(lv.html(), /restored 4/);
      await lv.close();
    },
    { rateLimit: { perSecond: 0.001, burst: 5 } },
    routes,
  );
});

test('reconnect: the forms being edited come back through their recovery handler', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/signup');
    await lv.change('#signup', { email: 'ada@example.com', age: '12' });
    assert.match(lv.html(), /You must be 18 or older/);
    const again = await lv.reconnect({ signup: { email: 'ada@example.com', age: '12' } });
    assert.match(again.html(), /value="ada@example.com"/);
    assert.match(again.html(), /You must be 18 or older/, 'recovery ran validation before the first render');
    await again.close();
  });
});

test('pageTitle reaches the client; a flash shows until the user\'s next event, pushes in between keep it', async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/notice');
      const titled = await lv.event('rename', { title: 'Inbox (3)' });
      assert.deepEqual(titled.t === T.REPLY && titled.effects, [{ title: 'Inbox (3)' }]);
      assert.equal(lv.title, 'Inbox (3)');
      await lv.event('note');
      assert.match(lv.html(), /<b>Saved!<\/b>/);
      await lv.event('other');
      assert.doesNotMatch(lv.html(), /Saved!/);
      assert.match(lv.html(), /<p>1 heard 0<\/p>/);
      // A push (here the view's own broadcast) renders with the flash still there; the user's next event clears it.
      await lv.event('noteAndTell');
      await lv.untilHtml(/heard 1/);
      assert.match(lv.html(), /<b>Saved!<\/b>1 heard 1/);
      await lv.event('other');
      assert.equal(lv.html(), '<p>2 heard 1</p>');
    },
    {},
    routes,
  );
});

test('a view that unsubscribes hears nothing more on the topic, and holds no listener', async () => {
  await withApp(async (r) => {
    const a = await r.connect('/rooms/hall');
    const b = await r.connect('/rooms/hall');
    assert.equal(r.app.stats().subscriptions, 2);
    await b.event('leave');
    assert.deepEqual([r.app.stats().subscriptions, r.app.stats().pubsubListeners], [1, 1]);
    await a.event('say', { text: 'anyone?' });
    await a.untilHtml(/anyone\?/);
    // b answers an event after the broadcast was delivered everywhere, and still shows nothing.
    await b.event('say', { text: 'bye' });
    await a.untilHtml(/bye/);
    assert.doesNotMatch(b.html(), /anyone|bye/);
  });
});
