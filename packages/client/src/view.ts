/**
 * One joined view: its container, its rendered tree, the merge of each diff into that tree,
 * and the render of the result onto the page. Events go out from here with their loading state.
 */
import { applyDiff, joinTree, type Tree, type TreeDiff } from '@djust/protocol/tree';
import { ATTR, ERR } from '@djust/protocol';
import type { Effect, FormValues, Incoming } from './wire.js';
import { RequestFailed, type Socket } from './socket.js';
import { morphView, type PatchListener } from './patch.js';
import { ViewHooks, type Hook } from './hooks.js';
import { setStatus, startLoading } from './loading.js';
import { serializeForm } from './form.js';

/** What the page-wide client does for a view. */
export interface ViewHost {
  socket: Socket;
  hooks: Record<string, Hook>;
  /** A nested view container appeared or went in this view's render. */
  attach(el: Element): void;
  detach(el: Element): void;
  /** The server sent us elsewhere. */
  redirect(msg: Extract<Incoming, { t: 'redirect' }>): void;
  /** The page's token is too old or no longer accepted, or its view was not found when joined: reload once. */
  stale(view: View): void;
  /** `overtaken`: the answer to a patch the user has since moved on from (a later link or history move). */
  effect(view: View, effect: Effect, overtaken: boolean): void;
}

/** The view containers at or below `node` (a patch adds or drops whole subtrees). */
function viewContainers(node: Element): Element[] {
  const below = [...node.querySelectorAll(`[${ATTR.VIEW}]`)];
  return node.hasAttribute(ATTR.VIEW) ? [node, ...below] : below;
}

export class View {
  tree: Tree | null = null;
  joined = false;
  /**
   * Ids of forms the user changed in this view: sent back on every rejoin, not only the first,
   * since each server restart forgets them again.
   */
  readonly edited = new Set<string>();
  readonly hooks: ViewHooks;
  private readonly handlers = new Map<string, Set<(payload: Record<string, unknown>) => void>>();
  private readonly listener: PatchListener;
  /** Patches asked for so far: an answer to an older one than the last is overtaken. */
  private patches = 0;

  constructor(
    readonly el: HTMLElement,
    private readonly host: ViewHost,
    public token: string | undefined = el.dataset.djToken,
    public nav?: string,
  ) {
    this.hooks = new ViewHooks(host.hooks, {
      pushEvent: (from, name, payload) => this.push(name, payload, from, 'hook'),
      handleEvent: (name, cb) => this.on(name, cb),
    });
    this.listener = {
      added: (node) => viewContainers(node).forEach((c) => host.attach(c)),
      beforeUpdate: (node) => this.hooks.call(node, 'beforeUpdate'),
      updated: (node) => this.hooks.call(node, 'updated'),
      discarded: (node) => {
        this.hooks.destroy(node);
        viewContainers(node).forEach((c) => host.detach(c));
      },
    };
  }

  get id(): string {
    return this.el.id;
  }

  /** Join (or rejoin after a reconnect, sending back every form being edited). */
  async join(url: string): Promise<void> {
    setStatus(this.el, 'loading');
    const forms = this.editedForms();
    const claim = this.nav && !this.token ? { nav: this.nav } : { token: this.token };
    let answer: Incoming;
    try {
      answer = await this.host.socket.request({ t: 'join', v: this.id, url, ...claim, ...(forms ? { forms } : {}) });
    } catch (err) {
      return this.failed(err); // closed: the reconnect joins again; a timeout shows
    }
    // Sent to the very URL it joined (its view was not found): a reload, which the stale-page
    // guard allows once a minute, so a page found over HTTP but not when joined cannot loop.
    if (answer.t === 'redirect' && answer.kind === 'redirect' && answer.to === url) return this.host.stale(this);
    this.answered(answer);
  }

  private editedForms(): Record<string, FormValues> | undefined {
    const forms: Record<string, FormValues> = {};
    for (const id of this.edited) {
      const form = this.el.ownerDocument.getElementById(id);
      if (form?.tagName === 'FORM' && this.el.contains(form)) forms[id] = serializeForm(form as HTMLFormElement);
    }
    return Object.keys(forms).length ? forms : undefined;
  }

  leave(): Promise<unknown> {
    this.joined = false;
    this.hooks.each('destroyed');
    return this.host.socket.request({ t: 'leave', v: this.id }).catch(() => undefined);
  }

  /** Send an event; resolves with the answer once its diff is on the page. */
  async push(name: string, payload: Record<string, unknown>, from: Element = this.el, kind = 'click'): Promise<Incoming | undefined> {
    const done = startLoading(this.el, from, kind);
    try {
      const answer = await this.host.socket.request({ t: 'event', v: this.id, name, payload }, true);
      this.answered(answer);
      return answer;
    } catch (err) {
      this.failed(err);
      return undefined;
    } finally {
      done();
    }
  }

  /** A dj-patch link or history move within this view. */
  async patch(url: string): Promise<void> {
    const seq = ++this.patches;
    try {
      const answer = await this.host.socket.request({ t: 'patch', v: this.id, url }, true);
      this.answered(answer, seq !== this.patches);
    } catch (err) {
      this.failed(err);
    }
  }

  /** Subscribe to a server push (`pushEvent` on the server); returns the unsubscribe. */
  on(name: string, cb: (payload: Record<string, unknown>) => void): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(cb);
    return () => set.delete(cb);
  }

  /** Deliver a server push to this view's handlers. */
  emit(name: string, payload: Record<string, unknown>): void {
    for (const cb of this.handlers.get(name) ?? []) cb(payload);
  }

  /** Answers and pushes alike: rendered, reply, diff, error, redirect. */
  answered(msg: Incoming, overtaken = false): void {
    switch (msg.t) {
      case 'rendered':
        this.joined = true;
        this.tree = null;
        if (msg.attrs) this.adopt(msg.attrs);
        return this.update(msg.tree, msg.effects);
      case 'reply':
      case 'diff':
        return this.update(msg.diff, msg.effects, overtaken);
      case 'redirect':
        return this.host.redirect(msg);
      case 'error':
        // Only a fresh page brings a token the server accepts again.
        if (msg.code === ERR.EXPIRED_TOKEN || msg.code === ERR.BAD_TOKEN) return this.host.stale(this);
        setStatus(this.el, 'error');
    }
  }

  /**
   * A join by live-session claim names the container's attributes for the new view: they go
   * on the container, and its token replaces the spent claim for a rejoin after a reconnect.
   */
  private adopt(attrs: Record<string, string>): void {
    // Only djust's own attributes: the id is the view's `v`, which the client chose.
    for (const [name, value] of Object.entries(attrs)) if (name.startsWith('data-dj-')) this.el.setAttribute(name, value);
    const token = attrs[ATTR.TOKEN];
    if (token !== undefined) this.token = token;
    const nav = attrs[ATTR.NAV];
    if (nav !== undefined) this.nav = nav;
  }

  private failed(err: unknown): void {
    // A timeout or a refused event is shown; a closed socket shows already (the reconnect).
    if (err instanceof RequestFailed && err.reason !== 'closed') setStatus(this.el, 'error');
  }

  private update(diff: TreeDiff | undefined, effects: Effect[] = [], overtaken = false): void {
    if (diff) {
      this.tree = applyDiff(this.tree, diff);
      this.render();
    }
    if (this.joined) setStatus(this.el, 'connected');
    for (const effect of effects) this.host.effect(this, effect, overtaken);
  }

  render(): void {
    if (!this.tree) return;
    morphView(this.el, joinTree(this.tree), this.listener);
    this.hooks.mountAll(this.el);
  }
}
