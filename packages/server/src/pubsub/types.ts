/** Publish/subscribe between views: in one process (memory) or across several (Redis). */

export type Listener = (message: unknown, topic: string) => void;

export interface PubSub {
  /** Starts delivering a topic's messages to the listener; returns how to stop. */
  subscribe(topic: string, listener: Listener): Promise<() => Promise<void>>;
  /** Delivers a JSON-serializable message to every subscriber of the topic, in any process. */
  publish(topic: string, message: unknown): Promise<void>;
  /** Listeners currently subscribed here (for leak checks). */
  readonly listenerCount: number;
  close(): Promise<void>;
}
