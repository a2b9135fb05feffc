/** PubSub within one process: messages are delivered after the publishing call returns. */
import { TopicListeners } from './topics.js';
import type { Listener, PubSub } from './types.js';

export class MemoryPubSub implements PubSub {
  private readonly topics = new TopicListeners();

  async subscribe(topic: string, listener: Listener): Promise<() => Promise<void>> {
    // Wrap, so the same function subscribed twice is two subscriptions.
    const entry: Listener = (m, t) => listener(m, t);
    this.topics.add(topic, entry);
    return async () => void this.topics.remove(topic, entry);
  }

  async publish(topic: string, message: unknown): Promise<void> {
    // A copy, as Redis would give: subscribers never share the publisher's object.
    const copy = message === undefined ? undefined : (JSON.parse(JSON.stringify(message)) as unknown);
    const listeners = this.topics.listeners(topic);
    queueMicrotask(() => {
      for (const l of listeners) l(copy, topic);
    });
  }

  get listenerCount(): number {
    return this.topics.count;
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
