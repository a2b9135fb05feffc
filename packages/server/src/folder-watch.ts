/**
 * Watches folders, nested folders included, and reports which files changed: created, written,
 * deleted or renamed, after a burst of events has settled. Events only say "look again": each
 * settled burst rescans the folders and compares every file's content with the last scan, so an
 * editor that saves by writing a temporary file and renaming it over the original, or a folder
 * created after the start, is seen like any other change, and a save that changed nothing is none.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface FolderWatchOptions {
  /** Quiet time after the last event before the folders are scanned again (default 50 ms). */
  debounceMs?: number;
  /** The files whose content changed since the last scan (absolute paths, sorted). */
  onChange: (paths: string[]) => void;
  /** A folder that could not be read or watched (it is tried again on the next scan). */
  onError?: (error: unknown) => void;
}

/** Editors' swap, backup and lock files are not templates: changes to them are not reported. */
export function isScratchFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /\.(swp|swx|tmp)$/.test(name) || /^#.*#$/.test(name);
}

const digest = (path: string): string | undefined => {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined; // gone between the listing and the read: the next scan settles it
  }
};

export class FolderWatch {
  private readonly watchers = new Map<string, FSWatcher>();
  private files = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly debounceMs: number;

  constructor(
    private readonly roots: readonly string[],
    private readonly options: FolderWatchOptions,
  ) {
    this.debounceMs = options.debounceMs ?? 50;
    this.files = this.scan();
  }

  /** Stops watching; nothing is reported after it. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private poke(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.settle(), this.debounceMs);
  }

  private settle(): void {
    if (this.closed) return;
    const before = this.files;
    const after = this.scan();
    this.files = after;
    const changed = new Set<string>();
    for (const [path, hash] of after) if (before.get(path) !== hash) changed.add(path);
    for (const path of before.keys()) if (!after.has(path)) changed.add(path);
    if (changed.size) this.options.onChange([...changed].sort());
  }

  /** Every file's content hash under the roots; watches each folder found and drops watchers of folders gone. */
  private scan(): Map<string, string> {
    const files = new Map<string, string>();
    const folders = new Set<string>();
    const seen = new Set<string>();
    const visit = (dir: string): void => {
      let real: string;
      try {
        real = realpathSync(dir);
      } catch {
        return; // not there (yet)
      }
      if (seen.has(real)) return; // a symlink loop, or the same folder twice
      seen.add(real);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        this.options.onError?.(e);
        return;
      }
      folders.add(dir);
      for (const entry of entries) {
        if (isScratchFile(entry.name)) continue;
        const path = join(dir, entry.name);
        const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isFolder(path));
        if (isDir) visit(path);
        else if (entry.isFile() || entry.isSymbolicLink()) {
          const hash = digest(path);
          if (hash !== undefined) files.set(path, hash);
        }
      }
    };
    for (const root of this.roots) visit(root);
    for (const [dir, w] of this.watchers) {
      if (folders.has(dir)) continue;
      w.close();
      this.watchers.delete(dir);
    }
    if (!this.closed) for (const dir of folders) if (!this.watchers.has(dir)) this.watchFolder(dir);
    return files;
  }

  private watchFolder(dir: string): void {
    try {
      const w = watch(dir, { persistent: true }, () => this.poke());
      // A watched folder that is removed may report an error: the next scan drops or re-adds it.
      w.on('error', () => {
        w.close();
        this.watchers.delete(dir);
        this.poke();
      });
      this.watchers.set(dir, w);
    } catch (e) {
      this.options.onError?.(e);
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
