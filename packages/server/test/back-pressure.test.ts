/** Each view's queue of pending operations is bounded; what does not fit is refused with an answer. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, checkAnswers } from '@djust/protocol';
import { withApp } from './fixtures/app.js';
import { GateView, GatedRoomView } from './fixtures/lifecycle-views.js';
import { recordingLogger } from './fixtures/recording-logger.js';

const routes = { '/gate': GateView, '/gated-room': GatedRoomView };
const LIFTED = { perSecond: 1e9, burst: 1e9 };

test('past the queue bound, events get rate_limited answers at once and the queue stays bounded', async () => {
  let open!: () => void;
  GateView.gate = new Promise((res) => (open = res));
  await withApp(
    async (r) => {
      const lv = await r.connect('/gate');
      lv.sendRaw(JSON.stringify({ t: T.EVENT, ref: 100, v: 'dj-root', name: 'hold', payload: {} }));
      for (let i = 1; i <= 200; i++) lv.sendRaw(JSON.stringify({ t: T.EVENT, ref: 100 + i, v: 'dj-root', name: 'inc', payload: {} }));
      // The held operation plus three waiting fill a bound of 4: the other 197 are refused while it holds.
      await lv.until(() => lv.errors.length === 197, '197 refusals');
      assert.ok(lv.errors.every((e) => e.code === 'rate_limited' && typeof e.ref === 'number'));
      assert.equal(r.app.stats().queued, 4);
      open();
      await lv.answered();
      assert.match(lv.html(), /<p>3<\/p>/);
      assert.equal(r.app.stats().queued, 0);
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    { rateLimit: LIFTED, queueLimit: 4 },
    routes,
  );
  GateView.gate = Promise.resolve();
});

test('pubsub messages past the bound are dropped with a warning, not queued', async () => {
  let open!: () => void;
  GateView.gate = new Promise((res) => (open = res));
  const logger = recordingLogger();
  await withApp(
    async (r) => {
      const lv = await r.connect('/gated-room');
      lv.sendRaw(JSON.stringify({ t: T.EVENT, ref: 100, v: 'dj-root', name: 'hold', payload: {} }));
      await lv.request({ t: T.HEARTBEAT, ref: 101 });
      for (let i = 0; i < 50; i++) await r.app.core.pubsub.publish('gated', i);
      assert.equal(r.app.stats().queued, 4);
      open();
      await lv.untilHtml(/heard 3/);
      // An event answered after the pushes: nothing else was waiting.
      await lv.event('inc');
      assert.match(lv.html(), /heard 3/);
      assert.ok(logger.text('warn').some((l) => l.includes('was dropped')));
    },
    { rateLimit: LIFTED, queueLimit: 4, logger },
    routes,
  );
  GateView.gate = Promise.resolve();
});

test('the default bound admits a pipelining client with 64 events in flight', async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/gate');
      for (let i = 1; i <= 64; i++) lv.sendRaw(JSON.stringify({ t: T.EVENT, ref: i, v: 'dj-root', name: 'inc', payload: {} }));
      await lv.answered();
      assert.deepEqual(lv.errors, []);
      assert.match(lv.html(), /<p>64<\/p>/);
    },
    { rateLimit: LIFTED },
    routes,
  );
});

test('a flood answers each refused message by its ref before the connection is cut off', async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/gate');
      for (let i = 0; i < 15; i++) lv.sendRaw(JSON.stringify({ t: T.EVENT, ref: 100 + i, v: 'dj-root', name: 'inc', payload: {} }));
      // The join took the first of ten tokens, nine events the rest.
      await lv.until(() => lv.errors.filter((e) => e.code === 'rate_limited').length === 6, 'six refusals');
      assert.deepEqual(lv.errors.map((e) => e.ref), [109, 110, 111, 112, 113, 114]);
      for (let i = 0; i < 40; i++) lv.sendRaw(JSON.stringify({ t: T.HEARTBEAT, ref: 200 + i }));
      assert.equal(await lv.whenClosed(), 4429);
      assert.deepEqual(checkAnswers(lv.conversation, { finished: false }), []);
    },
    { rateLimit: { perSecond: 0.001, burst: 10 } },
    routes,
  );
});
