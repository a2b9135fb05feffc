/**
 * Flash messages. A `{flash: {info: "Saved"}}` effect fills the page's `[dj-flash="info"]`
 * element and shows it; a click on a flash element dismisses it.
 */
export function showFlash(doc: Document, flash: Record<string, string>): void {
  for (const [kind, message] of Object.entries(flash)) {
    for (const el of doc.querySelectorAll<HTMLElement>(`[dj-flash=${JSON.stringify(kind)}]`)) {
      el.textContent = message;
      el.hidden = false;
    }
  }
}

/** A click on (or inside) a flash: hide it. Returns whether the click was a dismissal. */
export function dismissFlash(target: Element): boolean {
  const el = target.closest<HTMLElement>('[dj-flash]');
  if (!el) return false;
  el.hidden = true;
  el.textContent = '';
  return true;
}
