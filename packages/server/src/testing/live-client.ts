/**
 * A LiveView client for tests, in the spirit of Phoenix's LiveViewTest: it loads the page
 * over HTTP (keeping the session cookie), opens one real WebSocket on the path the page names,
 * joins the page's views on it (the root and each nested one, by container id) with their
 * tokens, keeps each view's tree up to date, drives events by selector the way a browser
 * would, and navigates live within a live session, over the real protocol.
 */
import WebSocket from 'ws';
import type { Tree } from '@djust/protocol/tree';
import {
  ATTR,
  SOCKET_PATH,
  T,
  decodeServerMessage,
  encode,
  unansweredRefs,
  type ClientMessage,
  type Exchange,
  type FormData,
  type ServerMessage,
  type ViewId,
} from '@djust/protocol';
import { root } from './dom.js';
import { ViewClient } from './view-client.js';

export interface ConnectOptions {
  /** The Origin header sent with the upgrade (default: the app's own). */
  origin?: string;
  /** Give up waiting for a reply after this long (default 5 s). */
  timeoutMs?: number;
  /** Forms sent with the join, by form id, as a browser does on reconnect. */
  forms?: Record<string, FormData>;
  /** A `Cookie` header to load the page with, e.g. a signed-in session's (`djust_session=...`). */
  cookie?: string;
}

type Waiter = { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

/** A view container in the page: its id (the view's `v`), token, and the view it is nested in. */
interface PageView {
  v: ViewId;
  /** Undefined for a view joined by a live-session claim. */
  token: string | undefined;
  parent: string | undefined;
  /** The URL it joins with, when not the page's (a view joined from another page). */
  path?: string;
}

/** A page's views (the root first), the socket path it names, and the root's live-session claim. */
interface Page {
  views: PageView[];
  socket: string;
  nav: string | undefined;
}

/** The page's view containers, in document order, and the root's live-session claim. */
function pageViews(html: string): Page {
  const containers = root(html).querySelectorAll(`[${ATTR.TOKEN}]`);
  if (!containers.length) throw new Error('not a live page');
  const views = containers.map((el) => ({ v: el.getAttribute('id') ?? '', token: el.getAttribute(ATTR.TOKEN) ?? '', parent: el.getAttribute(ATTR.PARENT) }));
  const first = containers[0]!;
  return { views, socket: first.getAttribute(ATTR.SOCKET) ?? SOCKET_PATH, nav: first.getAttribute(ATTR.NAV) };
}

export class LiveClient {
  /** Everything the server sent, in order. */
  readonly received: ServerMessage[] = [];
  /** Every frame both ways, in the order this client saw them (for `checkAnswers`). */
  readonly conversation: Exchange[] = [];
  /** pushEvent calls, in order, from every view. */
  readonly pushed: { name: string; payload: Record<string, unknown> }[] = [];
  readonly errors: Extract<ServerMessage, { t: 'error' }>[] = [];
  readonly redirects: { to: string; kind: string; v?: ViewId; nav?: string }[] = [];
  closeCode: number | undefined;
  /** The root view: the page's outermost container, then the view each live navigation joins. */
  root: ViewClient;
  /** The live-session claim for navigating live (the page's, then a navigate redirect's). */
  nav: string | undefined;
  private readonly views = new Map<ViewId, ViewClient>();
  private ref = 0;
  private navigations = 0;
  private waiters: Waiter[] = [];
  private readonly closed: Promise<number>;

  private constructor(
    readonly ws: WebSocket,
    readonly base: string,
    path: string,
    readonly cookie: string,
    /** The page's views: the root first, then the nested ones. */
    private readonly page: Page,
    private readonly timeoutMs: number,
  ) {
    const [first, ...rest] = page.views;
    this.root = this.viewClient(first?.v ?? 'dj-root', path, first?.token);
    for (const p of rest) this.viewClient(p.v, p.path ?? path, p.token);
    this.nav = page.nav;
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve((this.closeCode = code))));
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('close', () => {
      for (const w of this.waiters) w.reject(new Error(`socket closed (${this.closeCode})`));
      this.waiters = [];
    });
  }

  private viewClient(v: ViewId, path: string, token: string | undefined): ViewClient {
    const view = new ViewClient(
      { nextRef: () => this.nextRef(), request: (m) => this.request(m), pushed: (name, payload) => this.pushed.push({ name, payload }) },
      v,
      path,
      token,
    );
    this.views.set(v, view);
    return view;
  }

  /** GETs the page, then joins its views (the root, then each nested one). Rejects when a join fails. */
  static async connect(base: string, path: string, options: ConnectOptions = {}): Promise<LiveClient> {
    const client = await LiveClient.open(base, path, options);
    await client.joinAll(options.forms);
    return client;
  }

  /** A view joined (or to be joined) on this socket, by its container's id. */
  view(v: ViewId): ViewClient {
    const view = this.views.get(v);
    if (!view) throw new Error(`no view ${v} on this page`);
    return view;
  }

  /**
   * Loads another page with this client's cookie and joins its root view on this socket as
   * view `v`, next to the views already there (as a page with sibling views would).
   */
  async joinPage(path: string, v: ViewId): Promise<ViewClient> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookie }, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    const [first] = pageViews(await res.text()).views;
    const view = this.viewClient(v, path, first!.token);
    await view.join();
    return view;
  }

  /** The root view's tree, path, token and title. */
  get tree(): Tree | null {
    return this.root.tree;
  }
  get path(): string {
    return this.root.path;
  }
  get token(): string {
    return this.root.token ?? '';
  }
  get title(): string | undefined {
    return this.root.title;
  }

  /** Joins the root view with its token and path. Rejects when the join fails. */
  join(forms?: Record<string, FormData>): Promise<ServerMessage> {
    return this.root.join({ forms });
  }

  /** Joins the root (with `forms`; by the live-session claim if it came by one), then every other view. */
  private async joinAll(forms?: Record<string, FormData>): Promise<void> {
    await this.root.join({ forms, ...(this.root.token === undefined ? { nav: this.nav } : {}) });
    for (const view of this.views.values()) if (view !== this.root) await view.join();
  }

  /**
   * What a browser does after losing its socket: a new socket with the same cookie, every view
   * joined again with its latest token (the root by the live-session claim when a live
   * navigation brought it) and URL, the root sending back the forms being edited.
   */
  async reconnect(forms?: Record<string, FormData>): Promise<LiveClient> {
    await this.close();
    const joined = [this.root, ...[...this.views.values()].filter((view) => view !== this.root && view.tree !== null)];
    const views = joined.map((view) => ({ v: view.v, token: view.token, parent: undefined, path: view.path }));
    const client = await LiveClient.socket(this.base, this.path, this.cookie, { views, socket: this.page.socket, nav: this.nav }, { timeoutMs: this.timeoutMs });
    await client.joinAll(forms);
    return client;
  }

  /**
   * Live navigation, as the browser does on a dj-navigate link or a navigate redirect: joins
   * `url`'s view on this socket with the live-session claim, then leaves the old root view. The
   * new view becomes the root. Any other answer (a `redirect` when the URL is outside the live
   * session, an error) is returned, and the old view stays.
   */
  async navigate(url: string, nav = this.nav): Promise<ServerMessage> {
    if (nav === undefined) throw new Error('this page is in no live session');
    const next = this.viewClient(`${this.root.v}-nav${++this.navigations}`, url, undefined);
    const answer = await this.request({ t: T.JOIN, ref: this.nextRef(), v: next.v, url, nav });
    if (answer.t !== T.RENDERED) {
      this.views.delete(next.v);
      return answer;
    }
    const old = this.root;
    this.root = next;
    // The new view's token (for a reconnect) and a fresh claim come with its container attributes.
    next.token = answer.attrs?.[ATTR.TOKEN];
    this.nav = answer.attrs?.[ATTR.NAV] ?? nav;
    await old.leave();
    this.views.delete(old.v);
    return answer;
  }

  /** GETs the page and opens the socket without joining (for tests of bad joins). */
  static async open(base: string, path: string, options: ConnectOptions = {}): Promise<LiveClient> {
    const res = await fetch(base + path, { redirect: 'manual', headers: options.cookie ? { cookie: options.cookie } : {} });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    // A page sets a cookie only for a new session: else the one given is the one in use.
    const set = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const cookie = set || options.cookie || '';
    const html = await res.text();
    let page: Page;
    try {
      page = pageViews(html);
    } catch {
      throw new Error(`${path} is not a live page`);
    }
    return LiveClient.socket(base, path, cookie, page, options);
  }

  /** Opens the WebSocket for a page already loaded, on the path the page names. */
  private static async socket(base: string, path: string, cookie: string, page: Page, options: ConnectOptions): Promise<LiveClient> {
    const ws = new WebSocket(base.replace(/^http/, 'ws') + page.socket, { headers: { cookie, origin: options.origin ?? base } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, r) => reject(new Error(`upgrade refused: ${r.statusCode}`)));
    });
    return new LiveClient(ws, base, path, cookie, page, options.timeoutMs ?? 5000);
  }

  nextRef(): number {
    return ++this.ref;
  }

  private onMessage(frame: string): void {
    const msg = decodeServerMessage(frame);
    if (!msg) return;
    this.received.push(msg);
    this.conversation.push({ from: 'server', msg });
    this.apply(msg);
    const waiter = this.waiters.find((w) => w.match(msg));
    if (waiter) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(msg);
    }
  }

  private apply(msg: ServerMessage): void {
    const v = 'v' in msg ? msg.v : undefined;
    if (v !== undefined) this.views.get(v)?.apply(msg);
    if (msg.t === T.ERROR) this.errors.push(msg);
    if (msg.t === T.REDIRECT) this.redirects.push({ to: msg.to, kind: msg.kind, ...(v === undefined ? {} : { v }), ...(msg.nav ? { nav: msg.nav } : {}) });
  }

  /** Waits for the first message (from now on) that matches. */
  waitFor(match: (m: ServerMessage) => boolean, what = 'a message'): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`timed out waiting for ${what}`));
      }, this.timeoutMs);
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  /** Resolves once `check()` holds, testing again after every message from the server. */
  async until(check: () => boolean, what = 'the condition'): Promise<void> {
    while (!check()) await this.waitFor(() => true, what);
  }

  /** Resolves once every message sent with a ref has had its answer. */
  answered(): Promise<void> {
    return this.until(() => unansweredRefs(this.conversation).length === 0, 'an answer to every ref');
  }

  /** Resolves once the root view's HTML matches. */
  untilHtml(pattern: RegExp): Promise<void> {
    return this.until(() => !!this.tree && pattern.test(this.html()), `HTML matching ${pattern}`);
  }

  /** The next server push (a diff not answering any event), for any view. */
  nextPush(): Promise<ServerMessage> {
    return this.waitFor((m) => m.t === T.DIFF, 'a server push');
  }

  /** Sends a message and waits for the reply with its ref. */
  request(msg: ClientMessage): Promise<ServerMessage> {
    const wait = this.waitFor((m) => 'ref' in m && m.ref === msg.ref, `the reply to ${msg.t} #${msg.ref}`);
    this.sendRaw(encode(msg));
    return wait;
  }

  /** Sends raw text as a frame (for bad-input tests). */
  sendRaw(frame: string | Buffer): void {
    if (typeof frame === 'string') this.conversation.push({ from: 'client', frame });
    this.ws.send(frame);
  }

  /** The root view's current HTML. */
  html(): string {
    return this.root.html();
  }

  /** The root view's event, click, submit, change and live link (see ViewClient). */
  event(name: string, payload: Record<string, unknown> = {}): Promise<ServerMessage> {
    return this.root.event(name, payload);
  }
  click(selector: string): Promise<ServerMessage> {
    return this.root.click(selector);
  }
  submit(selector: string, fields: FormData = {}): Promise<ServerMessage> {
    return this.root.submit(selector, fields);
  }
  change(selector: string, fields: FormData): Promise<ServerMessage> {
    return this.root.change(selector, fields);
  }
  patch(url: string): Promise<ServerMessage> {
    return this.root.patch(url);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }

  /** Resolves with the close code once the server closes the socket; rejects after the timeout. */
  whenClosed(): Promise<number> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out waiting for the server to close the socket')), this.timeoutMs);
    });
    return Promise.race([this.closed, timeout]).finally(() => clearTimeout(timer));
  }
}
