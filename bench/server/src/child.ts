/**
 * Starts server-proc.ts in a child process and talks to it over IPC. Every wait is bounded:
 * a child that does not start, answer or exit in time is killed rather than waited on.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, CpuSample, MemorySample, Request, Response, ServerStats } from './ipc.js';

const START_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 10_000;

type Pending = { resolve: (r: Response) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
type RequestKind = Request['kind'];

export class ServerChild {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly exited: Promise<void>;

  private constructor(
    private readonly proc: ChildProcess,
    /** The server's base URL, e.g. http://127.0.0.1:40123. */
    readonly url: string,
  ) {
    proc.on('message', (m: ChildMessage) => {
      if (m.kind === 'ready') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.kind === 'error') p.reject(new Error(`server child: ${m.message}`));
      else p.resolve(m);
    });
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void this.exited.then(() => {
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error('server child exited'));
      }
      this.pending.clear();
    });
  }

  static async start(): Promise<ServerChild> {
    const script = fileURLToPath(new URL('./server-proc.ts', import.meta.url));
    // Set explicitly rather than inherited, so a parent started without --expose-gc (the test
    // runner) still gets a child that can collect garbage before reading its heap.
    const proc = fork(script, [], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error('server child did not start in time'));
      }, START_TIMEOUT_MS);
      proc.on('message', (m: ChildMessage) => {
        if (m.kind !== 'ready') return;
        clearTimeout(timer);
        resolve(m.url);
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server child exited during start (code ${code})`));
      });
    });
    return new ServerChild(proc, url);
  }

  private request(kind: RequestKind): Promise<Response> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`server child did not answer '${kind}' in time`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.proc.send({ id, kind } satisfies Request);
    });
  }

  async memory(): Promise<MemorySample> {
    const r = await this.request('memory');
    if (r.kind !== 'memory') throw new Error(`expected memory, got ${r.kind}`);
    return r.value;
  }

  async stats(): Promise<ServerStats> {
    const r = await this.request('stats');
    if (r.kind !== 'stats') throw new Error(`expected stats, got ${r.kind}`);
    return r.value;
  }

  async cpu(): Promise<CpuSample> {
    const r = await this.request('cpu');
    if (r.kind !== 'cpu') throw new Error(`expected cpu, got ${r.kind}`);
    return r.value;
  }

  /** Closes the server (every socket), then ends the process; kills it if it hangs. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    try {
      await this.request('stop');
    } catch {
      // Fall through: the process is ended below either way.
    }
    if (this.proc.connected) this.proc.disconnect();
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
