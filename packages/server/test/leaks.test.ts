/** Nothing outlives its connection: 1,000 connect/disconnect cycles leave no view, timer or subscription. */
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
