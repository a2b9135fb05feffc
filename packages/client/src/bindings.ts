/**
 * DOM events to view events, delegated from the document: dj-click, dj-submit, dj-change,
 * dj-input, dj-keydown/dj-keyup (filtered by dj-key), dj-focus, dj-blur and dj-window-*.
 * Each binding adds its dj-value-* attributes, asks dj-confirm, honours dj-debounce and
 * dj-throttle, and goes to the view of dj-target when it names one.
 */
import type { Clock } from './clock.js';
import type { View } from './view.js';
import { serializeForm } from './form.js';
import { parseCommands, runCommands, type CommandContext } from './js.js';
import { flush, rateLimit } from './rate.js';

/** What bindings need from the page-wide client. */
export interface BindingHost {
  clock: Clock;
  /** The view an element belongs to, or the one a dj-target selector names. */
  viewOf(el: Element, target?: string | null): View | undefined;
}

const WINDOW_EVENTS = ['keydown', 'keyup', 'focus', 'blur', 'resize', 'scroll'];

/** dj-value-user-id="7" → { "user-id": "7" } */
export function bindingValues(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of el.attributes) if (a.name.startsWith('dj-value-')) out[a.name.slice(9)] = a.value;
  return out;
}

/** dj-key="Enter" (case-insensitive) lets only that key through; no dj-key lets every key. */
export function keyMatches(el: Element, key: string): boolean {
  const wanted = el.getAttribute('dj-key');
  return wanted === null || wanted.toLowerCase() === key.toLowerCase();
}

type Field = HTMLInputElement & { form: HTMLFormElement | null };

/** What a field holds now, to tell a change already sent from a new one. */
function fieldState(field: Field): string {
  if (field.type === 'checkbox' || field.type === 'radio') return String(field.checked);
  const options = (field as unknown as HTMLSelectElement).selectedOptions;
  return options ? Array.from(options, (o) => o.value).join('\n') : String(field.value);
}

/** Per field, what its last dj-change sent. */
const changeSent = new WeakMap<Element, string>();

function fieldPayload(field: Field): Record<string, unknown> {
  if (field.form) return { form: serializeForm(field.form), _target: field.name };
  return { value: field.value, _target: field.name };
}

export class Bindings {
  constructor(private readonly host: BindingHost) {}

  install(win: Window): void {
    const doc = win.document;
    doc.addEventListener('click', (e) => this.click(e));
    doc.addEventListener('submit', (e) => this.submit(e as SubmitEvent));
    // dj-change fires while typing, as phx-change does; the change event that follows is
    // dropped when it brings nothing new (fieldState).
    doc.addEventListener('input', (e) => {
      this.field(e, 'input');
      this.field(e, 'change');
    });
    doc.addEventListener('change', (e) => this.field(e, 'change'));
    doc.addEventListener('keydown', (e) => this.key(e as KeyboardEvent));
    doc.addEventListener('keyup', (e) => this.key(e as KeyboardEvent));
    doc.addEventListener('focusin', (e) => this.focus(e, 'focus'));
    doc.addEventListener('focusout', (e) => this.focus(e, 'blur'));
    for (const type of WINDOW_EVENTS) win.addEventListener(type, (e) => this.windowEvent(doc, e));
  }

  /**
   * Run a binding's value on `el`: JS commands (which may push) or an event name. The payload
   * gets the element's dj-value-*; dj-confirm may cancel.
   */
  fire(el: Element, attr: string, kind: string, payload: Record<string, unknown> = {}): boolean {
    const value = el.getAttribute(attr);
    if (!value) return false;
    const question = el.getAttribute('dj-confirm');
    if (question !== null && !el.ownerDocument.defaultView!.confirm(question)) return true;
    const commands = parseCommands(value);
    if (commands) {
      // A push command sends as this binding would: its kind, its payload, plus the command's value.
      const ctx: CommandContext = {
        clock: this.host.clock,
        push: (origin, event, extra, target) => this.send(origin, event, { ...payload, ...extra }, kind, target),
      };
      runCommands(commands, el, ctx);
    } else {
      this.send(el, value, payload, kind, el.getAttribute('dj-target'));
    }
    return true;
  }

  private send(el: Element, name: string, payload: Record<string, unknown>, kind: string, target?: string | null): void {
    const view = this.host.viewOf(el, target);
    if (!view) return;
    rateLimit(el, kind, this.host.clock, () => void view.push(name, { ...bindingValues(el), ...payload }, el, kind));
  }

  private click(e: Event): void {
    const el = (e.target as Element).closest?.('[dj-click]');
    if (el && this.fire(el, 'dj-click', 'click')) e.preventDefault();
  }

  private submit(e: SubmitEvent): void {
    const form = e.target as HTMLFormElement;
    if (!form.hasAttribute('dj-submit')) return;
    e.preventDefault();
    // A debounced change still waiting must not arrive after the submit it preceded.
    for (const field of form.elements) {
      flush(field, 'input');
      flush(field, 'change');
    }
    this.fire(form, 'dj-submit', 'submit', { form: serializeForm(form, e.submitter) });
  }

  private field(e: Event, kind: 'input' | 'change'): void {
    const field = e.target as Field;
    const attr = `dj-${kind}`;
    const bound = field.hasAttribute?.(attr) ? field : field.form?.hasAttribute(attr) ? field.form : null;
    if (field.form?.id) this.host.viewOf(field)?.edited.add(field.form.id);
    if (!bound) return;
    if (kind === 'change') {
      const state = fieldState(field);
      if (changeSent.get(field) === state) return;
      changeSent.set(field, state);
    }
    // The field is what is rate-limited (its own dj-debounce), whoever carries the binding.
    const value = bound.getAttribute(attr)!;
    const view = this.host.viewOf(bound, bound.getAttribute('dj-target'));
    if (!view) return;
    const payload = { ...bindingValues(bound), ...fieldPayload(field) };
    rateLimit(field, kind, this.host.clock, () => void view.push(value, payload, field, kind));
  }

  private key(e: KeyboardEvent): void {
    const attr = `dj-${e.type}`;
    const el = (e.target as Element).closest?.(`[${attr}]`);
    if (el && keyMatches(el, e.key)) this.fire(el, attr, e.type, { key: e.key });
  }

  private focus(e: Event, kind: 'focus' | 'blur'): void {
    const el = e.target as Element;
    if (!el.hasAttribute?.(`dj-${kind}`)) return;
    this.fire(el, `dj-${kind}`, kind, 'value' in el ? { value: (el as HTMLInputElement).value } : {});
  }

  private windowEvent(doc: Document, e: Event): void {
    const attr = `dj-window-${e.type}`;
    const key = (e as KeyboardEvent).key;
    for (const el of doc.querySelectorAll(`[${attr}]`)) {
      if (key !== undefined && !keyMatches(el, key)) continue;
      this.fire(el, attr, e.type, key !== undefined ? { key } : {});
    }
  }
}
