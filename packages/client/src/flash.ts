/**
 * Flash messages. The server renders them (`flash.<kind>` in the template, for one render);
 * the client dismisses them: a click on a `dj-flash` element (or inside it) hides it, and it
 * stays hidden through later patches, as a JS command's hide does.
 */
import { hide } from './js.js';

/** Returns whether the click was a dismissal. */
export function dismissFlash(target: Element): boolean {
  const el = target.closest?.<HTMLElement>('[dj-flash]');
  if (!el) return false;
  hide(el);
  return true;
}
