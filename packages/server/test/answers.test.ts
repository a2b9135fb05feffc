/** One answer per ref, checked over the real protocol; event names and error text the client sees. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, checkAnswers, type ServerMessage } from '@djust/protocol';
import { LiveClient } from '../src/testing/index.js';
import { withApp } from './fixtures/app.js';
import { FailingView } from './fixtures/lifecycle-views.js';
import { recordingLogger } from './fixtures/recording-logger.js';

const routes = { '/failing': FailingView };
const event = (ref: number, name: string, payload: object = {}): string => JSON.stringify({ t: T.EVENT, ref, name, payload });
const answerTo = (lv: LiveClient, ref: number): ServerMessage | undefined => lv.received.find((m) => 'ref' in m && m.ref === ref);

/** Frames a scenario sends at once, without waiting for any answer. */
const scenarios: Record<string, { path: string; frames: (lv: LiveClient) => string[] }> = {
  'handlers that succeed, throw an Error, a prototype-less object or a string': {
    path: '/failing',
    frames: () => [event(101, 'ok'), event(102, 'leak'), event(103, 'oddThrow'), event(104, 'stringThrow'), event(105, 'ok')],
  },
  'undeclared names, getters and prototype members': {
    path: '/failing',
    frames: () => ['nope', 'em', 'connected', 'constructor', '__proto__', 'toString', 'mount'].map((n, i) => event(201 + i, n)),
  },
  'bad frames that carry a ref, bad frames that do not, heartbeats, a second join': {
    path: '/failing',
    frames: (lv) => [
      '{"t":"warp","ref":301}',
      '{"t":"event","ref":302,"v":"dj-root","name":"ok","payload":{"__proto__":{}}}',
      '{"t":"event","ref":303,"v":"dj-root","name":"ok","payload":[]}',
      '{not json',
      JSON.stringify({ t: T.HEARTBEAT, ref: 304 }),
      JSON.stringify({ t: T.JOIN, ref: 305, v: 'dj-root', token: lv.token, url: '/failing' }),
    ],
  },
  'patches within the view, to another view, and off-site': {
    path: '/list',
    frames: () => [
      JSON.stringify({ t: T.PATCH, ref: 401, v: 'dj-root', url: '/list?page=2' }),
      JSON.stringify({ t: T.PATCH, ref: 402, v: 'dj-root', url: '/counter' }),
      JSON.stringify({ t: T.PATCH, ref: 403, v: 'dj-root', url: 'https://evil.example/' }),
      event(404, 'next'),
    ],
  },
  'a render that fails once and remounts': { path: '/fragile', frames: () => [event(501, 'break'), event(502, 'break')] },
  'navigation and redirects': { path: '/go', frames: () => [event(601, 'navigate'), event(602, 'leave')] },
};

for (const [name, s] of Object.entries(scenarios)) {
  test(`one answer per ref: ${name}`, async () => {
    await withApp(
      async (r) => {
        const lv = await r.connect(s.path);
        for (const f of s.frames(lv)) lv.sendRaw(f);
        await lv.answered();
        // A heartbeat after everything: its answer proves nothing more was on the way.
        await lv.request({ t: T.HEARTBEAT, ref: 999 });
        assert.deepEqual(checkAnswers(lv.conversation), []);
      },
      {},
      routes,
    );
  });
}

test('events before the join are answered too', async () => {
  await withApp(async (r) => {
    const lv = await LiveClient.open(r.server.url, '/counter');
    lv.sendRaw(event(1, 'increment'));
    lv.sendRaw(JSON.stringify({ t: T.PATCH, ref: 2, v: 'dj-root', url: '/counter' }));
    await lv.answered();
    assert.deepEqual(checkAnswers(lv.conversation), []);
    await lv.close();
  });
});

test('an event name is checked against the declared handlers before any property is read', async () => {
  const logger = recordingLogger();
  await withApp(
    async (r) => {
      const lv = await r.connect('/counter');
      for (const name of ['em', 'connected']) {
        const answer = await lv.event(name);
        assert.deepEqual(answer.t === T.ERROR && [answer.code, answer.event], ['unknown_event', name]);
      }
      assert.deepEqual(logger.text('error'), [], 'no getter ran, so nothing failed');
    },
    { logger },
  );
});

test('a failing handler: the client learns which event failed, never the exception text', async () => {
  const logger = recordingLogger();
  await withApp(
    async (r) => {
      const lv = await r.connect('/failing');
      for (const name of ['leak', 'oddThrow', 'stringThrow']) {
        const answer = await lv.event(name);
        assert.deepEqual(answer.t === T.ERROR && [answer.code, answer.event], ['handler_failed', name]);
      }
      const wire = JSON.stringify(lv.received);
      for (const secret of ['hunter2', '10.0.0.5', 'plain string']) assert.ok(!wire.includes(secret), `${secret} reached the client: ${wire}`);
      assert.ok(logger.text('error').some((l) => l.includes('password=hunter2 at 10.0.0.5')), 'the log keeps the details');
    },
    { logger },
    routes,
  );
});

test('with debug, the client also gets the exception text', async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/failing');
      const answer = await lv.event('leak');
      assert.match(answer.t === T.ERROR ? answer.message : '', /password=hunter2 at 10\.0\.0\.5/);
      const odd = await lv.event('oddThrow');
      assert.equal(odd.t === T.ERROR && odd.code, 'handler_failed');
    },
    { debug: true, logger: recordingLogger() },
    routes,
  );
});

test('the answer to a failing handler names it, even for a throw of a prototype-less object', async () => {
  await withApp(
    async (r) => {
      const lv = await r.connect('/failing');
      lv.sendRaw(event(7, 'oddThrow'));
      await lv.until(() => answerTo(lv, 7) !== undefined, 'the answer to #7');
      assert.equal(lv.errors.filter((e) => e.ref === undefined).length, 0, 'no ref-less error');
    },
    { logger: recordingLogger() },
    routes,
  );
});
