/**
 * Loading states: while an event is in flight (its handler waits at a gate the test opens), the
 * element and its form carry the event's loading class, dj-loading elements show and
 * dj-disable-with disables; once the answer comes, all of it clears.
 */
import { test } from 'node:test';
import { LiveView } from '@djust/server';
import { expect } from 'playwright/test';
import { browserSuite, gate, screenshot, type Gate } from '../harness/index.js';

/** The gate the next event waits at; each test sets a fresh one. */
let current: Gate = gate();

class SlowView extends LiveView {
  static templateSource =
    '<div><p id="status">{{ status }}</p><span id="spinner" dj-loading>Working…</span>' +
    '<button id="slow" dj-click="slow">Slow</button>' +
    '<form id="form" dj-submit="save"><input name="title" value="draft">' +
    '<button id="save" type="submit" dj-disable-with="Saving…">Save</button></form>' +
    '<form id="cform" dj-change="changed"><input id="cfield" name="c" autocomplete="off"></form></div>';
  static events = ['slow', 'save', 'changed'];
  status = 'idle';
  async slow(): Promise<void> {
    await current.wait();
    this.status = 'clicked';
  }
  async save({ form }: { form: { title: string } }): Promise<void> {
    await current.wait();
    this.status = `saved ${form.title}`;
  }
  async changed({ form }: { form: { c: string } }): Promise<void> {
    await current.wait();
    this.status = `changed ${form.c}`;
  }
}

const s = browserSuite((app) => app.live('/slow', SlowView));

test('dj-click-loading and dj-loading show while a click is in flight and clear after', async () => {
  const { page } = s.tp;
  current = gate();
  await s.tp.goto(s.app.url('/slow'));
  const button = page.locator('#slow');
  const spinner = page.locator('#spinner');
  await expect(spinner).toBeHidden();

  await button.click();
  await current.reached;
  await expect(button).toHaveClass(/\bdj-click-loading\b/);
  await expect(page.locator('[data-dj-view]')).toHaveClass(/\bdj-event-loading\b/);
  await expect(spinner).toBeVisible();
  await expect(page.locator('#status')).toHaveText('idle');
  await screenshot(page, 'loading-click');

  current.open();
  await expect(page.locator('#status')).toHaveText('clicked');
  await expect(button).not.toHaveClass(/\bdj-click-loading\b/);
  await expect(page.locator('[data-dj-view]')).not.toHaveClass(/\bdj-event-loading\b/);
  await expect(spinner).toBeHidden();
});

test('dj-submit-loading marks the form and dj-disable-with disables its button while it is in flight', async () => {
  const { page } = s.tp;
  current = gate();
  await s.tp.goto(s.app.url('/slow'));
  const form = page.locator('#form');
  const save = page.locator('#save');

  await save.click();
  await current.reached;
  await expect(form).toHaveClass(/\bdj-submit-loading\b/);
  await expect(save).toBeDisabled();
  await expect(save).toHaveText('Saving…');
  await expect(page.locator('#spinner')).toBeVisible();
  await screenshot(page, 'loading-submit');

  current.open();
  await expect(page.locator('#status')).toHaveText('saved draft');
  await expect(form).not.toHaveClass(/\bdj-submit-loading\b/);
  await expect(save).toBeEnabled();
  await expect(save).toHaveText('Save');
  await expect(page.locator('#spinner')).toBeHidden();
});

test('dj-change-loading marks the changed field and its form while the change is in flight', async () => {
  const { page } = s.tp;
  current = gate();
  await s.tp.goto(s.app.url('/slow'));
  const field = page.locator('#cfield');
  await field.fill('new');
  await field.press('Tab');
  await current.reached;
  await expect(page.locator('#cform')).toHaveClass(/\bdj-change-loading\b/);
  await expect(field).toHaveClass(/\bdj-change-loading\b/);
  await expect(page.locator('#spinner')).toBeVisible();

  current.open();
  await expect(page.locator('#status')).toHaveText('changed new');
  await expect(page.locator('#cform')).not.toHaveClass(/\bdj-change-loading\b/);
  await expect(field).not.toHaveClass(/\bdj-change-loading\b/);
  await expect(page.locator('#spinner')).toBeHidden();
});
