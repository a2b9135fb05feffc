/** Several views on one socket: each named by the client's `v`, answered and pushed to by it, each with its own queue. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, checkAnswers, type ServerMessage } from '@djust/protocol';
import { withApp } from './fixtures/app.js';
import { GateView, SlowMountView } from './fixtures/lifecycle-views.js';

const routes = { '/gate': GateView, '/slow': SlowMountView };
const codeOf = (m: ServerMessage): string | undefined => (m.t === T.ERROR ? m.code : undefined);

test('two views on one socket: each event reaches its own view, and every answer and push names its view', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    const room = await lv.joinPage('/rooms/lobby', 'room');
    const other = await lv.joinPage('/counter', 'second');
    assert.equal(r.app.stats().connections, 1);
    assert.equal(r.app.stats().views, 3);

    const reply = await other.click('button[dj-click=increment]');
    assert.deepEqual([reply.t, 'v' in reply && reply.v], [T.REPLY, 'second']);
    assert.match(other.html(), /Count: 1/);
    assert.match(lv.html(), /Count: 0/, 'the sibling counter did not move');

    await room.event('say', { text: 'hi' });
    await room.event('say', { text: 'hi' });
    assert.ok(lv.received.every((m) => m.t === T.HEARTBEAT || 'v' in m), 'every message about a view carries v');
    const pushes = lv.received.filter((m) => m.t === T.DIFF);
    assert.ok(pushes.length > 0 && pushes.every((m) => 'v' in m && m.v === 'room'), JSON.stringify(pushes));
    assert.deepEqual(checkAnswers(lv.conversation), []);
  });
});

test('leave ends the view and is answered by a reply, a second time too; the view id is free again, the siblings go on', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    const room = await lv.joinPage('/rooms/lobby', 'room');
    await room.event('say', { text: 'x' });
    assert.ok(r.app.stats().subscriptions > 0);

    const left = await room.leave();
    assert.deepEqual(left, { t: T.REPLY, ref: left.t === T.REPLY ? left.ref : -1, v: 'room' });
    assert.deepEqual({ views: r.app.stats().views, subscriptions: r.app.stats().subscriptions, timers: r.app.stats().timers }, { views: 1, subscriptions: 0, timers: 0 });
    const after = await room.event('say', { text: 'y' });
    assert.deepEqual([codeOf(after), 'v' in after && after.v], ['not_joined', 'room']);
    const leftAgain = await room.leave();
    assert.deepEqual([leftAgain.t, 'v' in leftAgain && leftAgain.v], [T.REPLY, 'room'], 'leaving is idempotent');

    await lv.click('button[dj-click=increment]');
    assert.match(lv.html(), /Count: 1/);
    const again = await lv.joinPage('/rooms/lobby', 'room');
    assert.match(again.html(), /lobby/);
    assert.deepEqual(checkAnswers(lv.conversation), []);
  });
});

test('a second join with a view id in use is refused with already_joined, and the running view is untouched', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    await lv.click('button[dj-click=increment]');
    const again = await lv.request({ t: T.JOIN, ref: lv.nextRef(), v: 'dj-root', token: lv.token, url: '/counter' });
    assert.deepEqual([codeOf(again), 'v' in again && again.v], ['already_joined', 'dj-root']);
    await lv.click('button[dj-click=increment]');
    assert.match(lv.html(), /Count: 2/);
    assert.equal(r.app.stats().views, 1);
  });
});

test('a socket runs at most viewsPerSocket views; a join past it gets too_many_views', async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/counter');
      await lv.joinPage('/counter', 'two');
      await assert.rejects(lv.joinPage('/counter', 'three'), /too_many_views/);
      assert.equal(r.app.stats().views, 2);
      await lv.view('two').leave();
      await lv.joinPage('/counter', 'three');
      assert.equal(r.app.stats().views, 2);
    },
    { viewsPerSocket: 2 },
  );
});

test("back-pressure is per view: a view busy with a slow handler does not hold up its sibling's events", async () => {
  let open!: () => void;
  GateView.gate = new Promise((res) => (open = res));
  await withApp(
    async (r) => {
      const lv = await r.connect('/counter');
      const gate = await lv.joinPage('/gate', 'gate');
      const held = gate.event('hold');
      const sibling = await lv.click('button[dj-click=increment]');
      assert.deepEqual([sibling.t, 'v' in sibling && sibling.v], [T.REPLY, 'dj-root']);
      assert.equal(r.app.stats().queued, 1, 'only the held operation is waiting');
      open();
      assert.equal((await held).t, T.REPLY);
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    {},
    routes,
  );
  GateView.gate = Promise.resolve();
});

test('an event for a view id never joined is answered not_joined, naming that id', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    const stray = await lv.request({ t: T.EVENT, ref: lv.nextRef(), v: 'nowhere', name: 'increment', payload: {} });
    assert.deepEqual([codeOf(stray), 'v' in stray && stray.v], ['not_joined', 'nowhere']);
    assert.deepEqual(checkAnswers(lv.conversation), []);
  });
});

test('closing the socket ends every view on it', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    await lv.event('tick');
    const room = await lv.joinPage('/rooms/a', 'room');
    await room.event('say', { text: 'x' });
    assert.equal(r.app.stats().views, 2);
    await lv.close();
    await r.app.whenIdle();
    assert.deepEqual(r.app.stats(), { connections: 0, views: 0, timers: 0, subscriptions: 0, queued: 0, pubsubListeners: 0 });
  });
});

test("a slow join holds back only its own view's messages: a sibling joins and is answered meanwhile", async () => {
  let open!: () => void;
  SlowMountView.gate = new Promise((res) => (open = res));
  await withApp(
    async (r) => {
      const lv = await r.connect('/counter');
      const page = await (await fetch(r.server.url + '/slow', { headers: { cookie: lv.cookie } })).text();
      const token = /data-dj-token="([^"]+)"/.exec(page)![1]!;
      const slowRef = lv.nextRef();
      const slowJoin = lv.request({ t: T.JOIN, ref: slowRef, v: 'slow', token, url: '/slow' });
      const slowEvent = lv.request({ t: T.EVENT, ref: lv.nextRef(), v: 'slow', name: 'inc', payload: {} });
      // The root view answers while the slow view is still mounting.
      const sibling = await lv.click('button[dj-click=increment]');
      assert.equal(sibling.t, T.REPLY);
      assert.ok(!lv.received.some((m) => 'v' in m && m.v === 'slow'), 'nothing about the slow view before its join');
      open();
      assert.equal((await slowJoin).t, T.RENDERED);
      assert.equal((await slowEvent).t, T.REPLY);
      const aboutSlow = lv.received.filter((m) => 'v' in m && m.v === 'slow');
      assert.deepEqual([aboutSlow[0]?.t, aboutSlow[0] && 'ref' in aboutSlow[0] && aboutSlow[0].ref], [T.RENDERED, slowRef]);
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    {},
    routes,
  );
  SlowMountView.gate = Promise.resolve();
});

test("the rate limit is the socket's: events spread over several views draw on one allowance", async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/counter');
      await lv.joinPage('/counter', 'two');
      // The two joins took two of ten tokens; eight events fit, the other four are refused.
      for (let i = 0; i < 12; i++) lv.sendRaw(JSON.stringify({ t: T.EVENT, ref: 100 + i, v: i % 2 ? 'two' : 'dj-root', name: 'increment', payload: {} }));
      await lv.answered();
      const refused = lv.errors.filter((e) => e.code === 'rate_limited');
      assert.equal(refused.length, 4);
      assert.deepEqual(new Set(refused.map((e) => e.v)), new Set(['dj-root', 'two']), 'each refusal names the view it was for');
    },
    { rateLimit: { perSecond: 0.001, burst: 10 } },
  );
});
