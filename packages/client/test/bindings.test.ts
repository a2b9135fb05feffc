import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page, container, tree, settle, type Page } from './support.js';

/** A page whose view is joined, showing `html` (static, so patches keep it). */
async function joined(html: string): Promise<Page> {
  const p = await page(container(html));
  await p.render('dj-1', tree([html]));
  return p;
}

const events = (p: Page) => p.ws().sent.filter((m) => m.t === 'event');

function key(p: Page, el: Element, type: 'keydown' | 'keyup', k: string): void {
  el.dispatchEvent(new p.win.KeyboardEvent(type, { key: k, bubbles: true }));
}

function type(p: Page, input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new p.win.Event('input', { bubbles: true }));
}

test('dj-value-* attributes become the payload of a click', async () => {
  const p = await joined('<button dj-click="pick" dj-value-id="7" dj-value-user-name="ann">x</button>');
  p.doc.querySelector('button')!.click();
  assert.deepEqual(events(p)[0].payload, { id: '7', 'user-name': 'ann' });
});

test('dj-keydown with dj-key lets only that key through, case-insensitively; without dj-key every key', async () => {
  const p = await joined('<input id="a" dj-keydown="enter" dj-key="Enter"><input id="b" dj-keyup="any">');
  const a = p.doc.getElementById('a')!;
  key(p, a, 'keydown', 'a');
  key(p, a, 'keydown', 'Escape');
  assert.equal(events(p).length, 0);
  key(p, a, 'keydown', 'enter');
  key(p, p.doc.getElementById('b')!, 'keyup', 'x');
  assert.deepEqual(events(p).map((e) => [e.name, (e.payload as { key: string }).key]), [['enter', 'enter'], ['any', 'x']]);
});

test('dj-window-keydown hears keys pressed anywhere, filtered by dj-key', async () => {
  const p = await joined('<div dj-window-keydown="close" dj-key="Escape"></div><p id="elsewhere"></p>');
  p.win.dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 'a' }));
  p.win.dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 'Escape' }));
  assert.deepEqual(events(p).map((e) => e.name), ['close']);
});

test('dj-confirm: a refused confirm sends nothing, an accepted one sends the event', async () => {
  const p = await joined('<button dj-click="delete" dj-confirm="Sure?">x</button>');
  const asked: string[] = [];
  let answer = false;
  p.win.confirm = (q?: string) => (asked.push(String(q)), answer);
  p.doc.querySelector('button')!.click();
  assert.equal(events(p).length, 0);
  answer = true;
  p.doc.querySelector('button')!.click();
  assert.deepEqual(asked, ['Sure?', 'Sure?']);
  assert.equal(events(p).length, 1);
});

test('dj-debounce in ms: one event after the typing pauses, with the last value', async () => {
  const p = await joined('<form id="f" dj-input="validate"><input name="q" dj-debounce="300"></form>');
  const input = p.doc.querySelector('input')!;
  type(p, input, 'a');
  p.clock.advance(200);
  type(p, input, 'ab');
  p.clock.advance(299);
  assert.equal(events(p).length, 0);
  p.clock.advance(1);
  assert.deepEqual(events(p).map((e) => e.payload), [{ form: { q: 'ab' }, _target: 'q' }]);
});

test('dj-debounce="blur": nothing while typing, one event when the field loses focus', async () => {
  const p = await joined('<form id="f" dj-input="validate"><input name="q" dj-debounce="blur"></form>');
  const input = p.doc.querySelector('input')!;
  input.focus();
  type(p, input, 'a');
  type(p, input, 'ab');
  p.clock.advance(10_000);
  assert.equal(events(p).length, 0);
  input.blur();
  assert.deepEqual(events(p).map((e) => e.payload), [{ form: { q: 'ab' }, _target: 'q' }]);
});

test('dj-throttle: the first at once, then at most one per interval, the latest kept for its end', async () => {
  const p = await joined('<button dj-click="more" dj-throttle="1000">x</button>');
  const button = p.doc.querySelector('button')!;
  button.click();
  assert.equal(events(p).length, 1);
  p.clock.advance(100);
  button.setAttribute('dj-value-n', '2');
  button.click();
  button.setAttribute('dj-value-n', '3');
  button.click();
  assert.equal(events(p).length, 1);
  p.clock.advance(899);
  assert.equal(events(p).length, 1);
  p.clock.advance(1);
  assert.deepEqual(events(p).map((e) => e.payload), [{}, { n: '3' }]);
});

test('dj-change on an input alone sends its value and name', async () => {
  const p = await joined('<input name="title" dj-change="rename">');
  const input = p.doc.querySelector('input')!;
  input.value = 'New';
  input.dispatchEvent(new p.win.Event('change', { bubbles: true }));
  assert.deepEqual(events(p).map((e) => [e.name, e.payload]), [['rename', { value: 'New', _target: 'title' }]]);
});

test('dj-change on a form fires while typing (as phx-change does), and the change event after it sends nothing twice', async () => {
  const p = await joined('<form id="f" dj-change="validate"><input name="email"><input type="checkbox" name="ok" value="y"></form>');
  const input = p.doc.querySelector<HTMLInputElement>('input[name=email]')!;
  type(p, input, 'a');
  type(p, input, 'ad');
  input.dispatchEvent(new p.win.Event('change', { bubbles: true }));
  const box = p.doc.querySelector<HTMLInputElement>('input[name=ok]')!;
  box.checked = true;
  box.dispatchEvent(new p.win.Event('input', { bubbles: true }));
  box.dispatchEvent(new p.win.Event('change', { bubbles: true }));
  assert.deepEqual(
    events(p).map((e) => [e.name, e.payload]),
    [
      ['validate', { form: { email: 'a' }, _target: 'email' }],
      ['validate', { form: { email: 'ad' }, _target: 'email' }],
      ['validate', { form: { email: 'ad', ok: 'y' }, _target: 'ok' }],
    ],
  );
});

test('dj-submit sends the serialized form with its submitter; dj-disable-with disables until the answer', async () => {
  const p = await joined('<form dj-submit="save"><input name="q" value="x"><button name="go" value="1" dj-disable-with="Saving…">Save</button></form>');
  const button = p.doc.querySelector('button')!;
  const form = p.doc.querySelector('form')!;
  button.click();
  const sent = events(p)[0];
  assert.deepEqual([sent.name, sent.payload], ['save', { form: { q: 'x', go: '1' } }]);
  assert.equal(button.disabled, true);
  assert.equal(button.textContent, 'Saving…');
  assert.ok(form.classList.contains('dj-submit-loading'));
  p.ws().receive({ t: 'reply', ref: sent.ref, v: 'dj-1' });
  await settle();
  assert.equal(button.disabled, false);
  assert.equal(button.textContent, 'Save');
  assert.ok(!form.classList.contains('dj-submit-loading'));
});

test('loading classes: the clicked element and the container while in flight, cleared by the answer, kept across a patch', async () => {
  const p = await page(container('<button dj-click="inc" class="b">0</button>'));
  const s = ['<button dj-click="inc" class="b">', '</button>'];
  await p.render('dj-1', tree(s, ['0']));
  const el = p.doc.getElementById('dj-1')!;
  p.doc.querySelector('button')!.click();
  const button = p.doc.querySelector('button')!;
  assert.ok(button.classList.contains('dj-click-loading'));
  assert.ok(el.classList.contains('dj-event-loading'));
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'pushed' } });
  await settle();
  assert.ok(button.classList.contains('dj-click-loading'), 'a push before the answer keeps the loading class');
  p.ws().receive({ t: 'reply', ref: p.ws().last('event').ref, v: 'dj-1', diff: { '0': '1' } });
  await settle();
  assert.ok(!button.classList.contains('dj-click-loading'));
  assert.ok(!el.classList.contains('dj-event-loading'));
  assert.equal(button.textContent, '1');
});

test('dj-focus and dj-blur send the field value', async () => {
  const p = await joined('<input name="q" value="v" dj-focus="hello" dj-blur="bye">');
  const input = p.doc.querySelector('input')!;
  input.focus();
  input.blur();
  assert.deepEqual(events(p).map((e) => [e.name, e.payload]), [['hello', { value: 'v' }], ['bye', { value: 'v' }]]);
});
