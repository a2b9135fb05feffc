/**
 * Memory in front of the slower backends: a hit below is copied up, a new entry goes to all.
 * A backend that fails (a folder that cannot be written, Redis down) costs a miss, never a
 * render: the failure is reported once, and again only after the backend has worked since.
 */
import { MemoryCache } from './memory.js';
import type { Artifact, JitCache } from './types.js';

export interface Lookup {
  artifact: Artifact | undefined;
  /** Which backend answered ('memory', 'files', 'redis'), or undefined on a miss. */
  from?: string;
}

export interface CacheFailure {
  backend: string;
  op: 'get' | 'set';
  error: unknown;
}

export interface TieredCacheOptions {
  memory?: MemoryCache;
  /** Told when a backend fails (default: one `console.warn` line per outage). */
  onError?: (failure: CacheFailure) => void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function warnCacheFailure(f: CacheFailure): void {
  console.warn(`[djust:jit] cache ${f.backend}: ${f.op} failed, treated as a miss: ${message(f.error)}`);
}

export class TieredCache {
  readonly memory: MemoryCache;
  private readonly onError: (failure: CacheFailure) => void;
  /** Backends whose last operation failed, so an outage is reported once. */
  private readonly failing = new Set<JitCache>();

  constructor(
    readonly backends: JitCache[] = [],
    options: TieredCacheOptions = {},
  ) {
    this.memory = options.memory ?? new MemoryCache();
    this.onError = options.onError ?? warnCacheFailure;
  }

  /** The synchronous fast path: memory only. */
  peek(key: string): Artifact | undefined {
    return this.memory.get(key);
  }

  /** Runs one backend operation; a failure is reported and yields undefined. */
  private async attempt<T>(backend: JitCache, op: CacheFailure['op'], run: () => T | Promise<T>): Promise<T | undefined> {
    try {
      const result = await run();
      this.failing.delete(backend);
      return result;
    } catch (error) {
      if (!this.failing.has(backend)) {
        this.failing.add(backend);
        this.onError({ backend: backend.name, op, error });
      }
      return undefined;
    }
  }

  async get(key: string): Promise<Lookup> {
    const hit = this.memory.get(key);
    if (hit) return { artifact: hit, from: 'memory' };
    for (const b of this.backends) {
      const a = await this.attempt(b, 'get', () => b.get(key));
      if (a) {
        this.memory.set(key, a);
        return { artifact: a, from: b.name };
      }
    }
    return { artifact: undefined };
  }

  async set(key: string, artifact: Artifact): Promise<void> {
    this.memory.set(key, artifact);
    await Promise.all(this.backends.map((b) => this.attempt(b, 'set', () => b.set(key, artifact))));
  }
}
