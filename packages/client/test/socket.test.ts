import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoff } from '../src/socket.js';
import { page, container, tree, settle, FakeWebSocket } from './support.js';

test('backoff doubles from the base, is capped, and its jitter stays within [half, whole]', () => {
  const lo = () => 0;
  const hi = () => 0.999999;
  assert.deepEqual([0, 1, 2, 3].map((n) => backoff(n, 500, 15_000, lo)), [250, 500, 1000, 2000]);
  for (let n = 0; n < 40; n++) {
    const whole = Math.min(15_000, 500 * 2 ** n);
    assert.ok(backoff(n, 500, 15_000, lo) >= whole / 2);
    assert.ok(backoff(n, 500, 15_000, hi) <= whole);
  }
  assert.ok(backoff(30, 500, 15_000, hi) <= 15_000);
});

test('a lost connection reconnects after growing, capped delays, and every view joins again', async () => {
  const p = await page(container('<p>0</p>', 'one') + container('<p>0</p>', 'two'), { baseDelay: 100, maxDelay: 400 });
  await p.render('one', tree(['<p>', '</p>'], ['0']));
  await p.render('two', tree(['<p>', '</p>'], ['0']));
  const waits: number[] = [];
  for (let i = 0; i < 4; i++) {
    const before = p.clock.delays.length;
    p.ws().close();
    waits.push(p.clock.delays.slice(before).at(-1)!);
    p.clock.advance(waits.at(-1)!);
  }
  // random() is 0.5: three quarters of each capped step.
  assert.deepEqual(waits, [75, 150, 300, 300]);
  assert.equal(FakeWebSocket.made.length, 5);
  assert.ok(p.doc.getElementById('one')!.classList.contains('dj-error'));
  p.ws().open();
  assert.deepEqual(p.ws().sent.filter((m) => m.t === 'join').map((m) => m.v).sort(), ['one', 'two']);
  await p.render('one', tree(['<p>', '</p>'], ['0']));
  assert.ok(p.doc.getElementById('one')!.classList.contains('dj-connected'));
});

test('events sent while disconnected are queued and sent after the rejoin, in order', async () => {
  const p = await page(container('<button dj-click="inc">+</button>'));
  await p.render('dj-1', tree(['<button dj-click="inc">+</button>']));
  p.ws().close();
  p.doc.querySelector('button')!.click();
  p.doc.querySelector('button')!.click();
  p.clock.advance(60_000);
  const next = p.ws();
  next.open();
  assert.deepEqual(next.sent.map((m) => m.t), ['join', 'event', 'event']);
});

test('beyond the queue limit an event is refused visibly (dj-error), not dropped silently', async () => {
  const p = await page(container('<button dj-click="inc">+</button>'), { maxQueue: 2 });
  await p.render('dj-1', tree(['<button dj-click="inc">+</button>']));
  p.ws().close();
  const el = p.doc.getElementById('dj-1')!;
  p.clock.advance(60_000);
  for (let i = 0; i < 3; i++) p.doc.querySelector('button')!.click();
  await settle();
  el.classList.remove('dj-error');
  p.doc.querySelector('button')!.click();
  await settle();
  assert.ok(el.classList.contains('dj-error'));
});

test('a ref left unanswered times out and marks the container with dj-error', async () => {
  const p = await page(container('<button dj-click="slow">x</button>'), { timeout: 5000 });
  await p.render('dj-1', tree(['<button dj-click="slow">x</button>']));
  const el = p.doc.getElementById('dj-1')!;
  p.doc.querySelector('button')!.click();
  p.clock.advance(4999);
  await settle();
  assert.ok(!el.classList.contains('dj-error'));
  p.clock.advance(1);
  await settle();
  assert.ok(el.classList.contains('dj-error'));
  assert.ok(!p.doc.querySelector('button')!.classList.contains('dj-click-loading'));
});

test('a join left unanswered times out and marks the container with dj-error', async () => {
  const p = await page(container(''), { timeout: 5000 });
  const el = p.doc.getElementById('dj-1')!;
  assert.ok(el.classList.contains('dj-loading'));
  p.clock.advance(5000);
  await settle();
  assert.ok(el.classList.contains('dj-error'));
});

test('an unanswered heartbeat closes the link, and the client reconnects', async () => {
  const p = await page(container(''), { heartbeat: 1000, timeout: 500 });
  await p.render('dj-1', tree(['']));
  p.clock.advance(1000);
  assert.equal(p.ws().last('hb').t, 'hb');
  p.clock.advance(500);
  await settle();
  assert.equal(FakeWebSocket.made[0].readyState, 3);
  p.clock.advance(60_000);
  assert.equal(FakeWebSocket.made.length, 2);
});

test('on reconnect every form being edited is sent back with the join, by form id', async () => {
  const html = '<form id="profile" dj-change="v"><input name="name"><input type="checkbox" name="ok" value="y"></form><form id="other"><input name="x" value="1"></form>';
  const p = await page(container(html));
  await p.render('dj-1', tree([html]));
  const name = p.doc.querySelector('input[name=name]') as HTMLInputElement;
  name.value = 'Ann';
  name.dispatchEvent(new p.win.Event('input', { bubbles: true }));
  (p.doc.querySelector('input[name=ok]') as HTMLInputElement).checked = true;
  p.ws().close();
  p.clock.advance(60_000);
  p.ws().open();
  assert.deepEqual(p.ws().last('join').forms, { profile: { name: 'Ann', ok: 'y' } });
});

test('a token the server no longer accepts (bad_token: another session, e.g. after a restart) reloads once too', async () => {
  const p = await page(container(''));
  p.ws().receive({ t: 'error', ref: p.ws().last('join').ref, v: 'dj-1', code: 'bad_token', message: 'The join token belongs to another session' });
  await settle();
  p.clock.advance(2000);
  assert.deepEqual(p.loads, [null]);
});

test('an expired token reloads the page once, after a jittered delay, and not again', async () => {
  const p = await page(container(''));
  const expire = () => p.ws().receive({ t: 'error', ref: p.ws().last('join').ref, v: 'dj-1', code: 'expired_token', message: 'too old' });
  expire();
  await settle();
  assert.deepEqual(p.loads, []);
  p.clock.advance(2000);
  assert.deepEqual(p.loads, [null]);
  assert.ok(p.doc.getElementById('dj-1')!.classList.contains('dj-error'));
  // The reloaded page (same tab: same sessionStorage) is still too old: no second reload.
  p.ws().close();
  p.clock.advance(1000);
  p.ws().open();
  expire();
  await settle();
  p.clock.advance(60_000);
  assert.deepEqual(p.loads, [null]);
});
