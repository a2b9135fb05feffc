/** Every PubSub backend meets one contract; Redis also carries broadcasts between two apps. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryPubSub, RedisPubSub, type PubSub } from '../src/index.js';
import { start } from './fixtures/app.js';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function nextMessage(ps: PubSub, topic: string): Promise<{ stop: () => Promise<void>; message: Promise<unknown> }> {
  let deliver!: (m: unknown) => void;
  const message = new Promise<unknown>((res) => (deliver = res));
  return ps.subscribe(topic, (m) => deliver(m)).then((stop) => ({ stop, message }));
}

function contract(name: string, make: () => PubSub): void {
  test(`${name}: delivers a copy of each message to every subscriber of the topic, and stops on unsubscribe`, async () => {
    const ps = make();
    try {
      const topic = `t-${process.pid}-${Math.random()}`;
      const a = await nextMessage(ps, topic);
      const b = await nextMessage(ps, topic);
      const seenElsewhere: unknown[] = [];
      const other = await ps.subscribe(`${topic}-other`, (m) => seenElsewhere.push(m));
      const sent = { text: 'hi', n: [1, 2] };
      await ps.publish(topic, sent);
      assert.deepEqual(await a.message, sent);
      assert.deepEqual(await b.message, sent);
      assert.notEqual(await a.message, sent, 'subscribers get a copy');
      assert.equal(ps.listenerCount, 3);
      await a.stop();
      await b.stop();
      await other();
      assert.equal(ps.listenerCount, 0);
      assert.deepEqual(seenElsewhere, []);
    } finally {
      await ps.close();
    }
  });
}

contract('memory', () => new MemoryPubSub());
contract('redis', () => new RedisPubSub(REDIS, `djust:test:${process.pid}:`));

test('redis: a broadcast from a view on one server reaches a view on another', async () => {
  const prefix = `djust:test:apps:${process.pid}:`;
  const one = await start({ pubsub: new RedisPubSub(REDIS, prefix) });
  const two = await start({ pubsub: new RedisPubSub(REDIS, prefix) });
  try {
    const a = await one.connect('/rooms/shared');
    const b = await two.connect('/rooms/shared');
    await a.event('say', { text: 'across servers' });
    await b.untilHtml(/<li>across servers<\/li>/);
    await a.untilHtml(/<li>across servers<\/li>/);
  } finally {
    await one.close();
    await two.close();
    await one.app.core.pubsub.close();
    await two.app.core.pubsub.close();
  }
});
