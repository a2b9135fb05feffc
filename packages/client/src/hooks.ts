/**
 * dj-hook="Name": a JS object from the `hooks` registry bound to an element, told of its
 * element's life (mounted, beforeUpdate, updated, destroyed) and of the connection's
 * (disconnected, reconnected). Inside, `this.el`, `this.pushEvent` and `this.handleEvent`.
 */
export interface Hook {
  mounted?(this: HookInstance): void;
  beforeUpdate?(this: HookInstance): void;
  updated?(this: HookInstance): void;
  destroyed?(this: HookInstance): void;
  disconnected?(this: HookInstance): void;
  reconnected?(this: HookInstance): void;
  [other: string]: unknown;
}

export type Lifecycle = 'mounted' | 'beforeUpdate' | 'updated' | 'destroyed' | 'disconnected' | 'reconnected';

/** What a hook may ask of its view. */
export interface HookBridge {
  pushEvent(el: Element, name: string, payload: Record<string, unknown>): Promise<unknown>;
  handleEvent(name: string, callback: (payload: Record<string, unknown>) => void): () => void;
}

export interface HookInstance extends Hook {
  el: HTMLElement;
  pushEvent(name: string, payload?: Record<string, unknown>): Promise<unknown>;
  handleEvent(name: string, callback: (payload: Record<string, unknown>) => void): void;
}

/** The hooks of one view's elements. */
export class ViewHooks {
  private readonly live = new Map<Element, HookInstance>();
  private readonly unsubscribe = new Map<Element, (() => void)[]>();

  constructor(private readonly registry: Record<string, Hook>, private readonly bridge: HookBridge) {}

  /** Mount a hook on every hooked element of `container` that has none yet (and is this view's). */
  mountAll(container: Element): void {
    const hooked = [...container.querySelectorAll('[dj-hook]')];
    for (const el of hooked) if (el.parentElement?.closest('[data-dj-view]') === container) this.mount(el);
  }

  private mount(el: Element): void {
    if (this.live.has(el)) return;
    const def = this.registry[el.getAttribute('dj-hook')!];
    if (!def) return;
    const subs: (() => void)[] = [];
    const instance = Object.assign(Object.create(def) as HookInstance, {
      el: el as HTMLElement,
      pushEvent: (name: string, payload: Record<string, unknown> = {}) => this.bridge.pushEvent(el, name, payload),
      handleEvent: (name: string, cb: (payload: Record<string, unknown>) => void) => void subs.push(this.bridge.handleEvent(name, cb)),
    });
    this.live.set(el, instance);
    this.unsubscribe.set(el, subs);
    instance.mounted?.();
  }

  /** Tell one element's hook, if it has one. */
  call(el: Element, event: Lifecycle): void {
    this.live.get(el)?.[event]?.();
  }

  /** An element left the page: its hook and every hook below it are destroyed. */
  destroy(el: Element): void {
    for (const [hooked, instance] of this.live) {
      if (hooked !== el && !el.contains(hooked)) continue;
      this.live.delete(hooked);
      for (const off of this.unsubscribe.get(hooked) ?? []) off();
      this.unsubscribe.delete(hooked);
      instance.destroyed?.();
    }
  }

  /** Tell every hook of the view (connection changes, the view ending). */
  each(event: Lifecycle): void {
    for (const el of [...this.live.keys()]) {
      if (event === 'destroyed') this.destroy(el);
      else this.call(el, event);
    }
  }
}
