/**
 * One instance of a view class and everything it started: timers, subscriptions, flash, and
 * what it asked for during the current operation. A remount ends the instance (its timers and
 * subscriptions stop, its `terminate` runs, its `#private` fields go with it) and starts a new
 * one; an ended instance can start nothing more.
 */
import type { EntityManager } from '@mikro-orm/core';
import { quoted, type Effect } from '@djust/protocol';
import type { AppCore } from './core.js';
import { attachHost, type LiveView, type ViewClass, type ViewHost } from './live-view.js';
import { restore, snapshot } from './state.js';
import { describeThrown } from './thrown.js';

export type Navigation = { kind: 'navigate' | 'redirect'; to: string };

/** What an operation asked for: effects for the client, a navigation away, a new URL. */
export interface Outcome {
  effects: Effect[];
  navigation: Navigation | null;
  patched: string | null;
}

/** What an instance needs from the process that runs it. */
export interface InstanceOwner {
  readonly core: AppCore;
  readonly connected: boolean;
  /** The EntityManager of the running operation. */
  readonly em: EntityManager | undefined;
  /** A pubsub message or timer for this instance, to be handled in its turn. */
  deliver(instance: ViewInstance, message: unknown): void;
}

const noOutcome = (): Outcome => ({ effects: [], navigation: null, patched: null });

export class ViewInstance implements ViewHost {
  readonly view: LiveView;
  private outcome = noOutcome();
  private flash: Record<string, string> = {};
  /** Renders since the flash was put. */
  private flashAge = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly subscriptions = new Map<string, () => Promise<void>>();
  private ended = false;

  constructor(
    readonly cls: ViewClass,
    private readonly owner: InstanceOwner,
  ) {
    this.view = new cls();
    attachHost(this.view, this);
  }

  get em(): EntityManager | undefined {
    return this.owner.em;
  }
  get connected(): boolean {
    return this.owner.connected;
  }

  /** The navigation asked for so far in this operation, if any (the outcome stays as it is). */
  get navigation(): Navigation | null {
    return this.outcome.navigation;
  }

  takeOutcome(): Outcome {
    const o = this.outcome;
    this.outcome = noOutcome();
    return o;
  }

  /** Saves the view's state; the returned function puts it back (after a handler threw). */
  checkpoint(): () => void {
    const state = snapshot(this.view);
    const flash = { ...this.flash };
    const flashAge = this.flashAge;
    return () => {
      restore(this.view, state);
      this.flash = flash;
      this.flashAge = flashAge;
      this.takeOutcome();
    };
  }

  /**
   * The flash for the render about to happen. A message shows in the renders up to the next
   * one that `ages` it after it was first shown (the user's next event or patch).
   */
  flashForRender(ages: boolean): Record<string, string> {
    if (ages && this.flashAge++ >= 1) this.flash = {};
    return { ...this.flash };
  }

  /** The flash put since the last aging render: what a live navigation carries to the next view. */
  unshownFlash(): Record<string, string> {
    return this.flashAge === 0 ? { ...this.flash } : {};
  }

  /** Logs what went wrong inside this view, counted when it repeats. */
  logFailure(what: string, e: unknown): void {
    this.owner.core.warnings.error(`${this.cls.name}.${what} failed`, `[djust] ${this.cls.name}.${what} failed: ${quoted(describeThrown(e), 500)}`, e);
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
  pushEvent(name: string, payload: Record<string, unknown>): void {
    this.outcome.effects.push({ push: name, payload });
  }
  pageTitle(title: string): void {
    this.outcome.effects.push({ title });
  }

  async subscribe(topic: string): Promise<void> {
    if (!this.connected || this.ended || this.subscriptions.has(topic)) return;
    const stop = await this.owner.core.pubsub.subscribe(topic, (m) => this.owner.deliver(this, m));
    if (this.ended) await stop();
    else this.subscriptions.set(topic, stop);
  }
  async unsubscribe(topic: string): Promise<void> {
    const stop = this.subscriptions.get(topic);
    this.subscriptions.delete(topic);
    if (stop) await stop();
  }
  async broadcast(topic: string, message: unknown): Promise<void> {
    await this.owner.core.pubsub.publish(topic, message);
  }
  sendAfter(ms: number, message: unknown): () => void {
    if (!this.connected || this.ended) return () => undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.owner.deliver(this, message);
    }, ms);
    return this.keep(timer);
  }
  every(ms: number, message: unknown): () => void {
    if (!this.connected || this.ended) return () => undefined;
    return this.keep(setInterval(() => this.owner.deliver(this, message), ms));
  }

  /** Remembers a timer until it is cancelled or the instance ends. */
  private keep(timer: ReturnType<typeof setTimeout>): () => void {
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  // ------------------------------------------------------------------ ending

  get live(): boolean {
    return !this.ended;
  }

  /** Stops everything the instance started and calls its terminate. Safe to call twice. */
  async end(reason: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    // clearTimeout also clears intervals.
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const stops = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(stops.map((s) => s().catch(() => undefined)));
    try {
      this.view.terminate(reason);
    } catch (e) {
      this.logFailure('terminate', e);
    }
  }

  get resources(): { timers: number; subscriptions: number } {
    return { timers: this.timers.size, subscriptions: this.subscriptions.size };
  }
}
