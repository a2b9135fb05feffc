/**
 * One morph of a view's container to its new HTML, with morphdom. The callbacks are named for
 * the morphdom hook they serve; each guards one thing the user would otherwise lose.
 */
import morphdomModule from 'morphdom';
import { keepCommandState } from './js.js';

/** Lifecycle notifications for the view (hooks, nested views). */
export interface PatchListener {
  added(el: Element): void;
  beforeUpdate(el: Element): void;
  updated(el: Element): void;
  discarded(el: Element): void;
}

const FIELD_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Classes the client sets (in-flight loading, a view container's status), never the server. */
const CLIENT_CLASS = /^dj-([a-z]+-loading|loading|connected|error)$/;

// morphdom is CommonJS with an ES default export in its types: the default is the function.
const morphdom = morphdomModule as unknown as typeof morphdomModule.default;

const isElement = (n: Node): n is Element => n.nodeType === 1;

function nodeKey(node: Node): string | undefined {
  if (!isElement(node)) return undefined;
  return node.id || node.getAttribute('dj-key') || undefined;
}

/**
 * Fields that kept the user's value over a different one the server rendered while they had
 * focus: once focus has left, the next patch gives them the server's, even if it renders the
 * field as before (the attributes already match, so it would otherwise be skipped as equal).
 */
const owedServerValue = new WeakSet<Element>();

const isFocused = (el: Element): boolean => el === el.ownerDocument.activeElement;

/** A focused field keeps what the user typed: the server's value waits until focus leaves. */
function keepFocusedValue(from: Element, to: Element): void {
  if (!isFocused(from) || !FIELD_TAGS.has(from.tagName)) return;
  if (from.tagName === 'SELECT') {
    // morphdom picks a select's option from the `selected` attributes: mark the user's.
    const chosen = new Set([...(from as HTMLSelectElement).selectedOptions].map((o) => o.value));
    for (const o of (to as HTMLSelectElement).options) o.toggleAttribute('selected', chosen.has(o.value));
    return;
  }
  const field = from as HTMLInputElement;
  const server = to as HTMLInputElement;
  if (server.value !== field.value || server.checked !== field.checked) owedServerValue.add(from);
  server.value = field.value;
  if (field.type === 'checkbox' || field.type === 'radio') server.checked = field.checked;
}

/**
 * A single select rendered with no `selected` option states no choice, but morphdom would then
 * blank it (selectedIndex -1), which no fresh page shows: the user's choice stays if the new
 * options still hold it, else the first enabled option is chosen, as a browser parses it.
 */
function keepUnstatedChoice(from: Element, to: Element): void {
  if (from.tagName !== 'SELECT' || (to as HTMLSelectElement).multiple) return;
  const options = [...(to as HTMLSelectElement).options];
  if (options.some((o) => o.hasAttribute('selected'))) return;
  const current = (from as HTMLSelectElement).value;
  const choice = options.find((o) => o.value === current && !o.disabled) ?? options.find((o) => !o.disabled);
  choice?.setAttribute('selected', '');
}

/** In-flight and status classes belong to the client: a render that lacks them keeps them. */
function keepClientClasses(from: Element, to: Element): void {
  for (const c of from.classList) if (CLIENT_CLASS.test(c)) to.classList.add(c);
}

/** dj-update="append"/"prepend": children the new render lacks are kept, before or after it. */
function mergeStream(from: Element, to: Element, mode: string): void {
  const incoming = new Set([...to.children].map((c) => c.id).filter(Boolean));
  const kept = [...from.children].filter((c) => c.id && !incoming.has(c.id)).map((c) => c.cloneNode(true));
  if (mode === 'append') to.prepend(...kept);
  else to.append(...kept);
}

export function morphView(container: Element, html: string, listener: PatchListener): void {
  const target = container.cloneNode(false) as Element;
  target.innerHTML = html;

  function onBeforeElUpdated(from: HTMLElement, to: HTMLElement): boolean {
    if (from.getAttribute('dj-update') === 'ignore') return false;
    // What the client put on the element goes over first: a render that differs only by it
    // (an in-flight class, a JS command's) changes nothing, and its hook hears of no update.
    keepClientClasses(from, to);
    keepCommandState(from, to);
    const owed = owedServerValue.has(from) && !isFocused(from);
    if (owed) owedServerValue.delete(from);
    else if (from.isEqualNode(to)) return false;
    listener.beforeUpdate(from);
    keepFocusedValue(from, to);
    keepUnstatedChoice(from, to);
    if (from.tagName === 'DETAILS') (to as HTMLDetailsElement).open = (from as HTMLDetailsElement).open;
    return true;
  }

  function onBeforeElChildrenUpdated(from: HTMLElement, to: HTMLElement): boolean {
    // A nested view's container: its children are that view's, patched by it alone.
    if (from !== container && from.hasAttribute('data-dj-view')) return false;
    const mode = from.getAttribute('dj-update');
    if (mode === 'append' || mode === 'prepend') mergeStream(from, to, mode);
    return true;
  }

  // morphdom reports an element updated before its children are: hooks hear of it after.
  const updated: Element[] = [];
  function onElUpdated(el: HTMLElement): void {
    updated.push(el);
  }

  function onNodeAdded(node: Node): Node {
    if (isElement(node)) listener.added(node);
    return node;
  }

  function onNodeDiscarded(node: Node): void {
    if (isElement(node)) listener.discarded(node);
  }

  morphdom(container, target, {
    childrenOnly: true,
    getNodeKey: nodeKey,
    onBeforeElUpdated,
    onBeforeElChildrenUpdated,
    onElUpdated,
    onNodeAdded,
    onNodeDiscarded,
  });
  for (const el of updated) listener.updated(el);
}
