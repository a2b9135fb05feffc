/**
 * The class a developer extends. A view renders its template from its public fields (not
 * `_`-prefixed, not functions) plus what `getContextData` adds; the JIT turns lazy queries and
 * entities among them into plain data. Only the event handlers the class declares can be
 * called from a browser.
 *
 *   class Counter extends LiveView {
 *     static template = 'counter.html';
 *     static events = ['increment'];
 *     count = 0;
 *     increment() { this.count++; }
 *   }
 */
import type { EntityManager } from '@mikro-orm/core';
import type { Params } from './router.js';
import type { Session } from './session.js';

/** What a mounted view can ask of the process that runs it. */
export interface ViewHost {
  readonly em: EntityManager | undefined;
  readonly connected: boolean;
  pushPatch(url: string): void;
  pushNavigate(url: string): void;
  redirect(url: string): void;
  putFlash(kind: string, text: string): void;
  pushEvent(name: string, payload: Record<string, unknown>): void;
  pageTitle(title: string): void;
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  broadcast(topic: string, message: unknown): Promise<void>;
  sendAfter(ms: number, message: unknown): () => void;
  every(ms: number, message: unknown): () => void;
}

const hosts = new WeakMap<LiveView, ViewHost>();

/** Used by the server when it mounts a view. */
export function attachHost(view: LiveView, host: ViewHost): void {
  hosts.set(view, host);
}

export type ViewClass = (new () => LiveView) & {
  /** A template name, found in the app's template folders. */
  template?: string;
  /** Or the template's source, inline. */
  templateSource?: string;
  /**
   * The block that is live when the template is a whole document (default `content` for a
   * template that extends another): the page is one document and only this block is diffed.
   */
  liveBlock?: string;
  /** The event handlers a client may call: method names of this class. */
  events?: readonly string[];
  /**
   * Form recovery on reconnect: form id → the method that gets the form back, as
   * `{ form: fields }`, between mount and the first render (`{ signup: 'validate' }`). Forms
   * not named here are ignored.
   */
  formRecovery?: Readonly<Record<string, string>>;
};

export abstract class LiveView {
  private host(): ViewHost {
    const h = hosts.get(this);
    if (!h) throw new Error(`${this.constructor.name} is not mounted`);
    return h;
  }

  /** Called on the HTTP render and again when the client joins over the WebSocket. */
  mount(_params: Params, _session: Session['data']): void | Promise<void> {}

  /** Called after mount, and whenever the URL changes by pushPatch or a live link. */
  handleParams(_params: Params, _url: URL): void | Promise<void> {}

  /** Messages from pubsub, sendAfter and every. */
  handleInfo(_message: unknown): void | Promise<void> {}

  /** The view is going away (the connection closed, or it navigated elsewhere). */
  terminate(_reason: string): void {}

  /** Extra template context besides the public fields (computed values, lazy queries). */
  getContextData(): Record<string, unknown> | Promise<Record<string, unknown>> {
    return {};
  }

  /** The EntityManager of the current mount, event or render (a fresh fork each time). */
  protected get em(): EntityManager {
    const em = this.host().em;
    if (!em) throw new Error('No MikroORM instance was given to the app');
    return em;
  }

  /** Whether this instance runs over a WebSocket (false during the first HTTP render). */
  protected get connected(): boolean {
    return this.host().connected;
  }

  /** Changes the URL and calls handleParams, without remounting. */
  protected pushPatch(url: string): void {
    this.host().pushPatch(url);
  }

  /** Mounts the live view at another URL, without a page load. */
  protected pushNavigate(url: string): void {
    this.host().pushNavigate(url);
  }

  /** A full page load of another URL. */
  protected redirect(url: string): void {
    this.host().redirect(url);
  }

  /** A message shown once, available to the template as `flash.<kind>`. */
  protected putFlash(kind: string, text: string): void {
    this.host().putFlash(kind, text);
  }

  /** Sends an event to client hooks (dj-hook). */
  protected pushEvent(name: string, payload: Record<string, unknown> = {}): void {
    this.host().pushEvent(name, payload);
  }

  protected pageTitle(title: string): void {
    this.host().pageTitle(title);
  }

  protected subscribe(topic: string): Promise<void> {
    return this.host().subscribe(topic);
  }

  protected unsubscribe(topic: string): Promise<void> {
    return this.host().unsubscribe(topic);
  }

  protected broadcast(topic: string, message: unknown): Promise<void> {
    return this.host().broadcast(topic, message);
  }

  /** handleInfo(message) after `ms`; returns a cancel function. Cleared when the view ends. */
  protected sendAfter(ms: number, message: unknown): () => void {
    return this.host().sendAfter(ms, message);
  }

  /** handleInfo(message) every `ms`; returns a cancel function. Cleared when the view ends. */
  protected every(ms: number, message: unknown): () => void {
    return this.host().every(ms, message);
  }
}

const decorated = new WeakMap<object, Set<string>>();

/**
 * Marks a method as an event handler a client may call (the decorator form of
 * `static events`):  `@handler increment() { this.count++; }`
 */
export function handler<This extends LiveView, A extends unknown[], R>(
  _method: (this: This, ...args: A) => R,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => R>,
): void {
  if (typeof context.name !== 'string' || context.static || context.private) throw new Error('@handler marks public instance methods');
  const name = context.name;
  context.addInitializer(function (this: This) {
    const cls = this.constructor;
    let names = decorated.get(cls);
    if (!names) decorated.set(cls, (names = new Set()));
    names.add(name);
  });
}

/** The names a client may call on instances of this class (after one was constructed). */
export function declaredEvents(cls: ViewClass): ReadonlySet<string> {
  const names = new Set<string>();
  for (let c: unknown = cls; typeof c === 'function' && c !== LiveView; c = Object.getPrototypeOf(c)) {
    for (const n of (c as ViewClass).events ?? []) names.add(n);
    for (const n of decorated.get(c) ?? []) names.add(n);
  }
  return names;
}

/** The public fields a view renders from: own, enumerable, not `_`-prefixed, not functions. */
export function publicFields(view: LiveView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(view)) {
    if (key.startsWith('_')) continue;
    const v = (view as unknown as Record<string, unknown>)[key];
    if (typeof v !== 'function') out[key] = v;
  }
  return out;
}

type Method = (payload: Record<string, unknown>) => unknown;

/** The method `name` of a view, found without running any getter; undefined when it is no method. */
export function handlerOf(view: LiveView, name: string): Method | undefined {
  for (let o: object | null = view; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return typeof d.value === 'function' ? (d.value as Method) : undefined;
  }
  return undefined;
}

/** The method a view class names for recovering the form with this id, if any. */
export function recoveryHandler(cls: ViewClass, formId: string): string | undefined {
  const table = cls.formRecovery;
  return table && Object.hasOwn(table, formId) && typeof table[formId] === 'string' ? table[formId] : undefined;
}
