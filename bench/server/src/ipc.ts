/** Messages between the benchmark and its server child process (over Node's IPC channel). */

export interface MemorySample {
  /** heapUsed + external after full GCs: what live objects cost, not what V8 has reserved. */
  bytes: number;
  heapUsed: number;
  external: number;
  rss: number;
}

export interface ServerStats {
  connections: number;
  views: number;
  warnings: number;
  errors: number;
  /** The first few warnings/errors the server logged. */
  samples: string[];
}

export interface CpuSample {
  /** User + system CPU time of the server process so far, in microseconds. */
  micros: number;
}

export type Request = { id: number; kind: 'memory' } | { id: number; kind: 'stats' } | { id: number; kind: 'cpu' } | { id: number; kind: 'stop' };

export type Response =
  | { id: number; kind: 'memory'; value: MemorySample }
  | { id: number; kind: 'stats'; value: ServerStats }
  | { id: number; kind: 'cpu'; value: CpuSample }
  | { id: number; kind: 'stop' }
  | { id: number; kind: 'error'; message: string };

export type ChildMessage = { kind: 'ready'; url: string } | Response;
