/**
 * The server under test, in its own process so the load generator does not share its event
 * loop (or its heap, which the memory measurement reads). Started by child.ts with
 * `--expose-gc --import tsx`; answers requests from the parent over IPC.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { countingLogger, createBenchApp } from './app.js';
import type { ChildMessage, MemorySample, Request, Response } from './ipc.js';

const logger = countingLogger();
const app = createBenchApp(logger);
const running = await app.listen(0, '127.0.0.1');

function reply(msg: ChildMessage): void {
  process.send?.(msg);
}

/** Several full collections with turns of the event loop between them, so finalizers and
 * weak callbacks (ws buffers, closed sockets) have run before the heap is read. */
async function settledMemory(): Promise<MemorySample> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('server-proc needs --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await nextTurn();
  }
  const m = process.memoryUsage();
  return { bytes: m.heapUsed + m.external, heapUsed: m.heapUsed, external: m.external, rss: m.rss };
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await running.close();
}

async function handle(req: Request): Promise<Response> {
  switch (req.kind) {
    case 'memory':
      return { id: req.id, kind: 'memory', value: await settledMemory() };
    case 'stats': {
      const s = app.stats();
      return { id: req.id, kind: 'stats', value: { connections: s.connections, views: s.views, warnings: logger.counts.warn, errors: logger.counts.error, samples: [...logger.samples] } };
    }
    case 'cpu': {
      const c = process.cpuUsage();
      return { id: req.id, kind: 'cpu', value: { micros: c.user + c.system } };
    }
    case 'stop':
      await stop();
      return { id: req.id, kind: 'stop' };
  }
}

process.on('message', (raw: Request) => {
  handle(raw).then(reply, (e: unknown) => reply({ id: raw.id, kind: 'error', message: e instanceof Error ? e.message : String(e) }));
});
// If the parent dies, nobody will ask us to stop: close and let the process end by itself.
process.on('disconnect', () => void stop().then(() => process.exit(0)));

reply({ kind: 'ready', url: running.url });
