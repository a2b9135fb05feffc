/**
 * One mounted view on a connection (or for one HTTP render): its current instance, its template,
 * the last tree sent, and the queue its operations run through. The join, events, patches,
 * pubsub messages and timers run one at a time, each with a fresh forked EntityManager, and each
 * sends what it produced (pushes first, then the one answer to its ref) before the next starts.
 */
import type { EntityManager } from '@mikro-orm/core';
import { diffTrees, type Template, type Tree } from '@djust/templates';
import { liveBlockOf, renderLiveHtml, renderLiveTree, type PageFrame } from './page.js';
import { T, ERR, errorMessage, quoted, type Effect, type ErrorCode, type FormData, type ServerMessage, type ViewId } from '@djust/protocol';
import type { AppCore, LiveMatch } from './core.js';
import { declaredEvents, handlerOf, publicFields, type LiveView, type ViewClass } from './live-view.js';
import { OperationQueue } from './operation-queue.js';
import { sameOriginUrl } from './same-origin.js';
import type { Params } from './router.js';
import type { Session } from './session.js';
import { describeThrown } from './thrown.js';
import { ViewInstance, type InstanceOwner, type Navigation } from './view-instance.js';
import { Nesting, ROOT_VIEW_ID } from './nesting.js';
import { NotFound } from './not-found.js';
import { documentValues, pageTitleOf } from './page-title.js';
import type { OperationKind } from './dev-report.js';
import { describeTemplateError, type ReloadOutcome } from './live-reload.js';

/** What a process needs from the connection it runs on. */
export interface ProcessOwner {
  /** The view's id on its socket, carried by every message about it. */
  readonly v: ViewId;
  send(msg: ServerMessage): void;
  /** Refuses a client's message: logged (counted when it repeats) and answered with an error. */
  refuse(code: ErrorCode, message: string, ref: number, event?: string): void;
  /** The view cannot go on (it failed to mount, or to render even after a remount). */
  fail(reason: string): void;
  /** A join token for a new URL of this view, so a reconnect joins where the user is. */
  tokenFor(match: LiveMatch): string;
  /** A live-session claim for navigating live to `match`, when it is in this view's live session. */
  navFor(match: LiveMatch): string | undefined;
  /** A flash put just before a live navigation, for the view joined next on this socket. */
  carryFlash(flash: Record<string, string>): void;
  /** The view has ended (sent away while mounting, or left); the connection forgets it. */
  left(process: ViewProcess): void;
}

/** A form handed back on join: the method that recovers it, and its fields. */
export type Recovery = { handler: string; form: FormData };

/** A join by live-session claim: the container's new attributes, and the route's title for the page's. */
export interface Arrival {
  attrs: Record<string, string>;
  title: string;
  /** The flash the view navigated from put on its way out (Phoenix's put_flash + push_navigate). */
  flash?: Record<string, string>;
}

/** The owner of a view rendered over HTTP, where nothing is sent: `v` is its container's id. */
export const detachedOwner = (v: ViewId): ProcessOwner => ({
  v,
  send: () => undefined,
  refuse: () => undefined,
  fail: () => undefined,
  tokenFor: () => '',
  navFor: () => undefined,
  carryFlash: () => undefined,
  left: () => undefined,
});

export class ViewProcess implements InstanceOwner {
  readonly events: ReadonlySet<string>;
  /** The template's live block (a page written the Django way), or null: the whole template is live. */
  readonly liveBlock: string | null;
  /** The template rendered; live reload swaps it for the edited one. */
  private current: Template;
  em: EntityManager | undefined;
  /** What the running operation is: a push ('info') renders without using up the flash. */
  private operationKind: OperationKind | undefined;
  url: URL;
  params: Params;
  private instance: ViewInstance;
  private lastTree: Tree | null = null;
  private readonly queue: OperationQueue;
  /** The views this one's template nests with {% live_render %}. */
  readonly nesting: Nesting;
  private ended = false;
  /** Set when the view cannot be rendered any more; the connection is closed once the answer is out. */
  private broken: string | null = null;

  constructor(
    readonly core: AppCore,
    readonly cls: ViewClass,
    template: Template,
    readonly session: Session,
    url: URL,
    params: Params,
    readonly connected: boolean,
    private readonly owner: ProcessOwner = detachedOwner(ROOT_VIEW_ID),
    queueLimit = Infinity,
  ) {
    this.current = template;
    this.liveBlock = liveBlockOf(cls, template);
    this.instance = new ViewInstance(cls, this);
    // After the first instance exists: @handler names are recorded as instances are built.
    this.events = declaredEvents(cls);
    this.url = url;
    this.params = params;
    this.queue = new OperationQueue(queueLimit);
    this.nesting = new Nesting({ parent: owner.v, http: !connected, tokenFor: (child) => core.nestToken(child, session) });
  }

  get template(): Template {
    return this.current;
  }

  get view(): LiveView {
    return this.instance.view;
  }

  private get v(): ViewId {
    return this.owner.v;
  }

  /** A navigation's message: a live one to a route of this view's live session carries a fresh claim for it. */
  private redirectTo(navigation: Navigation, ref: number | undefined): ServerMessage {
    const url = sameOriginUrl(navigation.to);
    const match = navigation.kind === 'navigate' && url ? this.core.liveMatch(url.pathname) : undefined;
    const nav = match ? this.owner.navFor(match) : undefined;
    if (nav) this.owner.carryFlash(this.instance.unshownFlash());
    return { t: T.REDIRECT, ...(ref === undefined ? {} : { ref }), v: this.v, to: navigation.to, kind: navigation.kind, ...(nav ? { nav } : {}) };
  }

  private error(code: ErrorCode, message: string, ref: number | undefined, event?: string): ServerMessage {
    return errorMessage(code, message, ref, event, this.v);
  }

  // ------------------------------------------------------------------ running operations

  /**
   * Runs `op` in its turn with a fresh EntityManager and sends what it returns. An operation
   * that throws anyway is answered with an error, so its ref still gets its one answer.
   */
  private operate(
    ref: number | undefined,
    event: string | undefined,
    op: () => Promise<ServerMessage[]>,
    bounded = true,
    kind: OperationKind = ref === undefined ? 'info' : event === undefined ? 'patch' : 'event',
  ): Promise<void> | undefined {
    const body = async (): Promise<void> => {
      if (this.ended) {
        if (ref !== undefined) this.owner.send(this.error(ERR.NOT_JOINED, 'The view has ended', ref, event));
        return;
      }
      let out: ServerMessage[];
      this.operationKind = kind;
      try {
        const label = { kind, view: this.cls.name, v: this.v, event, path: () => this.url.pathname + this.url.search };
        out = await this.core.operation(label, () => this.withEm(op));
      } catch (e) {
        this.core.warnings.error(`${this.cls.name} operation failed`, `[djust] handling a message for ${this.cls.name} failed: ${quoted(describeThrown(e), 500)}`, e);
        out = ref === undefined ? [] : [this.error(ERR.RENDER_FAILED, 'The server could not handle the message', ref, event)];
      }
      for (const m of out) this.owner.send(m);
      if (this.broken) this.owner.fail(this.broken);
    };
    const running = bounded ? this.queue.tryRun(body) : this.queue.run(body);
    return running?.catch((e: unknown) => this.core.log.error(`[djust] ${this.cls.name} could not send`, e));
  }

  /** Runs `op` with a fresh forked EntityManager as `em`. */
  private async withEm<R>(op: () => Promise<R>): Promise<R> {
    this.em = this.core.orm?.em.fork();
    try {
      return await op();
    } finally {
      this.em = undefined;
    }
  }

  /** Runs `op` in the queue for the HTTP render, where nothing is sent. */
  private runLocal<R>(op: () => Promise<R>): Promise<R> {
    return this.queue.run(() => this.withEm(op));
  }

  /**
   * mount, then handleParams unless mount already sent the visitor away (an auth guard). The
   * navigation asked for, if any: only to a path of this site, so a guard cannot be turned into
   * an open redirect; any other target fails the mount rather than show the guarded page.
   */
  private async mountInstance(): Promise<Navigation | null> {
    await this.view.mount(this.params, this.session.data);
    if (!this.instance.navigation) await this.view.handleParams(this.params, this.url);
    const navigation = this.instance.navigation;
    if (!navigation) return null;
    const url = sameOriginUrl(navigation.to);
    if (!url) throw new Error(`${this.cls.name} asked to ${navigation.kind} to ${quoted(navigation.to)} while mounting; only a path of this site is followed`);
    return { kind: navigation.kind, to: url.pathname + url.search + url.hash };
  }

  /** The HTTP render's mount; the navigation asked for, if any (the page is then not rendered). */
  async mount(): Promise<Navigation | null> {
    return this.runLocal(() => this.mountInstance());
  }

  /**
   * The HTTP render, nested views' containers marked for their HTML: framed as the page wants
   * (see page.ts) for the page's root view, or only the live part for a nested view.
   */
  async renderHtml(frame?: PageFrame): Promise<string> {
    return this.runLocal(async () => {
      const context = await this.context();
      return this.nesting.render(() => renderLiveHtml(this.template, this.liveBlock, context, frame));
    });
  }

  /**
   * The join: mount, hand back the recovered forms, render the whole tree, answer `ref` (for a
   * join by live-session claim, with the container's `attrs` and the new page's title). It is
   * the first operation, so everything the client sends meanwhile waits behind it.
   */
  async join(ref: number, forms: readonly Recovery[], arrival?: Arrival): Promise<boolean> {
    let mounted = false;
    await this.operate(
      ref,
      undefined,
      async () => {
        try {
          for (const [kind, text] of Object.entries(arrival?.flash ?? {})) this.instance.putFlash(kind, text);
          const navigation = await this.mountInstance();
          if (navigation) return await this.sendAway(navigation, ref);
          await this.recover(forms);
          const { tree, effects } = await this.renderFresh(arrival?.title);
          mounted = true;
          return [{ t: T.RENDERED, ref, v: this.v, tree, ...(effects.length ? { effects } : {}), ...(arrival ? { attrs: arrival.attrs } : {}) }];
        } catch (e) {
          if (e instanceof NotFound) return await this.notFound(ref);
          this.instance.logFailure('mount', e);
          this.broken = 'mount failed';
          return [this.error(ERR.RENDER_FAILED, `Mounting ${this.cls.name} failed`, ref)];
        }
      },
      false,
      'join',
    );
    return mounted;
  }

  /**
   * NotFound while mounting: the view ends and the client loads the URL, whose HTTP render is
   * the 404 page. The client reloads the URL it shows at most once a minute, so a view that is
   * found over HTTP but not when joined cannot make it loop.
   */
  private notFound(ref: number | undefined): Promise<ServerMessage[]> {
    return this.sendAway({ kind: 'redirect', to: this.url.pathname + this.url.search }, ref);
  }

  /** The view sent the visitor away while mounting: it ends, and the navigation is its answer. */
  private async sendAway(navigation: Navigation, ref: number | undefined): Promise<ServerMessage[]> {
    await this.terminate(navigation.kind);
    this.owner.left(this);
    return [this.redirectTo(navigation, ref)];
  }

  /**
   * The client left the view: it ends in its turn, after what was sent before the leave, and
   * the leave is answered by a reply; anything queued behind it is answered not_joined.
   */
  async leave(ref: number): Promise<void> {
    await this.operate(
      ref,
      undefined,
      async () => {
        await this.terminate('leave');
        this.owner.left(this);
        return [{ t: T.REPLY, ref, v: this.v }];
      },
      false,
      'leave',
    );
  }

  /** Forms typed before a reconnect, through the methods the view named for them. */
  private async recover(forms: readonly Recovery[]): Promise<void> {
    for (const { handler, form } of forms) {
      const method = handlerOf(this.view, handler);
      if (!method) continue;
      try {
        await method.call(this.view, { form });
      } catch (e) {
        this.instance.logFailure(`${handler} (form recovery)`, e);
      }
    }
  }

  // ------------------------------------------------------------------ rendering

  private async context(): Promise<Record<string, unknown>> {
    const values: Record<string, unknown> = {
      ...publicFields(this.view),
      ...(await this.view.getContextData()),
      // A flash lasts until the user's next event or patch: a push (pubsub, a timer) does not use it up.
      flash: this.instance.flashForRender(this.operationKind !== 'info'),
      csrf_token: this.session.csrf,
    };
    return this.core.serialize(values, this.template, this.em);
  }

  /**
   * A whole tree, remembered as the last one sent, with the effects asked for on the way; given
   * the route's title (a live navigation), first of them the page's title as a full load shows it.
   */
  private async renderFresh(routeTitle?: string): Promise<{ tree: Tree; effects: Effect[] }> {
    const context = await this.context();
    const tree = this.treeOf(context);
    this.lastTree = tree;
    const title = routeTitle === undefined ? undefined : this.documentTitle(context, routeTitle);
    return { tree, effects: [...(title === undefined ? [] : [{ title }]), ...this.instance.takeOutcome().effects] };
  }

  /** The live tree, nested views' containers empty in it. */
  private async renderTree(): Promise<Tree> {
    return this.treeOf(await this.context());
  }

  private treeOf(context: Record<string, unknown>): Tree {
    return this.nesting.render(() => renderLiveTree(this.template, this.liveBlock, context));
  }

  /** The `<title>` of the document the HTTP page would be, rendered with the same values; none if it fails (logged). */
  private documentTitle(context: Record<string, unknown>, routeTitle: string): string | undefined {
    try {
      const values = documentValues(routeTitle, this.session.csrf, '');
      return this.nesting.render(() => pageTitleOf(this.template, this.liveBlock, this.core.layout, context, values));
    } catch (e) {
      this.instance.logFailure('title render', e);
      return undefined;
    }
  }

  /** After an operation: a navigation, or the diff and effects; a failing render remounts the view. */
  private async answerAfter(ref: number | undefined, event?: string): Promise<ServerMessage[]> {
    const outcome = this.instance.takeOutcome();
    const effects = [...outcome.effects];
    let navigation = outcome.navigation;
    if (!navigation && outcome.patched !== null) {
      const moved = await this.moveTo(outcome.patched);
      if ('kind' in moved) navigation = moved;
      else {
        const after = this.instance.takeOutcome();
        effects.push(moved, ...after.effects);
        navigation = after.navigation;
      }
    }
    if (navigation) return [this.redirectTo(navigation, ref)];
    let tree: Tree;
    try {
      tree = await this.renderTree();
    } catch (e) {
      return this.remountAfter(e, ref, event);
    }
    const diff = diffTrees(this.lastTree, tree);
    this.lastTree = tree;
    const extra = effects.length ? { effects } : {};
    if (ref === undefined) return diff || effects.length ? [{ t: T.DIFF, v: this.v, ...(diff ? { diff } : {}), ...extra }] : [];
    return [{ t: T.REPLY, ref, v: this.v, ...(diff ? { diff } : {}), ...extra }];
  }

  /**
   * A new URL asked for by pushPatch or a live link: the same view gets handleParams and a patch
   * effect with a token for the URL; a URL another live view (or nothing live) serves is a navigation.
   */
  private async moveTo(to: string): Promise<Navigation | Effect> {
    const url = new URL(to, this.url);
    if (url.origin !== this.url.origin) return { kind: 'redirect', to };
    const path = url.pathname + url.search;
    const match = this.core.liveMatch(url.pathname);
    if (!match || match.cls !== this.cls) return { kind: 'navigate', to: path };
    this.url = url;
    this.params = match.params;
    try {
      await this.view.handleParams(match.params, url);
    } catch (e) {
      // As over HTTP: the URL's page is the 404 page, which a full load of it shows.
      if (e instanceof NotFound) return { kind: 'redirect', to: path };
      throw e;
    }
    return { patch: path, token: this.owner.tokenFor(match) };
  }

  /** After a failed render: the old instance ends, a fresh one mounts; its tree is pushed, the error answers. */
  private async remountAfter(e: unknown, ref: number | undefined, event: string | undefined): Promise<ServerMessage[]> {
    this.instance.logFailure('render', e);
    await this.instance.end('remount');
    this.instance = new ViewInstance(this.cls, this);
    try {
      const navigation = await this.mountInstance();
      if (navigation) return await this.sendAway(navigation, ref);
      const { tree, effects } = await this.renderFresh();
      const failed = this.error(ERR.RENDER_FAILED, `Rendering ${this.cls.name} failed; the view was mounted again`, ref, event);
      return [{ t: T.RENDERED, v: this.v, tree, ...(effects.length ? { effects } : {}) }, failed];
    } catch (again) {
      if (again instanceof NotFound) return this.notFound(ref);
      this.instance.logFailure('render after a remount', again);
      this.broken = 'the view failed to render after a remount';
      return [this.error(ERR.RENDER_FAILED, `Rendering ${this.cls.name} failed again after mounting it afresh`, ref, event)];
    }
  }

  /** The client learns what failed; the exception's text only in debug (it may hold secrets). */
  private failureText(what: string, e: unknown): string {
    return this.core.debug ? `${what}: ${describeThrown(e)}` : what;
  }

  /**
   * Live reload: renders again with `template` (its file, or one it includes, changed) and
   * pushes the diff; the state stays. When the page around the live part changed (`pageChanged`)
   * or the template now has a live block where it had none (or the other way), a diff cannot
   * show it: the client is told to load the page again. A render that fails is logged and the
   * view stays on its last template and render.
   */
  async reload(template: Template, pageChanged: (template: Template, liveBlock: string | null) => boolean): Promise<ReloadOutcome> {
    let outcome: ReloadOutcome = 'unchanged';
    await this.operate(
      undefined,
      undefined,
      async () => {
        if (!this.instance.live || this.lastTree === null) return [];
        const block = liveBlockOf(this.cls, template);
        if (block !== this.liveBlock || pageChanged(template, block)) {
          outcome = 'page';
          return [{ t: T.REDIRECT, v: this.v, to: this.url.pathname + this.url.search, kind: 'redirect' }];
        }
        const old = this.current;
        this.current = template;
        let tree: Tree;
        try {
          tree = await this.renderTree();
        } catch (e) {
          this.current = old;
          outcome = 'failed';
          this.core.log.error(`[djust] ${this.cls.name} did not render after a template change: ${describeTemplateError(e)} (it keeps its last render)`);
          return [];
        }
        const diff = diffTrees(this.lastTree, tree);
        this.lastTree = tree;
        if (!diff) return [];
        outcome = 'rendered';
        return [{ t: T.DIFF, v: this.v, diff }];
      },
      false,
    );
    return outcome;
  }

  // ------------------------------------------------------------------ what clients ask

  /**
   * A browser event. Only declared handlers run, and the name is checked before any property
   * of the view is read; a throwing handler leaves the state as it was. False when the queue is full.
   */
  event(name: string, payload: Record<string, unknown>, ref: number): boolean {
    if (!this.events.has(name)) {
      this.owner.refuse(ERR.UNKNOWN_EVENT, this.noHandler(name), ref, name.slice(0, 100));
      return true;
    }
    const queued = this.operate(ref, name, async () => {
      const handler = handlerOf(this.view, name);
      // Declared, but the class has no such method.
      if (!handler) return [this.error(ERR.UNKNOWN_EVENT, this.noHandler(name), ref, name)];
      const undo = this.instance.checkpoint();
      try {
        await handler.call(this.view, payload);
      } catch (e) {
        undo();
        this.instance.logFailure(name, e);
        return [this.error(ERR.HANDLER_FAILED, this.failureText(`The '${name}' handler failed`, e), ref, name)];
      }
      return this.answerAfter(ref, name);
    });
    return queued !== undefined;
  }

  private noHandler(name: string): string {
    return `${this.cls.name} has no event handler ${quoted(name)}`;
  }

  /** A live link: handleParams for a URL of this view, a navigation for any other. False when the queue is full. */
  patch(url: URL, ref: number): boolean {
    const queued = this.operate(ref, undefined, async () => {
      this.instance.pushPatch(url.pathname + url.search);
      return this.answerAfter(ref);
    });
    return queued !== undefined;
  }

  /** A pubsub message or timer for `instance`: handled in its turn and pushed; dropped when the queue is full. */
  deliver(instance: ViewInstance, message: unknown): void {
    if (this.ended || instance !== this.instance) return;
    const queued = this.operate(undefined, undefined, async () => {
      if (instance !== this.instance || !instance.live) return [];
      try {
        await instance.view.handleInfo(message);
      } catch (e) {
        instance.takeOutcome();
        instance.logFailure('handleInfo', e);
        return [];
      }
      return this.answerAfter(undefined);
    });
    if (queued === undefined) this.core.warnings.warn(`${this.cls.name} queue full`, `[djust] ${this.cls.name} is behind; a pubsub message or timer was dropped`);
  }

  // ------------------------------------------------------------------ ending

  /** Ends the current instance; nothing queued runs after. Safe to call twice. */
  async terminate(reason: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.instance.end(reason);
  }

  get resources(): { timers: number; subscriptions: number; queued: number } {
    return { ...this.instance.resources, queued: this.queue.size };
  }
}
