/**
 * dj-debounce (in ms, and "blur") and dj-throttle, timed where the events land: on the server,
 * against the moments the browser saw the user's input (both read the same system clock).
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { LiveView } from '@djust/server';
import { expect } from 'playwright/test';
import { browserSuite, screenshot } from '../harness/index.js';

const DEBOUNCE_MS = 700;
const THROTTLE_MS = 800;
/** Date.now() in the browser and in Node can disagree by a rounding; nothing more on one host. */
const CLOCK_SLACK_MS = 10;

interface Arrival {
  event: string;
  value: string;
  at: number;
}
const arrivals: Arrival[] = [];

class RateView extends LiveView {
  static templateSource =
    '<div><input id="search" dj-input="search" dj-debounce="' + DEBOUNCE_MS + '" autocomplete="off">' +
    '<input id="blurry" dj-input="blurred" dj-debounce="blur" autocomplete="off">' +
    '<input id="throttled" dj-input="slid" dj-throttle="' + THROTTLE_MS + '" autocomplete="off">' +
    '<button id="ping" dj-click="ping">ping</button>' +
    '<form id="form" dj-submit="submitted"><input id="slowfield" name="q" dj-input="search" dj-debounce="' + DEBOUNCE_MS * 10 + '" autocomplete="off">' +
    '<button id="submit" type="submit">send</button></form>' +
    '<ul id="log">{% for line in log %}<li>{{ line }}</li>{% endfor %}</ul></div>';
  static events = ['search', 'blurred', 'slid', 'ping', 'submitted'];
  log: string[] = [];
  #record(event: string, value: string): void {
    arrivals.push({ event, value, at: Date.now() });
    this.log.push(`${event}:${value}`);
  }
  search({ value, form }: { value?: string; form?: { q: string } }): void {
    this.#record('search', value ?? form?.q ?? '');
  }
  blurred({ value }: { value: string }): void {
    this.#record('blurred', value);
  }
  submitted({ form }: { form: { q: string } }): void {
    this.#record('submitted', form.q);
  }
  slid({ value }: { value: string }): void {
    this.#record('slid', value);
  }
  ping(): void {
    this.#record('ping', String(arrivals.filter((a) => a.event === 'ping').length + 1));
  }
}

const s = browserSuite((app) => app.live('/rate', RateView));

beforeEach(() => {
  arrivals.length = 0;
});

/** Sends a ping without moving focus; once the page shows it, everything sent before it has landed. */
async function barrier(n: number): Promise<void> {
  await s.tp.page.locator('#ping').evaluate((el: HTMLElement) => el.click());
  await expect(s.tp.page.locator('#log li', { hasText: `ping:${n}` })).toHaveCount(1);
}

const named = (event: string): Arrival[] => arrivals.filter((a) => a.event === event);

test('dj-debounce in ms sends the last value once, no sooner than the delay after the last keystroke', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rate'));
  await page.locator('#search').evaluate((el) => {
    el.addEventListener('input', () => ((window as unknown as { lastInput: number }).lastInput = Date.now()));
  });
  await page.locator('#search').click();
  // Keystrokes 40 ms apart, far inside the delay: each one restarts it.
  await page.keyboard.type('abc', { delay: 40 });
  await barrier(1);
  assert.deepEqual(named('search'), [], 'nothing is sent while the user is still within the delay');

  await expect(page.locator('#log li', { hasText: 'search:abc' })).toHaveCount(1);
  const lastInput = await page.evaluate(() => (window as unknown as { lastInput: number }).lastInput);
  const sent = named('search');
  assert.deepEqual(sent.map((a) => a.value), ['abc'], 'one event, with the last value');
  assert.ok(sent[0].at - lastInput >= DEBOUNCE_MS - CLOCK_SLACK_MS, `arrived ${sent[0].at - lastInput} ms after the last keystroke`);
  await screenshot(page, 'rate-debounce');
});

test('dj-debounce="blur" sends when the field loses focus, not before', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rate'));
  await page.locator('#blurry').click();
  await page.keyboard.type('xyz');
  await barrier(1);
  assert.deepEqual(named('blurred'), [], 'nothing is sent while the field has focus');

  await page.keyboard.press('Tab');
  await expect(page.locator('#log li', { hasText: 'blurred:xyz' })).toHaveCount(1);
  await barrier(2);
  assert.deepEqual(named('blurred').map((a) => a.value), ['xyz']);
});

test('dj-throttle sends the first input at once and the latest of the interval at its end', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rate'));
  // Three inputs in one task, as a fast typist or a slider makes them: "1" goes at once, "123"
  // (the latest) at the end of the interval, "12" never.
  const firstInput = await page.locator('#throttled').evaluate((el: HTMLInputElement) => {
    el.focus();
    const at = Date.now();
    for (const value of ['1', '12', '123']) {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return at;
  });
  await expect(page.locator('#log li', { hasText: 'slid:123' })).toHaveCount(1);
  await barrier(1);
  const sent = named('slid');
  assert.deepEqual(sent.map((a) => a.value), ['1', '123'], 'the first and the latest, nothing between');
  assert.ok(sent[0].at - firstInput < THROTTLE_MS, `the first arrived ${sent[0].at - firstInput} ms after the input, inside the interval`);
  assert.ok(sent[1].at - firstInput >= THROTTLE_MS - CLOCK_SLACK_MS, `the latest arrived ${sent[1].at - firstInput} ms after the first input`);
  await expect(page.locator('#throttled')).toHaveValue('123');
  await screenshot(page, 'rate-throttle');
});

test('a submit first sends what a debounced field of its form holds back', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/rate'));
  await page.locator('#slowfield').click();
  await page.keyboard.type('held');
  // The field's delay is 10 × the other's: the submit, not the timer, must flush it.
  await page.keyboard.press('Enter');
  await expect(page.locator('#log li', { hasText: 'submitted:held' })).toHaveCount(1);
  assert.deepEqual(arrivals.map((a) => `${a.event}:${a.value}`), ['search:held', 'submitted:held']);
});
