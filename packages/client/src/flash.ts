/**
 * Flash messages. The server renders them (`flash.<kind>` in the template, until the user's next event);
 * the client dismisses them: a click on a `dj-flash` element (or inside it) hides it, and it
 * stays hidden through later patches, as a JS command's hide does.
 */
import { hide } from './js.js';

/** Hides the flash the click landed in, if any. */
export function dismissFlash(target: Element): void {
  const el = target.closest?.<HTMLElement>('[dj-flash]');
  if (el) hide(el);
}
