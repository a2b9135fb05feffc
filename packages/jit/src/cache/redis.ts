/** Shared by several servers: signed entries in Redis; a bad signature is deleted and regenerated. */
import type { Redis } from 'ioredis';
import { sign, verify } from './sign.js';
import type { Artifact, JitCache } from './types.js';

export class RedisCache implements JitCache {
  readonly name = 'redis';

  constructor(
    private readonly redis: Redis,
    private readonly secret: string,
    private readonly prefix = 'djust:jit:',
    private readonly ttlSeconds = 7 * 24 * 3600,
  ) {}

  async get(key: string): Promise<Artifact | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    if (raw === null) return undefined;
    const artifact = verify(this.secret, key, raw);
    if (!artifact) await this.redis.del(this.prefix + key);
    return artifact;
  }

  async set(key: string, artifact: Artifact): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(sign(this.secret, key, artifact)), 'EX', this.ttlSeconds);
  }
}
