/** In-process cache, bounded: the least recently used entry goes first. */
import type { Artifact, JitCache } from './types.js';

export class MemoryCache implements JitCache {
  readonly name = 'memory';
  private readonly entries = new Map<string, Artifact>();

  constructor(private readonly max = 1000) {}

  get(key: string): Artifact | undefined {
    const a = this.entries.get(key);
    if (a) {
      // Re-insert to mark as recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, a);
    }
    return a;
  }

  set(key: string, artifact: Artifact): void {
    this.entries.delete(key);
    this.entries.set(key, artifact);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
