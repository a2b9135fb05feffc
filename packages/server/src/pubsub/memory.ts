/** PubSub within one process: messages are delivered after the publishing call returns. */
import type { Listener, PubSub } from './types.js';

export class MemoryPubSub implements PubSub {
  private readonly topics = new Map<string, Set<Listener>>();

  async subscribe(topic: string, listener: Listener): Promise<() => Promise<void>> {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    // Wrap, so the same function subscribed twice is two subscriptions.
    const entry: Listener = (m, t) => listener(m, t);
    set.add(entry);
    return async () => {
      const s = this.topics.get(topic);
      if (!s) return;
      s.delete(entry);
      if (!s.size) this.topics.delete(topic);
    };
  }

  async publish(topic: string, message: unknown): Promise<void> {
    // A copy, as Redis would give: subscribers never share the publisher's object.
    const copy = message === undefined ? undefined : (JSON.parse(JSON.stringify(message)) as unknown);
    const listeners = [...(this.topics.get(topic) ?? [])];
    queueMicrotask(() => {
      for (const l of listeners) l(copy, topic);
    });
  }

  get listenerCount(): number {
    let n = 0;
    for (const s of this.topics.values()) n += s.size;
    return n;
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
