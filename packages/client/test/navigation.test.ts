import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page, container, tree, settle } from './support.js';

test('a dj-patch link sends a patch for the view and pushes the URL; the effect token becomes the rejoin token', async () => {
  const html = '<a href="/counter?page=2" dj-patch>next</a>';
  const p = await page(container(html));
  await p.render('dj-1', tree([html]));
  p.doc.querySelector('a')!.click();
  const patch = p.ws().last('patch');
  assert.deepEqual([patch.v, patch.url], ['dj-1', '/counter?page=2']);
  assert.equal(p.win.location.pathname + p.win.location.search, '/counter?page=2');
  p.ws().receive({ t: 'reply', ref: patch.ref, v: 'dj-1', effects: [{ patch: '/counter?page=2', token: 'tok-2' }] });
  await settle();
  p.ws().close();
  p.clock.advance(60_000);
  p.ws().open();
  assert.deepEqual([p.ws().last('join').token, p.ws().last('join').url], ['tok-2', '/counter?page=2']);
});

test('back to a patched URL of the same view sends a patch, not a page load', async () => {
  const html = '<a href="/counter?page=2" dj-patch>next</a>';
  const p = await page(container(html));
  await p.render('dj-1', tree([html]));
  p.doc.querySelector('a')!.click();
  p.win.history.pushState(null, '', '/counter');
  p.win.dispatchEvent(new p.win.PopStateEvent('popstate', { state: null }));
  assert.equal(p.ws().last('patch').url, '/counter');
  assert.deepEqual(p.loads, []);
});

test('a late answer to a patch the user has already moved away from leaves the address bar and history alone', async () => {
  const html = '<a href="/counter?page=2" dj-patch>next</a>';
  const p = await page(container(html));
  await p.render('dj-1', tree([html]));
  p.doc.querySelector('a')!.click();
  const first = p.ws().last('patch');
  // Back, before the first answer arrives (happy-dom's history.back does not fire popstate).
  p.win.history.pushState(null, '', '/counter');
  p.win.dispatchEvent(new p.win.PopStateEvent('popstate', { state: null }));
  const second = p.ws().last('patch');
  const entries = p.win.history.length;
  p.ws().receive({ t: 'reply', ref: first.ref, v: 'dj-1', effects: [{ patch: '/counter?page=2', token: 'tok-2' }] });
  p.ws().receive({ t: 'reply', ref: second.ref, v: 'dj-1', effects: [{ patch: '/counter', token: 'tok-1' }] });
  await settle();
  assert.equal(p.win.location.pathname + p.win.location.search, '/counter');
  assert.equal(p.win.history.length, entries);
});

test('dj-navigate in a live session joins the next view with the nav claim, then leaves the old one and takes its container', async () => {
  const html = '<a href="/b" dj-navigate>b</a>';
  const p = await page(container(html, 'dj-1', 'data-dj-nav="claim" data-dj-session="main"'));
  await p.render('dj-1', tree([html]));
  p.doc.querySelector('a')!.click();
  const join = p.ws().last('join');
  assert.deepEqual([join.url, join.nav, join.token], ['/b', 'claim', undefined]);
  assert.notEqual(join.v, 'dj-1');
  p.ws().receive({ t: 'rendered', ref: join.ref, v: String(join.v), tree: tree(['<h1>B</h1>']) });
  await settle();
  assert.equal(p.ws().last('leave').v, 'dj-1');
  const root = p.doc.querySelector('[data-dj-view]')!;
  assert.equal(root.id, join.v);
  assert.equal(root.innerHTML, '<h1>B</h1>');
  assert.equal(p.doc.querySelectorAll('[data-dj-view]').length, 1);
  assert.equal(p.win.location.pathname, '/b');
  assert.deepEqual(p.loads, []);
  // Events from the new content go to the new view.
  root.innerHTML = '<button dj-click="x">x</button>';
  root.querySelector('button')!.click();
  assert.equal(p.ws().last('event').v, join.v);
});

test('back to another view outside a live session reloads the page at the URL history already shows', async () => {
  const p = await page(container(''));
  await p.render('dj-1', tree(['']));
  p.win.history.pushState(null, '', '/other');
  p.win.dispatchEvent(new p.win.PopStateEvent('popstate', { state: null }));
  assert.deepEqual(p.loads, [null]);
});

test('dj-navigate outside a live session is a full page load', async () => {
  const html = '<a href="/elsewhere" dj-navigate>x</a>';
  const p = await page(container(html));
  await p.render('dj-1', tree([html]));
  p.doc.querySelector('a')!.click();
  assert.deepEqual(p.loads, ['/elsewhere']);
});

test('a redirect without a nav claim loads the page; with one it navigates live', async () => {
  const p = await page(container('', 'dj-1', 'data-dj-nav="claim"'));
  await p.render('dj-1', tree(['']));
  p.ws().receive({ t: 'redirect', v: 'dj-1', to: '/out', kind: 'redirect' });
  assert.deepEqual(p.loads, ['/out']);
  p.ws().receive({ t: 'redirect', v: 'dj-1', to: '/b', kind: 'navigate', nav: 'claim-2' });
  const join = p.ws().last('join');
  assert.deepEqual([join.url, join.nav], ['/b', 'claim-2']);
});

test('after a live navigation by redirect, the next dj-navigate uses the fresh claim it brought', async () => {
  const p = await page(container('', 'dj-1', 'data-dj-nav="claim-1"'));
  await p.render('dj-1', tree(['']));
  p.ws().receive({ t: 'redirect', v: 'dj-1', to: '/b', kind: 'navigate', nav: 'claim-2' });
  const join = p.ws().last('join');
  p.ws().receive({ t: 'rendered', ref: join.ref, v: String(join.v), tree: tree(['<a href="/c" dj-navigate>c</a>']) });
  await settle();
  p.doc.querySelector('a')!.click();
  assert.deepEqual([p.ws().last('join').url, p.ws().last('join').nav], ['/c', 'claim-2']);
});

test("after a live navigation the root container takes the new view's attrs, and a reconnect rejoins it with their token", async () => {
  const html = '<a href="/b" dj-navigate>b</a>';
  const p = await page(container(html, 'dj-1', 'data-dj-nav="claim-1" data-dj-session="main"'));
  await p.render('dj-1', tree([html]));
  p.doc.querySelector('a')!.click();
  const join = p.ws().last('join');
  const attrs = { 'data-dj-view': 'BView', 'data-dj-token': 'tok-b', 'data-dj-nav': 'claim-2', 'data-dj-session': 'main' };
  p.ws().receive({ t: 'rendered', ref: join.ref, v: String(join.v), tree: tree(['<a href="/c" dj-navigate>c</a>']), attrs });
  await settle();
  const root = p.doc.querySelector<HTMLElement>('[data-dj-view]')!;
  assert.equal(root.id, join.v);
  assert.deepEqual(
    Object.keys(attrs).map((name) => root.getAttribute(name)),
    ['BView', 'tok-b', 'claim-2', 'main'],
  );
  assert.equal(root.getAttribute('data-dj-socket'), '/djust/socket', 'what the answer does not name stays');

  p.ws().close();
  p.clock.advance(60_000);
  p.ws().open();
  const rejoin = p.ws().last('join');
  assert.deepEqual([rejoin.v, rejoin.url, rejoin.token, rejoin.nav], [join.v, '/b', 'tok-b', undefined]);
  p.ws().receive({ t: 'rendered', ref: rejoin.ref, v: String(join.v), tree: tree(['<a href="/c" dj-navigate>c</a>']) });
  await settle();

  p.doc.querySelector('a')!.click();
  assert.deepEqual([p.ws().last('join').url, p.ws().last('join').nav], ['/c', 'claim-2']);
});
