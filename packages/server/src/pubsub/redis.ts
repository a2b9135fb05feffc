/**
 * PubSub across processes through Redis: one connection publishes, one subscribes (a Redis
 * connection in subscriber mode can do nothing else). Messages travel as JSON.
 */
import { Redis } from 'ioredis';
import { TopicListeners } from './topics.js';
import type { Listener, PubSub } from './types.js';

export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly topics = new TopicListeners();

  constructor(
    url = 'redis://127.0.0.1:6379',
    private readonly prefix = 'djust:ps:',
  ) {
    this.pub = new Redis(url, { maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { maxRetriesPerRequest: 2 });
    this.sub.on('message', (channel: string, raw: string) => this.deliver(channel, raw));
  }

  private deliver(channel: string, raw: string): void {
    if (!channel.startsWith(this.prefix)) return;
    const topic = channel.slice(this.prefix.length);
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    for (const l of this.topics.listeners(topic)) l(message, topic);
  }

  async subscribe(topic: string, listener: Listener): Promise<() => Promise<void>> {
    const entry: Listener = (m, t) => listener(m, t);
    if (this.topics.add(topic, entry)) await this.sub.subscribe(this.prefix + topic);
    return async () => {
      if (this.topics.remove(topic, entry)) await this.sub.unsubscribe(this.prefix + topic);
    };
  }

  async publish(topic: string, message: unknown): Promise<void> {
    await this.pub.publish(this.prefix + topic, JSON.stringify(message ?? null));
  }

  get listenerCount(): number {
    return this.topics.count;
  }

  async close(): Promise<void> {
    this.topics.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
