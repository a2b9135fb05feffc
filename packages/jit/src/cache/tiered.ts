/** Memory in front of the slower backends: a hit below is copied up, a new entry goes to all. */
import { MemoryCache } from './memory.js';
import type { Artifact, JitCache } from './types.js';

export interface Lookup {
  artifact: Artifact | undefined;
  /** Which backend answered ('memory', 'files', 'redis'), or undefined on a miss. */
  from?: string;
}

export class TieredCache {
  readonly memory: MemoryCache;
  constructor(
    readonly backends: JitCache[] = [],
    memory?: MemoryCache,
  ) {
    this.memory = memory ?? new MemoryCache();
  }

  /** The synchronous fast path: memory only. */
  peek(key: string): Artifact | undefined {
    return this.memory.get(key);
  }

  async get(key: string): Promise<Lookup> {
    const hit = this.memory.get(key);
    if (hit) return { artifact: hit, from: 'memory' };
    for (const b of this.backends) {
      const a = await b.get(key);
      if (a) {
        this.memory.set(key, a);
        return { artifact: a, from: b.name };
      }
    }
    return { artifact: undefined };
  }

  async set(key: string, artifact: Artifact): Promise<void> {
    this.memory.set(key, artifact);
    await Promise.all(this.backends.map((b) => b.set(key, artifact)));
  }
}
