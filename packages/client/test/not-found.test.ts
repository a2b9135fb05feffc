/** A join answered with a full-page redirect to its own URL (its view was not found when joined). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page, container, settle } from './support.js';

test('a join sent back to its own URL reloads the page once, and a second time within a minute does not (no loop)', async () => {
  const p = await page(container(''));
  const notFound = () => p.ws().receive({ t: 'redirect', ref: p.ws().last('join').ref, v: 'dj-1', to: '/counter', kind: 'redirect' });
  notFound();
  await settle();
  p.clock.advance(2000);
  assert.deepEqual(p.loads, [null]);
  // The reloaded page (same tab) is still found over HTTP but not when joined: it stays, marked.
  p.ws().close();
  p.clock.advance(1000);
  p.ws().open();
  notFound();
  await settle();
  p.clock.advance(60_000);
  assert.deepEqual(p.loads, [null]);
  assert.ok(p.doc.getElementById('dj-1')!.classList.contains('dj-error'));
});

test('a join sent to another URL loads that URL', async () => {
  const p = await page(container(''));
  p.ws().receive({ t: 'redirect', ref: p.ws().last('join').ref, v: 'dj-1', to: '/login', kind: 'redirect' });
  await settle();
  assert.deepEqual(p.loads, ['/login']);
});
