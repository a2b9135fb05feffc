/**
 * Template files under a list of folders. A name is looked up in each folder in turn and
 * must stay inside it: absolute names, `..` segments, backslashes and NUL bytes are refused
 * as if the template did not exist (Django's safe_join). The loader only reads: the engine
 * decides, by content, whether what it read is new.
 */
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';

export class FileLoader {
  readonly dirs: string[];

  constructor(dirs: string[]) {
    this.dirs = dirs.map((d) => resolve(d));
  }

  private readonly pathCache = new Map<string, string[]>();

  /** Every file a name may map to, folder by folder (names that are not allowed map to none). */
  paths(name: string): readonly string[] {
    let paths = this.pathCache.get(name);
    if (!paths) {
      paths = this.dirs.map((dir) => this.pathIn(dir, name)).filter((p): p is string => p !== undefined);
      if (this.pathCache.size > 5000) this.pathCache.clear();
      this.pathCache.set(name, paths);
    }
    return paths;
  }

  /** The file a name maps to in one folder, or undefined when the name is not allowed. */
  private pathIn(dir: string, name: string): string | undefined {
    if (!name || name.includes('\0') || name.includes('\\') || name.startsWith('/')) return undefined;
    if (name.split('/').some((seg) => seg === '..')) return undefined;
    const full = resolve(dir, name);
    return full.startsWith(dir + sep) ? full : undefined;
  }

  /**
   * The source of the first file a name maps to, passing over the paths in `skip` (so a
   * template can extend another of the same name further down the folders).
   */
  read(name: string, skip: readonly string[] = []): { source: string; path: string } | undefined {
    for (const path of this.paths(name)) {
      if (skip.includes(path)) continue;
      try {
        return { source: readFileSync(path, 'utf8'), path };
      } catch (e) {
        // Not in this folder (or a folder of that name): try the next.
        if (!isMissing(e)) throw e;
      }
    }
    return undefined;
  }
}

/** Errors that mean "no such template file here". */
function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}
