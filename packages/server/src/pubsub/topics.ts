/** The listeners of each topic, kept by every PubSub backend. */
import type { Listener } from './types.js';

export class TopicListeners {
  private readonly topics = new Map<string, Set<Listener>>();

  /** Adds a listener; true when it is the topic's first. */
  add(topic: string, listener: Listener): boolean {
    let set = this.topics.get(topic);
    const first = !set;
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(listener);
    return first;
  }

  /** Removes a listener; true when that left the topic without any. */
  remove(topic: string, listener: Listener): boolean {
    const set = this.topics.get(topic);
    if (!set || !set.delete(listener) || set.size) return false;
    this.topics.delete(topic);
    return true;
  }

  /** A copy, so listeners may unsubscribe while being called. */
  listeners(topic: string): Listener[] {
    return [...(this.topics.get(topic) ?? [])];
  }

  get count(): number {
    let n = 0;
    for (const s of this.topics.values()) n += s.size;
    return n;
  }

  clear(): void {
    this.topics.clear();
  }
}
