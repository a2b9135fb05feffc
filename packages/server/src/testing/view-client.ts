/**
 * One view joined on a test client's socket (`v`): its tree kept up to date from the answers and
 * pushes about it, and the browser's ways of driving it (events by selector, live links, leave).
 */
import { applyDiff, joinTree, type Tree } from '@djust/protocol/tree';
import { T, type ClientMessage, type Effect, type FormData, type ServerMessage, type ViewId } from '@djust/protocol';
import { find, formData, values } from './dom.js';

/** What a view needs from the socket it is joined on. */
export interface ViewSocket {
  nextRef(): number;
  request(msg: ClientMessage): Promise<ServerMessage>;
  /** A pushEvent effect, recorded socket-wide. */
  pushed(name: string, payload: Record<string, unknown>): void;
}

export class ViewClient {
  tree: Tree | null = null;
  /** The view's URL as the client sees it (pushPatch changes it). */
  path: string;
  title: string | undefined;

  constructor(
    private readonly socket: ViewSocket,
    readonly v: ViewId,
    path: string,
    /** The join token: the page's, then the one each patch brings for its new URL; undefined for a view joined by a live-session claim. */
    public token: string | undefined,
  ) {
    this.path = path;
  }

  /** Joins with the token (or the live-session claim `nav`), sending back forms being edited. */
  async join(options: { forms?: Record<string, FormData>; nav?: string } = {}): Promise<ServerMessage> {
    const credential = options.nav !== undefined ? { nav: options.nav } : { token: this.token ?? '' };
    const reply = await this.socket.request({ t: T.JOIN, ref: this.socket.nextRef(), v: this.v, url: this.path, ...credential, ...(options.forms ? { forms: options.forms } : {}) });
    if (reply.t === T.ERROR) throw new Error(`join of ${this.v} failed: ${reply.code}: ${reply.message}`);
    return reply;
  }

  /** Leaves the view: the server ends it and answers with a reply. */
  leave(): Promise<ServerMessage> {
    return this.socket.request({ t: T.LEAVE, ref: this.socket.nextRef(), v: this.v });
  }

  /** Takes in a server message about this view. */
  apply(msg: ServerMessage): void {
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
    }
  }

  private applyEffects(effects: Effect[] | undefined): void {
    for (const e of effects ?? []) {
      if ('push' in e) this.socket.pushed(e.push, e.payload);
      else if ('patch' in e) {
        this.path = e.patch;
        this.token = e.token;
      } else if ('title' in e) this.title = e.title;
    }
  }

  /** The view's current HTML, rebuilt from the tree exactly as the browser client does. */
  html(): string {
    if (!this.tree) throw new Error(`${this.v} is not joined`);
    return joinTree(this.tree);
  }

  /** Sends an event by name (what a dj-click="name" would send). */
  event(name: string, payload: Record<string, unknown> = {}): Promise<ServerMessage> {
    return this.socket.request({ t: T.EVENT, ref: this.socket.nextRef(), v: this.v, name, payload });
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
    return this.socket.request({ t: T.PATCH, ref: this.socket.nextRef(), v: this.v, url });
  }
}
