/** Reading the rendered HTML as a browser would, for the test client: elements, bindings, forms. */
import { parse, type HTMLElement } from 'node-html-parser';
import type { FormData } from '@djust/protocol';

export function root(html: string): HTMLElement {
  return parse(html, { comment: false });
}

export function find(html: string, selector: string): HTMLElement {
  const el = root(html).querySelector(selector);
  if (!el) throw new Error(`No element matches ${selector}`);
  return el;
}

/** The dj-value-* attributes of an element, as Phoenix's phx-value-*. */
export function values(el: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(el.attributes)) if (k.startsWith('dj-value-')) out[k.slice('dj-value-'.length)] = v;
  return out;
}

/** A form's fields as a browser would submit them, with `overrides` typed in on top. */
export function formData(form: HTMLElement, overrides: FormData = {}): FormData {
  const out: FormData = {};
  const add = (name: string, value: string): void => {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  };
  for (const el of form.querySelectorAll('input[name], select[name], textarea[name]')) {
    const name = el.getAttribute('name')!;
    const tag = el.tagName.toLowerCase();
    if (el.hasAttribute('disabled')) continue;
    if (tag === 'select') {
      const chosen = el.querySelectorAll('option').filter((o) => o.hasAttribute('selected'));
      const first = el.querySelector('option');
      for (const o of chosen.length ? chosen : first ? [first] : []) add(name, o.getAttribute('value') ?? o.text);
    } else if (tag === 'textarea') {
      add(name, el.text);
    } else {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if ((type === 'checkbox' || type === 'radio') && !el.hasAttribute('checked')) continue;
      if (type === 'submit' || type === 'button' || type === 'file') continue;
      add(name, el.getAttribute('value') ?? (type === 'checkbox' ? 'on' : ''));
    }
  }
  return { ...out, ...overrides };
}
