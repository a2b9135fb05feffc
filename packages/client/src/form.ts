/**
 * Form values exactly as the browser would submit them: disabled fields and unchecked boxes
 * left out, every selected option of a multiple select, the submitter's name and value, and
 * a name seen twice (checkbox groups) collected into a list.
 */
import type { FormValues } from './wire.js';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement;

// Tag names rather than instanceof: the page's constructors are not globals in every realm.
const isSelect = (el: Field): el is HTMLSelectElement => el.tagName === 'SELECT';
const isInput = (el: Field): el is HTMLInputElement => el.tagName === 'INPUT';

const SKIPPED_TYPES = new Set(['submit', 'button', 'reset', 'image', 'file']);

function add(out: FormValues, name: string, value: string): void {
  const prev = out[name];
  out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
}

/** Whether a field sits in a disabled fieldset (outside its first legend), as the browser rules. */
function inDisabledFieldset(el: Element): boolean {
  for (let fs = el.parentElement?.closest('fieldset'); fs; fs = fs.parentElement?.closest('fieldset')) {
    if ((fs as HTMLFieldSetElement).disabled && !fs.querySelector(':scope > legend')?.contains(el)) return true;
  }
  return false;
}

function fieldValues(el: Field): string[] {
  if (isSelect(el)) return [...el.options].filter((o) => o.selected && !o.disabled).map((o) => o.value);
  if (isInput(el)) {
    if (el.type === 'checkbox' || el.type === 'radio') return el.checked ? [el.value || 'on'] : [];
    if (SKIPPED_TYPES.has(el.type)) return [];
  }
  if (el.tagName === 'BUTTON') return [];
  return [el.value];
}

export function serializeForm(form: HTMLFormElement, submitter?: Element | null): FormValues {
  const out: FormValues = {};
  for (const el of [...form.elements] as Field[]) {
    if (el.tagName === 'FIELDSET' || el.tagName === 'OUTPUT' || el.tagName === 'OBJECT') continue;
    if (!el.name || el.disabled || inDisabledFieldset(el)) continue;
    if (el === submitter) {
      add(out, el.name, el.value);
      continue;
    }
    for (const value of fieldValues(el)) add(out, el.name, value);
  }
  return out;
}
