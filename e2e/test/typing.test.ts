/**
 * Typing while diffs arrive: a server timer re-renders the view every 50 ms, and the field being
 * typed in keeps every character and its caret, at the end of the text and in its middle. Each
 * keystroke is also sent (dj-input), and the server renders the field's value in upper case, so
 * every diff carries a value that differs from what the user has: the field must keep the user's
 * until it loses focus.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiveView, type Params, type Session } from '@djust/server';
import { expect } from 'playwright/test';
import { browserSuite, screenshot } from '../harness/index.js';

class TickingFormView extends LiveView {
  static templateSource =
    '<form id="f" dj-input="typed"><p id="ticks">ticks: {{ ticks }}</p>' +
    '<input id="text" name="text" value="{{ text|upper }}" autocomplete="off"><p id="echo">{{ text }}</p></form>';
  static events = ['typed'];
  ticks = 0;
  text = 'hello';
  override mount(_params: Params, _session: Session['data']): void {
    if (this.connected) this.every(50, 'tick');
  }
  override handleInfo(): void {
    this.ticks++;
  }
  typed({ form }: { form: { text?: string } }): void {
    this.text = form.text ?? '';
  }
}

const s = browserSuite((app) => app.live('/typing', TickingFormView));

/** The tick count on the page, which the timer's diffs change. */
async function ticks(page: import('playwright').Page): Promise<number> {
  return Number((await page.locator('#ticks').textContent())?.replace('ticks: ', ''));
}

test('typing while diffs arrive keeps every character and the caret, in the middle and at the end', async () => {
  const { page } = s.tp;
  await s.tp.goto(s.app.url('/typing'));
  const input = page.locator('#text');
  await input.click();

  // The server's value, typed over in lower case: at the end, then in the middle.
  await expect(input).toHaveValue('HELLO');
  await page.keyboard.press('End');
  await page.keyboard.type(' world');
  await input.evaluate((el: HTMLInputElement) => el.setSelectionRange(5, 5));
  const before = await ticks(page);
  for (const ch of ', big') {
    await page.keyboard.type(ch);
    // Let at least one diff land between keystrokes, so each one races a patch.
    const seen = await ticks(page);
    await page.waitForFunction((n) => Number(document.querySelector('#ticks')!.textContent!.slice(7)) > n, seen);
  }
  assert.ok((await ticks(page)) >= before + 5, 'diffs arrived while typing');
  await expect(input).toHaveValue('HELLO, big world');
  assert.deepEqual(await input.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]), [10, 10], 'the caret stays after the typed text');

  // At the end, typed fast while the timer keeps patching.
  await page.keyboard.press('End');
  await page.keyboard.type(' of typing, quickly', { delay: 15 });
  await expect(input).toHaveValue('HELLO, big world of typing, quickly');
  assert.deepEqual(await input.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]), [35, 35]);

  // A selection survives a patch too.
  await input.evaluate((el: HTMLInputElement) => el.setSelectionRange(0, 5));
  const seen = await ticks(page);
  await page.waitForFunction((n) => Number(document.querySelector('#ticks')!.textContent!.slice(7)) > n + 2, seen);
  assert.deepEqual(await input.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]), [0, 5]);
  await expect(input).toBeFocused();

  // The field leaves focus: what the server got is what the user typed.
  await page.keyboard.press('Tab');
  await expect(page.locator('#echo')).toHaveText('HELLO, big world of typing, quickly');
  // Only now does the server's own rendering of the value reach the field.
  await expect(input).toHaveValue('HELLO, BIG WORLD OF TYPING, QUICKLY');
  await screenshot(page, 'typing');
});
