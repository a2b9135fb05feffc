/**
 * Loading states. The container says how its connection is (dj-loading while joining,
 * dj-connected, dj-error after a failure or a lost connection, like Phoenix's phx-* classes).
 * While an event is in flight its element (and form) carry dj-<kind>-loading, the container
 * dj-event-loading (so `[dj-loading]` elements show), and dj-disable-with elements are disabled
 * with their replacement text.
 */
export type Status = 'loading' | 'connected' | 'error';

const STATUS = ['dj-loading', 'dj-connected', 'dj-error'];

export function setStatus(container: Element, status: Status): void {
  container.classList.remove(...STATUS);
  container.classList.add(`dj-${status}`);
}

/** Hides [dj-loading] elements until their view has an event in flight. */
export const LOADING_CSS = '[dj-loading]{display:none}.dj-event-loading [dj-loading]{display:revert}';

const inFlight = new WeakMap<Element, number>();

function count(el: Element, className: string, delta: number): void {
  const n = (inFlight.get(el) ?? 0) + delta;
  inFlight.set(el, n);
  el.classList.toggle(className, n > 0);
  // No `class=""` left behind: the element must again equal the server's render of it.
  if (el.getAttribute('class') === '') el.removeAttribute('class');
}

function disableWith(el: HTMLElement): () => void {
  const text = el.getAttribute('dj-disable-with')!;
  const before = el.textContent;
  const wasDisabled = (el as HTMLButtonElement).disabled;
  (el as HTMLButtonElement).disabled = true;
  el.textContent = text;
  return () => {
    (el as HTMLButtonElement).disabled = wasDisabled;
    el.textContent = before;
  };
}

/** Mark an event as in flight; the returned function marks it done. */
export function startLoading(container: Element, el: Element, kind: string): () => void {
  const className = `dj-${kind}-loading`;
  const form = el.tagName === 'FORM' ? el : el.closest('form');
  const marked = form && form !== el ? [el, form] : [el];
  const disabled = [el, ...(kind === 'submit' && form ? form.querySelectorAll('[dj-disable-with]') : [])];
  const restores = [...new Set(disabled)].filter((d) => d.hasAttribute('dj-disable-with')).map((d) => disableWith(d as HTMLElement));
  for (const m of marked) count(m, className, 1);
  count(container, 'dj-event-loading', 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const m of marked) count(m, className, -1);
    count(container, 'dj-event-loading', -1);
    for (const restore of restores) restore();
  };
}
