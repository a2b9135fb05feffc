/** Generated serializers as signed files under the app's cache folder, reused across restarts. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sign, verify } from './sign.js';
import type { Artifact, JitCache } from './types.js';

const KEY_RE = /^[0-9a-f]{64}$/;

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';

export class FileCache implements JitCache {
  readonly name = 'files';

  constructor(
    readonly dir: string,
    private readonly secret: string,
  ) {}

  private path(key: string): string {
    if (!KEY_RE.test(key)) throw new Error(`Invalid JIT cache key: ${key}`);
    return join(this.dir, `${key}.json`);
  }

  /** The entry, or undefined when there is none; a folder that cannot be read throws. */
  async get(key: string): Promise<Artifact | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.path(key), 'utf8');
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    return verify(this.secret, key, raw);
  }

  async set(key: string, artifact: Artifact): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Write then rename, so a reader never sees half a file. The temporary name is unique to
    // this write: several renders (or processes) may store the same key at once.
    const tmp = `${this.path(key)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(sign(this.secret, key, artifact)));
      await rename(tmp, this.path(key));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
}
