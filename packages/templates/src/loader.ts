/**
 * Template files under a list of folders. A name is looked up in each folder in turn and
 * must stay inside it: absolute names, `..` segments, backslashes and NUL bytes are refused
 * as if the template did not exist (Django's safe_join).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

export class FileLoader {
  readonly dirs: string[];

  constructor(dirs: string[]) {
    this.dirs = dirs.map((d) => resolve(d));
  }

  /** The file a name maps to in one folder, or undefined when the name is not allowed. */
  private pathIn(dir: string, name: string): string | undefined {
    if (!name || name.includes('\0') || name.includes('\\') || name.startsWith('/')) return undefined;
    if (name.split('/').some((seg) => seg === '..')) return undefined;
    const full = resolve(dir, name);
    return full.startsWith(dir + sep) ? full : undefined;
  }

  private find(name: string, skip: readonly string[]): { path: string; mtime: number } | undefined {
    for (const dir of this.dirs) {
      const path = this.pathIn(dir, name);
      if (!path || skip.includes(path)) continue;
      try {
        const st = statSync(path);
        if (st.isFile()) return { path, mtime: st.mtimeMs };
      } catch {
        // Not in this folder; try the next.
      }
    }
    return undefined;
  }

  /** A version string that changes when the file does. */
  version(name: string, skip: readonly string[] = []): string | undefined {
    const f = this.find(name, skip);
    return f ? `${f.path}@${f.mtime}` : undefined;
  }

  read(name: string, skip: readonly string[] = []): { source: string; version: string; path: string } | undefined {
    const f = this.find(name, skip);
    if (!f) return undefined;
    return { source: readFileSync(f.path, 'utf8'), version: `${f.path}@${f.mtime}`, path: f.path };
  }
}
