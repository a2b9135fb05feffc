/**
 * JS commands: DOM changes a binding makes without a round trip. A binding whose value is a
 * JSON list runs its commands in order, e.g.
 *   dj-click='[["toggle",{"to":"#menu"}],["push",{"event":"opened"}]]'
 * `to` is a CSS selector (default: the bound element). What show, hide, toggle, add_class and
 * remove_class change is remembered per element and re-applied whenever a patch rewrites that
 * element, so the server's next render does not undo it.
 */
import type { Clock } from './clock.js';

export type Command = [string, Record<string, unknown>];

/** What a command needs from the client: pushing an event to the view of an element. */
export interface CommandContext {
  clock: Clock;
  push(el: Element, event: string, payload: Record<string, unknown>, target?: string): void;
}

interface Sticky {
  add: Set<string>;
  remove: Set<string>;
  display?: string;
}

const sticky = new WeakMap<Element, Sticky>();

/** The commands of a binding value, or null when it is a plain event name. */
export function parseCommands(value: string): Command[] | null {
  if (!value.startsWith('[')) return null;
  const list = JSON.parse(value) as unknown;
  return Array.isArray(list) ? (list as Command[]) : null;
}

function stateOf(el: Element): Sticky {
  let s = sticky.get(el);
  if (!s) sticky.set(el, (s = { add: new Set(), remove: new Set() }));
  return s;
}

function targets(el: Element, args: Record<string, unknown>): HTMLElement[] {
  const to = args.to;
  return (typeof to === 'string' ? [...el.ownerDocument.querySelectorAll(to)] : [el]) as HTMLElement[];
}

const names = (args: Record<string, unknown>): string[] => String(args.names ?? args.class ?? '').split(/\s+/).filter(Boolean);

function setDisplay(el: HTMLElement, display: string): void {
  el.style.display = display;
  stateOf(el).display = display;
}

function classes(el: HTMLElement, add: string[], remove: string[]): void {
  const s = stateOf(el);
  for (const c of add) {
    el.classList.add(c);
    s.add.add(c);
    s.remove.delete(c);
  }
  for (const c of remove) {
    el.classList.remove(c);
    s.remove.add(c);
    s.add.delete(c);
  }
}

/** Hide an element as the hide command does: it stays hidden through patches. */
export const hide = (el: HTMLElement): void => setDisplay(el, 'none');

const isHidden = (el: HTMLElement): boolean => el.style.display === 'none' || el.hidden;

const COMMANDS: Record<string, (el: HTMLElement, args: Record<string, unknown>, ctx: CommandContext, origin: Element) => void> = {
  show: (el, a) => setDisplay(el, String(a.display ?? '')),
  hide,
  toggle: (el, a) => setDisplay(el, isHidden(el) ? String(a.display ?? '') : 'none'),
  add_class: (el, a) => classes(el, names(a), []),
  remove_class: (el, a) => classes(el, [], names(a)),
  // A transition's classes are temporary by nature: applied, then removed after `time` ms.
  transition: (el, a, ctx) => {
    const list = names(a);
    el.classList.add(...list);
    ctx.clock.setTimeout(() => el.classList.remove(...list), Number(a.time ?? 200));
  },
  focus: (el) => el.focus(),
  dispatch: (el, a) => {
    const Custom = el.ownerDocument.defaultView!.CustomEvent;
    el.dispatchEvent(new Custom(String(a.event), { bubbles: true, detail: a.detail ?? {} }));
  },
};

export function runCommands(commands: Command[], origin: Element, ctx: CommandContext): void {
  for (const [name, args = {}] of commands) {
    if (name === 'push') {
      const value = (args.value ?? {}) as Record<string, unknown>;
      ctx.push(origin, String(args.event), value, typeof args.target === 'string' ? args.target : undefined);
      continue;
    }
    const run = COMMANDS[name];
    if (!run) throw new Error(`djust: unknown JS command ${JSON.stringify(name)}`);
    for (const el of targets(origin, args)) run(el, args, ctx, origin);
  }
}

/** Re-apply what commands did to `from` onto the incoming version `to` of that element. */
export function keepCommandState(from: Element, to: Element): void {
  const s = sticky.get(from);
  if (!s) return;
  for (const c of s.add) to.classList.add(c);
  for (const c of s.remove) to.classList.remove(c);
  if (s.display !== undefined) (to as HTMLElement).style.display = s.display;
}
