/**
 * The page-wide client: one socket, every live view on the page, and what crosses views
 * (navigation, redirects, effects, the expired-page reload).
 */
import { ATTR, SOCKET_PATH } from '@djust/protocol';
import type { Effect, Incoming } from './wire.js';
import { Socket, type SocketOptions } from './socket.js';
import { View, type ViewHost } from './view.js';
import { Bindings } from './bindings.js';
import { currentUrl, installNavigation, pushUrl, type Navigator } from './navigation.js';
import { setStatus } from './loading.js';
import { dismissFlash } from './flash.js';
import { realClock, type Clock } from './clock.js';
import type { Hook } from './hooks.js';

/** The page's window with its constructors (WebSocket, CustomEvent). */
export type Win = Window & typeof globalThis;

export interface LiveOptions extends SocketOptions {
  hooks?: Record<string, Hook>;
  /** How a full page load happens (tests observe it). */
  load?: (url: string | null) => void;
}

const RELOAD_KEY = 'djust:reloaded';
/** A second expiry within this long of the first reload means reloading does not help. */
const RELOAD_GUARD_MS = 60_000;

export class LiveSocket implements ViewHost, Navigator {
  readonly socket: Socket;
  readonly hooks: Record<string, Hook>;
  readonly views = new Map<string, View>();
  readonly clock: Clock;
  private root: View | undefined;
  private rootUrls = new Set<string>();
  private navs = 0;
  private readonly random: () => number;
  private readonly load: (url: string | null) => void;

  constructor(private readonly win: Win, options: LiveOptions = {}) {
    this.hooks = options.hooks ?? {};
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.load = options.load ?? ((url) => (url === null ? win.location.reload() : win.location.assign(url)));
    const first = win.document.querySelector<HTMLElement>('[data-dj-view]');
    const path = first?.getAttribute(ATTR.SOCKET) ?? SOCKET_PATH;
    const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new Socket(`${scheme}://${win.location.host}${path}`, { WebSocket: win.WebSocket, ...options });
    this.socket.onOpen = (reconnect) => this.opened(reconnect);
    this.socket.onClose = () => this.closed();
    this.socket.onPush = (msg) => this.pushed(msg);
  }

  private get url(): string {
    return currentUrl(this.win);
  }

  start(): void {
    for (const el of this.win.document.querySelectorAll<HTMLElement>('[data-dj-view]')) this.attach(el);
    this.rootUrls.add(this.url);
    new Bindings(this).install(this.win);
    installNavigation(this.win, this);
    this.win.document.addEventListener('click', (e) => dismissFlash(e.target as Element));
    this.socket.connect();
  }

  attach(el: Element): void {
    if (!el.id || this.views.has(el.id)) return;
    const view = new View(el as HTMLElement, this);
    this.views.set(el.id, view);
    if (!el.hasAttribute('data-dj-parent') && !this.root) this.root = view;
    view.hooks.mountAll(el);
    if (this.socket.connected) void view.join(this.url);
  }

  detach(el: Element): void {
    const view = this.views.get(el.id);
    if (!view || view.el !== el) return;
    this.views.delete(el.id);
    void view.leave();
  }

  /**
   * Drops the views nested in a root that is going away: the server ends them with their
   * parent's leave, and a later page with the same container ids must join them afresh.
   */
  private forgetNested(root: Element): void {
    for (const [id, view] of this.views) {
      if (view.el === root || !root.contains(view.el)) continue;
      this.views.delete(id);
      view.joined = false;
      view.hooks.each('destroyed');
    }
  }

  viewOf(el: Element, target?: string | null): View | undefined {
    const container = target ? this.win.document.querySelector(target) : el.closest('[data-dj-view]');
    return container ? this.views.get(container.id) : undefined;
  }

  private opened(reconnect: boolean): void {
    for (const view of this.views.values()) {
      void view.join(this.url);
      if (reconnect) view.hooks.each('reconnected');
    }
  }

  private closed(): void {
    for (const view of this.views.values()) {
      view.joined = false;
      setStatus(view.el, 'error');
      view.hooks.each('disconnected');
    }
  }

  private pushed(msg: Incoming): void {
    const v = 'v' in msg ? msg.v : undefined;
    const view = v ? this.views.get(v) : undefined;
    if (view) view.answered(msg);
    else if (msg.t === 'redirect') this.redirect(msg);
  }

  redirect(msg: Extract<Incoming, { t: 'redirect' }>): void {
    if (msg.kind === 'navigate' && msg.nav) this.navigateLive(msg.to, msg.nav, true);
    else this.load(msg.to);
  }

  /** The page is too old to join: reload once (at a jittered moment), never in a loop. */
  stale(view: View): void {
    setStatus(view.el, 'error');
    const store = this.win.sessionStorage;
    const last = store.getItem(RELOAD_KEY);
    if (last !== null && this.clock.now() - Number(last) < RELOAD_GUARD_MS) return;
    store.setItem(RELOAD_KEY, String(this.clock.now()));
    this.clock.setTimeout(() => this.load(null), 200 + this.random() * 1000);
  }

  effect(view: View, effect: Effect, overtaken: boolean): void {
    if ('push' in effect) {
      view.emit(effect.push, effect.payload);
      const Custom = this.win.CustomEvent;
      this.win.dispatchEvent(new Custom(`djust:${effect.push}`, { detail: effect.payload }));
    } else if ('patch' in effect) {
      view.token = effect.token;
      if (view === this.root) this.rootUrls.add(effect.patch);
      // A link or a history move is answered with its own URL, already in the address bar:
      // pushing it again would add an entry that back only returns to. An overtaken answer's
      // URL is one the user has left.
      if (effect.patch !== this.url && !overtaken) pushUrl(this.win, effect.patch, 'patch');
    } else if ('title' in effect) {
      this.win.document.title = effect.title;
    }
  }

  patch(url: string, from: Element | null): void {
    const view = (from && this.viewOf(from)) || this.root;
    if (view === this.root) this.rootUrls.add(url);
    void view?.patch(url);
  }

  patchedTo(url: string): boolean {
    return this.rootUrls.has(url);
  }

  navigate(url: string, push: boolean): void {
    const nav = this.root?.el.dataset.djNav;
    if (nav) void this.navigateLive(url, nav, push);
    // After a history move the address bar already shows `url`: reload rather than add an entry.
    else this.load(push ? url : null);
  }

  /**
   * Join the view at `url` with the live-session claim, then leave the old root and let the
   * new one take over the root container (its id becomes the new view's).
   */
  private async navigateLive(url: string, nav: string, push: boolean): Promise<void> {
    const old = this.root;
    if (!old) return this.load(url);
    const el = old.el.cloneNode(false) as HTMLElement;
    el.id = `${old.el.id.replace(/-n\d+$/, '')}-n${++this.navs}`;
    delete el.dataset.djToken;
    el.dataset.djNav = nav; // a redirect's fresh claim serves the next navigation too
    const next = new View(el, this, undefined, nav);
    this.views.set(el.id, next);
    const answer = await this.socket.request({ t: 'join', v: el.id, url, nav }, true).catch(() => null);
    if (!answer || answer.t !== 'rendered') {
      this.views.delete(el.id);
      return answer?.t === 'redirect' ? this.redirect(answer) : this.load(push ? url : null);
    }
    this.views.delete(old.id);
    void old.leave();
    this.forgetNested(old.el);
    old.el.replaceWith(el);
    this.root = next;
    this.rootUrls = new Set([url]);
    if (push) pushUrl(this.win, url, 'navigate');
    next.answered(answer);
  }
}
