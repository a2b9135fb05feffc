/**
 * Writes the app so that a failure leaves nothing behind: everything goes into a hidden
 * sibling folder first, which is renamed into place at the end (or, with --force into a
 * folder that has files, whose files are moved over the ones of the same name). On any
 * error the sibling folder, and any parent folder this call created, are removed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Files } from './template.js';

export class TargetError extends Error {}

export type TargetState = 'missing' | 'empty' | 'not-empty';

/** What is at the target now; a file there (not a folder) is an error. */
export function targetState(target: string): TargetState {
  if (!existsSync(target)) return 'missing';
  if (!statSync(target).isDirectory()) throw new TargetError(`${target} exists and is not a folder`);
  return readdirSync(target).length ? 'not-empty' : 'empty';
}

/** A sentence for the file-system errors a user can cause (a path they cannot write). */
export function describeFsError(error: unknown, path: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  // The folder the app goes in; the failing path itself is often the hidden staging folder.
  const where = dirname(path);
  const reasons: Record<string, string> = {
    EACCES: `cannot write in ${where}: permission denied`,
    EPERM: `cannot write in ${where}: operation not permitted`,
    EROFS: `cannot write in ${where}: the file system is read-only`,
    ENOTDIR: `cannot create ${path}: a part of the path is a file, not a folder`,
    // mkdir -p over a file on the way.
    EEXIST: `cannot create ${path}: a part of the path is a file, not a folder`,
    ENOSPC: `cannot write in ${where}: no space left on the device`,
    ENAMETOOLONG: `cannot create ${path}: the path is too long`,
    // A folder the file system will not make (under /proc, say).
    ENOENT: `cannot create ${path}: a folder on the way cannot be created there`,
  };
  return code && reasons[code] ? new TargetError(reasons[code]) : (error as Error);
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

export interface WriteResult {
  /** Files of the folder that the app's replaced (with --force). */
  overwritten: string[];
}

/**
 * Writes `files` and whatever `more(staging)` adds into `target`. A non-empty target is
 * written into only when `force` is set.
 */
export async function writeApp(target: string, files: Files, force: boolean, more: (staging: string) => Promise<void>): Promise<WriteResult> {
  const state = targetState(target);
  if (state === 'not-empty' && !force) throw new TargetError(`${target} is not empty; choose another folder, or pass --force to write the app's files into it (files of the same name are replaced, the others stay)`);
  let createdParent: string | undefined;
  let staging: string | undefined;
  try {
    createdParent = makeParents(dirname(target));
    staging = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
    for (const [path, text] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), text);
    }
    await more(staging);
    return place(staging, target, state);
  } catch (error) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    if (createdParent) rmSync(createdParent, { recursive: true, force: true });
    throw describeFsError(error, target);
  }
}

/**
 * mkdir -p, one level at a time from the nearest folder that exists; the first folder it made.
 * (Node's recursive mkdir loops forever where a file system answers ENOENT for a folder it
 * will not create, as /proc does.)
 */
function makeParents(dir: string): string | undefined {
  const missing: string[] = [];
  let at = dir;
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const folder of missing) mkdirSync(folder);
  return missing[0];
}

function place(staging: string, target: string, state: TargetState): WriteResult {
  if (state !== 'not-empty') {
    if (state === 'empty') rmdirSync(target);
    renameSync(staging, target);
    return { overwritten: [] };
  }
  const paths = listFiles(staging);
  const overwritten = paths.filter((p) => existsSync(join(target, p)));
  for (const path of paths) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    renameSync(join(staging, path), join(target, path));
  }
  rmSync(staging, { recursive: true, force: true });
  return { overwritten };
}
