/** Nothing outlives its connection: 1,000 connect/disconnect cycles leave no view, timer or subscription, with one view or several per socket. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveClient } from '../src/testing/index.js';
import { withApp } from './fixtures/app.js';

test('1,000 connect/disconnect cycles free every view, timer and subscription', { timeout: 60_000 }, async () => {
  await withApp(async (r) => {
    const paths = ['/rooms/a', '/rooms/b', '/counter'];
    for (let round = 0; round < 100; round++) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, i) => LiveClient.connect(r.server.url, paths[(round + i) % paths.length])));
      // Start timers and subscriptions that only disconnecting can stop.
      await Promise.all(batch.map((c) => (c.path === '/counter' ? c.event('tick') : c.event('say', { text: 'x' }))));
      await Promise.all(batch.map((c) => c.close()));
    }
    await r.app.whenIdle();
    assert.deepEqual(r.app.stats(), { connections: 0, views: 0, timers: 0, subscriptions: 0, queued: 0, pubsubListeners: 0 });
  });
});

test('300 sockets with three views each, some left and some closed with the socket, free everything', { timeout: 60_000 }, async () => {
  await withApp(async (r) => {
    for (let round = 0; round < 30; round++) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => LiveClient.connect(r.server.url, '/counter')));
      await Promise.all(
        batch.map(async (c, i) => {
          const a = await c.joinPage('/rooms/a', 'a');
          const b = await c.joinPage(`/rooms/b${i}`, 'b');
          await Promise.all([c.event('tick'), a.event('say', { text: 'x' }), b.event('say', { text: 'y' })]);
          // Half leave one view before closing; the rest leave it to the close.
          if (i % 2) await a.leave();
        }),
      );
      assert.equal(r.app.stats().views, 25);
      await Promise.all(batch.map((c) => c.close()));
    }
    await r.app.whenIdle();
    assert.deepEqual(r.app.stats(), { connections: 0, views: 0, timers: 0, subscriptions: 0, queued: 0, pubsubListeners: 0 });
  });
});
