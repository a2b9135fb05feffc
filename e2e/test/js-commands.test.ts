/**
 * JS commands run in the browser without a round trip (show, hide, toggle, add_class,
 * remove_class, transition, focus, dispatch), combine with a push, and what they changed
 * survives the server's later patches of the same elements.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { LiveView } from '@djust/server';
import type { Locator, Page } from 'playwright';
import { expect } from 'playwright/test';
import { browserSuite, screenshot } from '../harness/index.js';

/** Every event the view received, so a test can tell that a command made no round trip. */
const received: string[] = [];

class CommandsView extends LiveView {
  static templateSource = `<div>
<p id="count">count {{ n }}</p>
<div id="box" class="base">box {{ n }}</div>
<div id="panel" style="display: none">panel {{ n }}</div>
<div id="menu">menu {{ n }}</div>
<input id="field" autocomplete="off">
<button id="show" dj-click='[["show",{"to":"#panel"}]]'>show</button>
<button id="hide" dj-click='[["hide",{"to":"#box"}]]'>hide</button>
<button id="toggle" dj-click='[["toggle",{"to":"#menu"}]]'>toggle</button>
<button id="add" dj-click='[["add_class",{"to":"#box","names":"big red"}]]'>add</button>
<button id="remove" dj-click='[["remove_class",{"to":"#box","names":"base"}]]'>remove</button>
<button id="flash" dj-click='[["transition",{"to":"#menu","names":"fading","time":1000}]]'>transition</button>
<button id="focus" dj-click='[["focus",{"to":"#field"}]]'>focus</button>
<button id="dispatch" dj-click='[["dispatch",{"to":"#menu","event":"menu:ping","detail":{"k":1}}]]'>dispatch</button>
<button id="push" dj-click='[["add_class",{"to":"#count","names":"pushed"}],["push",{"event":"inc","value":{"by":"2"}}]]'>push</button>
<button id="inc" dj-click="inc" dj-value-by="1">inc</button>
</div>`;
  static events = ['inc'];
  n = 0;
  inc({ by }: { by: string }): void {
    received.push(`inc:${by}`);
    this.n += Number(by);
  }
}

const s = browserSuite((app) => app.live('/commands', CommandsView));

beforeEach(() => {
  received.length = 0;
});

/** A server round trip that re-renders every element above (they all show the count). */
async function patchAll(page: Page, expected: number): Promise<void> {
  await page.click('#inc');
  await expect(page.locator('#box')).toHaveText(`box ${expected}`);
  await expect(page.locator('#panel')).toHaveText(`panel ${expected}`);
  await expect(page.locator('#menu')).toHaveText(`menu ${expected}`);
}

const classes = (l: Locator): Promise<string[]> => l.evaluate((el) => [...el.classList].sort());

test('show, hide, toggle, add_class and remove_class act at once and survive patches', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/commands'));
  const box = page.locator('#box');
  const panel = page.locator('#panel');
  const menu = page.locator('#menu');
  await expect(panel).toBeHidden();

  await page.click('#show');
  await page.click('#toggle');
  await page.click('#add');
  await page.click('#remove');
  await expect(panel).toBeVisible();
  await expect(menu).toBeHidden();
  assert.deepEqual(await classes(box), ['big', 'red']);
  assert.deepEqual(received, [], 'no command went to the server');

  // The server re-renders all three (with their original class and style): the commands' state stays.
  await patchAll(page, 1);
  await expect(panel).toBeVisible();
  await expect(menu).toBeHidden();
  assert.deepEqual(await classes(box), ['big', 'red']);

  await page.click('#hide');
  await page.click('#toggle');
  await expect(box).toBeHidden();
  await expect(menu).toBeVisible();
  await patchAll(page, 2);
  await expect(box).toBeHidden();
  await expect(menu).toBeVisible();
  await expect(panel).toBeVisible();
  assert.deepEqual(received, ['inc:1', 'inc:1']);
  await screenshot(page, 'js-commands');
});

test('a command list with a push changes the page at once and sends the event with its value', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/commands'));
  await page.click('#push');
  await expect(page.locator('#count')).toHaveText('count 2');
  assert.deepEqual(received, ['inc:2']);
  // The class the command added survives the very patch its push brought.
  assert.deepEqual(await classes(page.locator('#count')), ['pushed']);
  await patchAll(page, 3);
  assert.deepEqual(await classes(page.locator('#count')), ['pushed']);
});

test('transition, focus and dispatch act in the page without a round trip', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/commands'));
  const menu = page.locator('#menu');

  const detail = page.evaluate(
    () => new Promise<unknown>((ok) => document.querySelector('#menu')!.addEventListener('menu:ping', (e) => ok((e as CustomEvent).detail), { once: true })),
  );
  await page.click('#dispatch');
  assert.deepEqual(await detail, { k: 1 });

  await page.click('#focus');
  await expect(page.locator('#field')).toBeFocused();

  // The transition's classes come, then go by themselves (time: 1 s, long enough to be seen on a loaded machine).
  await page.click('#flash');
  await expect(menu).toHaveClass(/\bfading\b/);
  await expect(menu).not.toHaveClass(/\bfading\b/);
  assert.deepEqual(received, []);
});
