/** Runs a ts sample as its own ES module inside the docs package, at most two at a time. */
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface TsRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(job: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Writes `source` to `<packageDir>/.cache/samples/` (so `@djust/*`, the package's dependencies
 * and its own `@djust/docs/fixtures/*` resolve as in a user's project) and runs it with tsx.
 */
export function runTsSample(source: string, packageDir: string, timeoutMs: number): Promise<TsRun> {
  return slot(async () => {
    const dir = join(packageDir, '.cache', 'samples');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `sample-${randomBytes(6).toString('hex')}.ts`);
    await writeFile(file, source);
    try {
      return await runNode(file, packageDir, timeoutMs);
    } finally {
      await rm(file, { force: true });
    }
  });
}

function runNode(file: string, cwd: string, timeoutMs: number): Promise<TsRun> {
  return new Promise((resolve, reject) => {
    // A reader's shell would not have the JIT's debug log on; it would change what samples print.
    const env = { ...process.env };
    delete env.DJUST_JIT_DEBUG;
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
