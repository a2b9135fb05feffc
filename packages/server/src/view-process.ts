/**
 * One mounted view: its instance, its template, the last tree sent, its timers and
 * subscriptions. Everything that touches the view (events, patches, pubsub messages, timers)
 * runs one at a time through a queue, each with a fresh forked EntityManager.
 */
import type { EntityManager } from '@mikro-orm/core';
import { diffTrees, type Template, type Tree } from '@djust/templates';
import { T, ERR, type Effect, type ErrorCode, type ServerMessage } from '@djust/protocol';
import { attachHost, declaredEvents, publicFields, type LiveView, type ViewClass, type ViewHost } from './live-view.js';
import type { Params } from './router.js';
import type { Session } from './session.js';
import { restore, snapshot } from './state.js';
import type { AppCore } from './core.js';

export type Navigation = { kind: 'navigate' | 'redirect'; to: string };

/** What an operation produced: the effects for the client, and any navigation away. */
interface Outcome {
  effects: Effect[];
  navigation: Navigation | null;
  patched: string | null;
}

export class ViewProcess implements ViewHost {
  readonly view: LiveView;
  readonly events: ReadonlySet<string>;
  em: EntityManager | undefined;
  lastTree: Tree | null = null;
  url: URL;
  params: Params;
  private outcome: Outcome = { effects: [], navigation: null, patched: null };
  private flash: Record<string, string> = {};
  private flashAge = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly subscriptions = new Map<string, () => Promise<void>>();
  private queue: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(
    private readonly core: AppCore,
    readonly cls: ViewClass,
    readonly template: Template,
    readonly session: Session,
    url: URL,
    params: Params,
    readonly connected: boolean,
    /** Where server-initiated messages go (connected processes only). */
    private readonly send: (msg: ServerMessage) => void = () => undefined,
  ) {
    this.view = new cls();
    this.events = declaredEvents(cls);
    this.url = url;
    this.params = params;
    attachHost(this.view, this);
  }

  // ------------------------------------------------------------------ running operations

  /** Runs `op` after everything queued before it, with a fresh EntityManager. */
  private run<R>(op: () => Promise<R>): Promise<R> {
    const next = this.queue.then(async () => {
      this.em = this.core.orm?.em.fork();
      try {
        return await op();
      } finally {
        this.em = undefined;
      }
    });
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private takeOutcome(): Outcome {
    const o = this.outcome;
    this.outcome = { effects: [], navigation: null, patched: null };
    return o;
  }

  async mount(): Promise<void> {
    await this.run(async () => {
      await this.view.mount(this.params, this.session.data);
      await this.view.handleParams(this.params, this.url);
    });
  }

  // ------------------------------------------------------------------ rendering

  private async context(): Promise<Record<string, unknown>> {
    const values: Record<string, unknown> = {
      ...publicFields(this.view),
      ...(await this.view.getContextData()),
      flash: { ...this.flash },
      csrf_token: this.session.csrf,
    };
    return this.core.serialize(values, this.template, this.em);
  }

  async renderTree(): Promise<Tree> {
    return this.template.renderTree(await this.context());
  }

  async renderHtml(): Promise<string> {
    return this.run(async () => this.template.render(await this.context()));
  }

  /** The first render of a connected view: its full tree. */
  async rendered(ref: number): Promise<ServerMessage> {
    return this.run(async () => {
      const tree = await this.renderTree();
      this.lastTree = tree;
      const { effects } = this.takeOutcome();
      return effects.length ? { t: T.RENDERED, ref, tree, effects } : { t: T.RENDERED, ref, tree };
    });
  }

  /** Renders after an operation and says what changed; a failing render remounts the view. */
  private async afterOperation(ref: number | undefined): Promise<ServerMessage[]> {
    const { effects, navigation, patched } = this.takeOutcome();
    if (navigation) return [{ t: T.REDIRECT, ...(ref === undefined ? {} : { ref }), to: navigation.to, kind: navigation.kind }];
    if (patched !== null) {
      await this.applyUrl(patched);
      effects.push({ patch: patched });
      const more = this.takeOutcome();
      effects.push(...more.effects);
    }
    this.ageFlash();
    let tree: Tree;
    try {
      tree = await this.renderTree();
    } catch (e) {
      this.core.log.error(`[djust] render of ${this.cls.name} failed; remounting`, e);
      return [this.error(ERR.RENDER_FAILED, `Rendering ${this.cls.name} failed; the view was mounted again`, ref), await this.remount(ref)];
    }
    const diff = diffTrees(this.lastTree, tree);
    this.lastTree = tree;
    const extra = effects.length ? { effects } : {};
    if (ref === undefined) return diff || effects.length ? [{ t: T.DIFF, ...(diff ? { diff } : {}), ...extra }] : [];
    return [{ t: T.REPLY, ref, ...(diff ? { diff } : {}), ...extra }];
  }

  /** After a failed render: a fresh instance of the view, mounted at the same URL. */
  private async remount(ref: number | undefined): Promise<ServerMessage> {
    const target = this.view as unknown as Record<string, unknown>;
    for (const k of Object.keys(target)) delete target[k];
    Object.assign(target, new this.cls());
    await this.view.mount(this.params, this.session.data);
    await this.view.handleParams(this.params, this.url);
    this.takeOutcome();
    const tree = await this.renderTree();
    this.lastTree = tree;
    return { t: T.RENDERED, ref: ref ?? 0, tree };
  }

  private error(code: ErrorCode, message: string, ref?: number, event?: string): ServerMessage {
    return { t: T.ERROR, code, message, ...(ref === undefined ? {} : { ref }), ...(event === undefined ? {} : { event }) };
  }

  // ------------------------------------------------------------------ what clients ask

  /** A browser event: only declared handlers run; a throwing handler leaves the state as it was. */
  async event(name: string, payload: Record<string, unknown>, ref: number): Promise<ServerMessage[]> {
    const handler = (this.view as unknown as Record<string, unknown>)[name];
    if (!this.events.has(name) || typeof handler !== 'function') {
      return [this.error(ERR.UNKNOWN_EVENT, `${this.cls.name} has no event handler '${name.slice(0, 100)}'`, ref, name.slice(0, 100))];
    }
    return this.run(async () => {
      const before = snapshot(this.view);
      const flashBefore = { ...this.flash };
      try {
        await (handler as (p: Record<string, unknown>) => unknown).call(this.view, payload);
      } catch (e) {
        restore(this.view, before);
        this.flash = flashBefore;
        this.takeOutcome();
        this.core.log.error(`[djust] ${this.cls.name}.${name} failed`, e);
        return [this.error(ERR.HANDLER_FAILED, `The '${name}' handler failed: ${e instanceof Error ? e.message : String(e)}`, ref, name)];
      }
      return this.afterOperation(ref);
    });
  }

  /**
   * After a reconnect: the forms the user was editing, keyed by their dj-change event, are
   * handed to those handlers before the first render, so nothing typed is lost.
   */
  async restoreForms(forms: Record<string, Record<string, string | string[]>>): Promise<void> {
    await this.run(async () => {
      for (const [name, data] of Object.entries(forms)) {
        const handler = (this.view as unknown as Record<string, unknown>)[name];
        if (!this.events.has(name) || typeof handler !== 'function') continue;
        try {
          await (handler as (p: Record<string, unknown>) => unknown).call(this.view, { form: data });
        } catch (e) {
          this.core.log.error(`[djust] restoring form through ${this.cls.name}.${name} failed`, e);
        }
      }
      this.takeOutcome();
    });
  }

  /** A live link or pushPatch from the client: same view, new params. */
  async patch(url: URL, params: Params, ref: number): Promise<ServerMessage[]> {
    return this.run(async () => {
      this.url = url;
      this.params = params;
      await this.view.handleParams(params, url);
      return this.afterOperation(ref);
    });
  }

  /** A pubsub message or timer: handled, rendered, and pushed to the client. */
  info(message: unknown): void {
    if (this.ended) return;
    void this.run(async () => {
      if (this.ended) return;
      try {
        await this.view.handleInfo(message);
      } catch (e) {
        this.takeOutcome();
        this.core.log.error(`[djust] ${this.cls.name}.handleInfo failed`, e);
        return;
      }
      for (const msg of await this.afterOperation(undefined)) this.send(msg);
    }).catch((e: unknown) => this.core.log.error(`[djust] ${this.cls.name} push failed`, e));
  }

  private async applyUrl(to: string): Promise<void> {
    const url = new URL(to, this.url);
    const params = this.core.liveParams(url.pathname, this.cls);
    if (!params) {
      this.outcome.navigation = { kind: 'navigate', to: url.pathname + url.search };
      return;
    }
    this.url = url;
    this.params = params;
    await this.view.handleParams(params, url);
  }

  // ------------------------------------------------------------------ ViewHost

  pushPatch(url: string): void {
    this.outcome.patched = url;
  }
  pushNavigate(url: string): void {
    this.outcome.navigation = { kind: 'navigate', to: url };
  }
  redirect(url: string): void {
    this.outcome.navigation = { kind: 'redirect', to: url };
  }
  putFlash(kind: string, text: string): void {
    this.flash[kind] = text;
    this.flashAge = 0;
  }
  /** Flash messages live for the render after they are put, and the next one. */
  private ageFlash(): void {
    if (Object.keys(this.flash).length && this.flashAge++ >= 1) {
      this.flash = {};
      this.flashAge = 0;
    }
  }
  pushEvent(name: string, payload: Record<string, unknown>): void {
    this.outcome.effects.push({ push: name, payload });
  }
  pageTitle(title: string): void {
    this.outcome.effects.push({ title });
  }

  async subscribe(topic: string): Promise<void> {
    if (!this.connected || this.ended || this.subscriptions.has(topic)) return;
    const stop = await this.core.pubsub.subscribe(topic, (m) => this.info(m));
    if (this.ended) await stop();
    else this.subscriptions.set(topic, stop);
  }
  async unsubscribe(topic: string): Promise<void> {
    const stop = this.subscriptions.get(topic);
    this.subscriptions.delete(topic);
    if (stop) await stop();
  }
  async broadcast(topic: string, message: unknown): Promise<void> {
    await this.core.pubsub.publish(topic, message);
  }
  sendAfter(ms: number, message: unknown): () => void {
    if (!this.connected || this.ended) return () => undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.info(message);
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }
  every(ms: number, message: unknown): () => void {
    if (!this.connected || this.ended) return () => undefined;
    const timer = setInterval(() => this.info(message), ms);
    this.timers.add(timer);
    return () => {
      clearInterval(timer);
      this.timers.delete(timer);
    };
  }

  /** Stops everything the view started; calls its terminate. Safe to call twice. */
  async terminate(reason: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const stops = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(stops.map((s) => s().catch(() => undefined)));
    try {
      this.view.terminate(reason);
    } catch (e) {
      this.core.log.error(`[djust] ${this.cls.name}.terminate failed`, e);
    }
  }

  get resources(): { timers: number; subscriptions: number } {
    return { timers: this.timers.size, subscriptions: this.subscriptions.size };
  }
}
