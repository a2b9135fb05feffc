import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page, container, tree, settle } from './support.js';

const attr = (cmds: unknown[]) => JSON.stringify(cmds).replaceAll('"', '&quot;');

test('toggle, add_class and remove_class run without a round trip and survive a later patch', async () => {
  const button = `<button id="b" dj-click="${attr([['toggle', { to: '#menu' }], ['add_class', { to: '#menu', names: 'open wide' }], ['remove_class', { to: '#menu', names: 'closed' }]])}">menu</button>`;
  const s = [`${button}<ul id="menu" class="menu closed"><li>`, '</li></ul>'];
  const p = await page(container(''));
  await p.render('dj-1', tree(s, ['a']));
  p.doc.getElementById('b')!.click();
  const menu = p.doc.getElementById('menu')!;
  assert.equal(p.ws().sent.filter((m) => m.t === 'event').length, 0);
  assert.equal(menu.style.display, 'none');
  assert.deepEqual([...menu.classList].sort(), ['menu', 'open', 'wide']);
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'b' } });
  await settle();
  assert.equal(menu.textContent, 'b');
  assert.equal(menu.style.display, 'none');
  assert.deepEqual([...menu.classList].sort(), ['menu', 'open', 'wide']);
  p.doc.getElementById('b')!.click();
  assert.equal(menu.style.display, '');
});

test('show and hide with selectors; push combined with commands sends the event with its value', async () => {
  const html = `<p id="a" style="display:none">a</p><button dj-value-from="btn" dj-click="${attr([['show', { to: '#a' }], ['hide', {}], ['push', { event: 'opened', value: { n: 1 } }]])}">x</button>`;
  const p = await page(container(html));
  await p.render('dj-1', tree([html]));
  const button = p.doc.querySelector('button')!;
  button.click();
  assert.equal(p.doc.getElementById('a')!.style.display, '');
  assert.equal(button.style.display, 'none');
  const event = p.ws().last('event');
  assert.deepEqual([event.name, event.payload], ['opened', { from: 'btn', n: 1 }]);
});

test('transition adds its classes for its time; focus and dispatch act on their targets', async () => {
  const html = `<input id="i"><button dj-click="${attr([['transition', { to: '#i', names: 'fade', time: 300 }], ['focus', { to: '#i' }], ['dispatch', { to: '#i', event: 'picked', detail: { id: 2 } }]])}">x</button>`;
  const p = await page(container(html));
  await p.render('dj-1', tree([html]));
  const input = p.doc.getElementById('i')!;
  const picked: unknown[] = [];
  input.addEventListener('picked', (e) => picked.push((e as CustomEvent).detail));
  p.doc.querySelector('button')!.click();
  assert.ok(input.classList.contains('fade'));
  assert.equal(p.doc.activeElement, input);
  assert.deepEqual(picked, [{ id: 2 }]);
  p.clock.advance(300);
  assert.ok(!input.classList.contains('fade'));
});
