/**
 * Shared by several servers: signed entries in Redis; a bad signature is deleted and
 * regenerated. Redis being down costs a miss at once, not a wait: a client that is not
 * connected is not asked, and an answer that takes longer than `timeoutMs` is given up.
 */
import type { Redis } from 'ioredis';
import { sign, verify } from './sign.js';
import type { Artifact, JitCache } from './types.js';

export interface RedisCacheOptions {
  /** Key prefix (default `djust:jit:`). */
  prefix?: string;
  /** Entry lifetime (default 7 days). */
  ttlSeconds?: number;
  /** How long one command may take before it counts as a failure (default 500 ms). */
  timeoutMs?: number;
}

/** Client states in which a command is sent: connected, or lazy and not yet asked to connect. */
const USABLE = new Set(['ready', 'wait']);

export class RedisCache implements JitCache {
  readonly name = 'redis';
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly secret: string,
    options: RedisCacheOptions = {},
  ) {
    this.prefix = options.prefix ?? 'djust:jit:';
    this.ttlSeconds = options.ttlSeconds ?? 7 * 24 * 3600;
    this.timeoutMs = options.timeoutMs ?? 500;
  }

  private async command<T>(run: () => Promise<T>): Promise<T> {
    if (!USABLE.has(this.redis.status)) throw new Error(`Redis is not connected (${this.redis.status})`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([run(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async get(key: string): Promise<Artifact | undefined> {
    const raw = await this.command(() => this.redis.get(this.prefix + key));
    if (raw === null) return undefined;
    const artifact = verify(this.secret, key, raw);
    if (!artifact) await this.command(() => this.redis.del(this.prefix + key));
    return artifact;
  }

  async set(key: string, artifact: Artifact): Promise<void> {
    await this.command(() => this.redis.set(this.prefix + key, JSON.stringify(sign(this.secret, key, artifact)), 'EX', this.ttlSeconds));
  }
}
