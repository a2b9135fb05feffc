import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hook, HookInstance } from '../src/hooks.js';
import { page, container, tree, settle } from './support.js';

function recorder(log: string[]): Hook {
  const note = (what: string) =>
    function (this: HookInstance) {
      log.push(`${what} ${this.el.id} ${this.el.textContent}`);
    };
  return {
    mounted: note('mounted'),
    beforeUpdate: note('beforeUpdate'),
    updated: note('updated'),
    destroyed: note('destroyed'),
    disconnected: note('disconnected'),
    reconnected: note('reconnected'),
  };
}

test('a hook is told of its element: mounted, beforeUpdate/updated, disconnected/reconnected, destroyed', async () => {
  const log: string[] = [];
  const s = ['<div id="h" dj-hook="Rec">', '</div>', ''];
  const p = await page(container('<div id="h" dj-hook="Rec">0</div>'), { hooks: { Rec: recorder(log) } });
  assert.deepEqual(log, ['mounted h 0']);
  await p.render('dj-1', tree(s, ['0', '']));
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': '1' } });
  await settle();
  assert.deepEqual(log.splice(0), ['mounted h 0', 'beforeUpdate h 0', 'updated h 1']);
  p.ws().close();
  p.clock.advance(60_000);
  p.ws().open();
  assert.deepEqual(log.splice(0), ['disconnected h 1', 'reconnected h 1']);
  await p.render('dj-1', { s: ['<p>gone</p>'], d: [], f: 'other' });
  assert.deepEqual(log.splice(0), ['destroyed h 1']);
});

test('hooks inside a removed subtree are destroyed, keyed or not', async () => {
  const log: string[] = [];
  const inner = '<section><b id="k" dj-hook="Rec">k</b><i dj-hook="Rec">i</i></section>';
  const p = await page(container(''), { hooks: { Rec: recorder(log) } });
  await p.render('dj-1', tree(['', ''], [inner]));
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': '' } });
  await settle();
  assert.deepEqual(log.sort(), ['destroyed  i', 'destroyed k k', 'mounted  i', 'mounted k k']);
});

test('a hooked element added by a patch is mounted', async () => {
  const log: string[] = [];
  const p = await page(container(''), { hooks: { Rec: recorder(log) } });
  await p.render('dj-1', tree(['', ''], ['']));
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': '<span id="n" dj-hook="Rec">new</span>' } });
  await settle();
  assert.deepEqual(log, ['mounted n new']);
});

test("a hook's pushEvent goes to its view; the server's pushEvent effect reaches its handleEvent", async () => {
  const got: unknown[] = [];
  const hooks: Record<string, Hook> = {
    Chart: {
      mounted(this: HookInstance) {
        this.handleEvent('points', (payload) => got.push(payload));
        void this.pushEvent('ready', { w: 3 });
      },
    },
  };
  const p = await page(container('<canvas id="c" dj-hook="Chart"></canvas>'), { hooks });
  await p.render('dj-1', tree(['<canvas id="c" dj-hook="Chart"></canvas>']));
  const event = p.ws().last('event');
  assert.deepEqual([event.v, event.name, event.payload], ['dj-1', 'ready', { w: 3 }]);
  const onWindow: unknown[] = [];
  p.win.addEventListener('djust:points', (e) => onWindow.push((e as CustomEvent).detail));
  p.ws().receive({ t: 'reply', ref: event.ref, v: 'dj-1', effects: [{ push: 'points', payload: { xs: [1, 2] } }] });
  await settle();
  assert.deepEqual(got, [{ xs: [1, 2] }]);
  assert.deepEqual(onWindow, [{ xs: [1, 2] }]);
});

test("a hook's own pushEvent does not make the patch that answers it an update of its element", async () => {
  const log: string[] = [];
  const rec = recorder(log);
  const hooks: Record<string, Hook> = { Rec: { ...rec, mounted(this: HookInstance) { void this.pushEvent('ready', {}); } } };
  const s = ['<div id="h" dj-hook="Rec">h</div><p>', '</p>'];
  const p = await page(container('<div id="h" dj-hook="Rec">h</div><p>0</p>'), { hooks });
  await p.render('dj-1', tree(s, ['0']));
  const event = p.ws().last('event');
  // The reply's patch finds the element carrying dj-hook-loading, the render does not.
  p.ws().receive({ t: 'reply', ref: event.ref, v: 'dj-1', diff: { '0': '1' } });
  await settle();
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': '2' } });
  await settle();
  assert.equal(p.doc.querySelector('#dj-1 p')!.textContent, '2');
  assert.deepEqual(log, []);
});

test('hooks registered after the client started are used for elements mounted later', async () => {
  const hooks: Record<string, Hook> = {};
  const log: string[] = [];
  const p = await page(container(''), { hooks });
  hooks.Late = recorder(log);
  await p.render('dj-1', tree(['<b id="l" dj-hook="Late">x</b>']));
  assert.deepEqual(log, ['mounted l x']);
});

test('a click on a flash dismisses it, and it stays dismissed through a patch', async () => {
  const s = ['<p id="fl" dj-flash="info">Saved</p><span>', '</span>'];
  const p = await page(container('<p id="fl" dj-flash="info">Saved</p><span>0</span>'));
  await p.render('dj-1', tree(s, ['0']));
  const flash = p.doc.getElementById('fl')!;
  flash.click();
  assert.equal(flash.style.display, 'none');
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': '1' } });
  await settle();
  assert.equal(p.doc.querySelector('#dj-1 span')!.textContent, '1');
  assert.equal(flash.style.display, 'none');
});

test('a title effect sets the document title', async () => {
  const p = await page(container(''));
  await p.render('dj-1', tree(['']));
  p.ws().receive({ t: 'diff', v: 'dj-1', effects: [{ title: 'Inbox (3)' }] });
  await settle();
  assert.equal(p.doc.title, 'Inbox (3)');
});
