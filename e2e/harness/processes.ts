/**
 * Commands a user runs in a shell, for the tests that work on a generated app: each gets its
 * output, exit code and wall-clock time; a server is started in its own process group so that
 * stopping it stops npm and the node process under it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds. */
  ms: number;
}

export type Env = Record<string, string | undefined>;

export function runCommand(command: string, args: string[], cwd: string, env: Env = process.env): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

export interface Server {
  /** What the process printed that matched, e.g. the URL. */
  match: RegExpExecArray;
  /** Milliseconds from the spawn to that line. */
  ms: number;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns a long-running command and resolves once its output matches `ready`. */
export function startServer(command: string, args: string[], cwd: string, ready: RegExp, env: Env = process.env): Promise<Server> {
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer): void => {
      output += c.toString();
      const match = ready.exec(output);
      if (match) resolve({ match, ms: performance.now() - started, output: () => output, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before it was ready:\n${output}`)));
  });
}
