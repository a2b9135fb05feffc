/**
 * Files from a static folder. The path must stay inside the folder after decoding, and so must
 * the file it names once symlinks are resolved. The file is opened once and streamed from that
 * handle through `pipeline`, so a file removed after the check still has its bytes, and a read
 * error cuts that response (the caller logs it) instead of the process.
 */
import type { ServerResponse } from 'node:http';
import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** `rel` (as the URL gives it) under `root`, or undefined when it would leave the folder. */
function pathInside(root: string, rel: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return undefined;
  const full = resolve(root, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  return full.startsWith(root + sep) ? full : undefined;
}

interface OpenFile {
  handle: FileHandle;
  path: string;
  size: number;
}

/**
 * `path` opened when it is a regular file; undefined otherwise. O_NONBLOCK: opening a named
 * pipe would otherwise wait for a writer, holding one of libuv's few file-system threads.
 */
async function openFile(path: string, flags: number): Promise<OpenFile | undefined> {
  const handle = await open(path, flags | constants.O_NONBLOCK).catch(() => undefined);
  if (!handle) return undefined;
  const st = await handle.stat().catch(() => undefined);
  if (st?.isFile()) return { handle, path, size: st.size };
  await handle.close();
  return undefined;
}

/** A regular file whose real path lies inside the folder's real path, opened; undefined otherwise. */
async function openInside(dir: string, rel: string): Promise<OpenFile | undefined> {
  try {
    const root = await realpath(dir);
    const full = pathInside(root, rel);
    if (!full) return undefined;
    const real = await realpath(full);
    if (!real.startsWith(root + sep)) return undefined;
    // O_NOFOLLOW: a symlink swapped in after realpath is not followed either.
    return await openFile(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
}

/** Streams an opened file; rejects when reading fails after the response began (it is then destroyed). */
async function sendFile(res: ServerResponse, file: OpenFile, headOnly: boolean): Promise<void> {
  res.writeHead(200, {
    'content-type': TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(file.size),
  });
  if (headOnly) {
    await file.handle.close();
    res.end();
    return;
  }
  try {
    await pipeline(file.handle.createReadStream(), res);
  } catch (e) {
    // The client went away mid-file: nothing went wrong here.
    if ((e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e;
  }
}

/** Serves `rel` (a URL path) from the folder `dir` if it names a file inside it; false when not. */
export async function serveFromFolder(res: ServerResponse, dir: string, rel: string, headOnly: boolean): Promise<boolean> {
  const file = await openInside(dir, rel);
  if (file) await sendFile(res, file, headOnly);
  return !!file;
}

/** Serves one file the app names itself (symlinks followed); false when it is not a file. */
export async function serveNamedFile(res: ServerResponse, path: string, headOnly: boolean): Promise<boolean> {
  const file = await openFile(path, constants.O_RDONLY);
  if (file) await sendFile(res, file, headOnly);
  return !!file;
}
