import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { FakeWebSocket } from './support.js';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** The browser bundle, built as scripts/build.ts builds it. */
async function bundle(): Promise<string> {
  const out = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false, logLevel: 'error' });
  return out.outputFiles[0].text;
}

test('the bundle starts on DOMContentLoaded, joins the page views, and uses hooks registered on window.djust before and after load', async () => {
  const win = new Window({ url: 'http://localhost:3000/counter' });
  const log: string[] = [];
  FakeWebSocket.made = [];
  Object.assign(win, { WebSocket: FakeWebSocket, djust: { hooks: { Early: { mounted: () => log.push('early') } } } });
  win.document.body.innerHTML = '<div id="dj-1" data-dj-view="V" data-dj-token="t" data-dj-socket="/live/ws"><b dj-hook="Early"></b></div>';
  win.eval(await bundle());
  assert.equal(FakeWebSocket.made.length, 1, 'already parsed: started at once');
  const ws = FakeWebSocket.made[0];
  assert.equal(ws.url, 'ws://localhost:3000/live/ws');
  const djust = (win as unknown as { djust: { hooks: Record<string, unknown> } }).djust;
  djust.hooks.Late = { mounted: () => log.push('late') };
  ws.open();
  const join = ws.last('join');
  assert.equal(join.v, 'dj-1');
  ws.receive({ t: 'rendered', ref: join.ref, v: 'dj-1', tree: { s: ['<b dj-hook="Early"></b><i dj-hook="Late"></i>'], d: [], f: 'x' } });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(log, ['early', 'late']);
  assert.ok(win.document.getElementById('dj-1')!.classList.contains('dj-connected'));
  await win.happyDOM.close();
});
