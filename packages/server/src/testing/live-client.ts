/**
 * A LiveView client for tests, in the spirit of Phoenix's LiveViewTest: it loads the page
 * over HTTP (keeping the session cookie), joins over a real WebSocket with the page's token,
 * keeps the rendered tree up to date from the server's diffs, and drives events by selector
 * the way a browser would, over the real protocol.
 */
import WebSocket from 'ws';
import { applyDiff, joinTree, type Tree } from '@djust/protocol/tree';
import {
  ATTR,
  SOCKET_PATH,
  T,
  decodeServerMessage,
  encode,
  unansweredRefs,
  type ClientMessage,
  type Effect,
  type Exchange,
  type FormData,
  type ServerMessage,
} from '@djust/protocol';
import { find, formData, root, values } from './dom.js';

export interface ConnectOptions {
  /** The Origin header sent with the upgrade (default: the app's own). */
  origin?: string;
  /** Give up waiting for a reply after this long (default 5 s). */
  timeoutMs?: number;
  /** Forms sent with the join, by form id, as a browser does on reconnect. */
  forms?: Record<string, FormData>;
}

type Waiter = { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

export class LiveClient {
  tree: Tree | null = null;
  /** Everything the server sent, in order. */
  readonly received: ServerMessage[] = [];
  /** Every frame both ways, in the order this client saw them (for `checkAnswers`). */
  readonly conversation: Exchange[] = [];
  /** pushEvent calls, in order. */
  readonly pushed: { name: string; payload: Record<string, unknown> }[] = [];
  readonly errors: Extract<ServerMessage, { t: 'error' }>[] = [];
  readonly redirects: { to: string; kind: string }[] = [];
  /** The page's URL as the client sees it (pushPatch changes it). */
  path: string;
  title: string | undefined;
  closeCode: number | undefined;
  private ref = 0;
  private waiters: Waiter[] = [];
  private readonly closed: Promise<number>;

  private constructor(
    readonly ws: WebSocket,
    readonly base: string,
    path: string,
    readonly cookie: string,
    /** The join token: the page's, then the one each patch brings for its new URL. */
    public token: string,
    private readonly timeoutMs: number,
  ) {
    this.path = path;
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve((this.closeCode = code))));
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('close', () => {
      for (const w of this.waiters) w.reject(new Error(`socket closed (${this.closeCode})`));
      this.waiters = [];
    });
  }

  /** GETs the page, then joins its view. Rejects when the join fails. */
  static async connect(base: string, path: string, options: ConnectOptions = {}): Promise<LiveClient> {
    const client = await LiveClient.open(base, path, options);
    await client.join(options.forms);
    return client;
  }

  /** Joins the view with this client's token and path. Rejects when the join fails. */
  async join(forms?: Record<string, FormData>): Promise<ServerMessage> {
    const reply = await this.request({ t: T.JOIN, ref: this.nextRef(), token: this.token, url: this.path, ...(forms ? { forms } : {}) });
    if (reply.t === T.ERROR) throw new Error(`join failed: ${reply.code}: ${reply.message}`);
    return reply;
  }

  /**
   * What a browser does after losing its socket: a new socket with the same cookie, joined with
   * the latest token and URL, sending back the forms being edited.
   */
  async reconnect(forms?: Record<string, FormData>): Promise<LiveClient> {
    await this.close();
    const client = await LiveClient.socket(this.base, this.path, this.cookie, this.token, { timeoutMs: this.timeoutMs });
    await client.join(forms);
    return client;
  }

  /** GETs the page and opens the socket without joining (for tests of bad joins). */
  static async open(base: string, path: string, options: ConnectOptions = {}): Promise<LiveClient> {
    const res = await fetch(base + path, { redirect: 'manual' });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const html = await res.text();
    const container = root(html).querySelector(`[${ATTR.TOKEN}]`);
    if (!container) throw new Error(`${path} is not a live page`);
    return LiveClient.socket(base, path, cookie, container.getAttribute(ATTR.TOKEN)!, options);
  }

  /** Opens the WebSocket for a page already loaded. */
  private static async socket(base: string, path: string, cookie: string, token: string, options: ConnectOptions): Promise<LiveClient> {
    const ws = new WebSocket(base.replace(/^http/, 'ws') + SOCKET_PATH, { headers: { cookie, origin: options.origin ?? base } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, r) => reject(new Error(`upgrade refused: ${r.statusCode}`)));
    });
    return new LiveClient(ws, base, path, cookie, token, options.timeoutMs ?? 5000);
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

  private applyEffects(effects: Effect[] | undefined): void {
    for (const e of effects ?? []) {
      if ('push' in e) this.pushed.push({ name: e.push, payload: e.payload });
      else if ('patch' in e) {
        this.path = e.patch;
        this.token = e.token;
      }
      else if ('title' in e) this.title = e.title;
    }
  }

  private apply(msg: ServerMessage): void {
    switch (msg.t) {
      case T.RENDERED:
        this.tree = msg.tree;
        this.applyEffects(msg.effects);
        break;
      case T.REPLY:
      case T.DIFF:
        if (msg.diff) this.tree = applyDiff(this.tree, msg.diff);
        this.applyEffects(msg.effects);
        break;
      case T.ERROR:
        this.errors.push(msg);
        break;
      case T.REDIRECT:
        this.redirects.push({ to: msg.to, kind: msg.kind });
        break;
    }
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

  /** Resolves once the HTML matches. */
  untilHtml(pattern: RegExp): Promise<void> {
    return this.until(() => !!this.tree && pattern.test(this.html()), `HTML matching ${pattern}`);
  }

  /** The next server push (a diff not answering any event). */
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

  /** The view's current HTML, rebuilt from the tree exactly as the browser client does. */
  html(): string {
    if (!this.tree) throw new Error('not joined');
    return joinTree(this.tree);
  }

  /** Sends an event by name (what a dj-click="name" would send). */
  async event(name: string, payload: Record<string, unknown> = {}): Promise<ServerMessage> {
    return this.request({ t: T.EVENT, ref: this.nextRef(), name, payload });
  }

  /** Clicks the element: its dj-click event with its dj-value-* values. */
  click(selector: string): Promise<ServerMessage> {
    const el = find(this.html(), selector);
    const name = el.getAttribute('dj-click');
    if (!name) throw new Error(`${selector} has no dj-click`);
    return this.event(name, values(el));
  }

  /** Submits the form: its dj-submit event with the form's fields (plus `fields` typed in). */
  submit(selector: string, fields: FormData = {}): Promise<ServerMessage> {
    const form = find(this.html(), selector);
    const name = form.getAttribute('dj-submit');
    if (!name) throw new Error(`${selector} has no dj-submit`);
    return this.event(name, { ...values(form), form: formData(form, fields) });
  }

  /** Changes a form: its dj-change event with the fields, `_target` naming the first changed one. */
  change(selector: string, fields: FormData): Promise<ServerMessage> {
    const form = find(this.html(), selector);
    const name = form.getAttribute('dj-change');
    if (!name) throw new Error(`${selector} has no dj-change`);
    return this.event(name, { ...values(form), form: formData(form, fields), _target: Object.keys(fields)[0] ?? null });
  }

  /** Follows a live link (dj-patch) to another URL of the same view. */
  patch(url: string): Promise<ServerMessage> {
    return this.request({ t: T.PATCH, ref: this.nextRef(), url });
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
