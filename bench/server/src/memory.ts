/**
 * Memory per idle connected view, read inside the server process: heapUsed + external after
 * full GCs, before and after opening N joined connections. The difference is everything one
 * more connected view costs the server: socket, ws and Connection objects, session, the
 * view instance and its last rendered tree.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerChild } from './child.js';
import type { MemorySample } from './ipc.js';
import { WireClient, closeAll, connectMany } from './wire.js';

export interface MemoryRow {
  views: number;
  deltaBytes: number;
  perViewBytes: number;
  /** How fast this step's connections were opened (GET page, upgrade, join), as a side number. */
  openedPerSecond: number;
}

export interface MemoryResult {
  baseline: MemorySample;
  rows: MemoryRow[];
  /** Memory once every connection is closed again: near the baseline unless something leaks. */
  afterClose: MemorySample;
  viewsAfterClose: number;
}

/** Polls the server until it reports `views` live views, for at most `timeoutMs`. */
async function waitForViews(server: ServerChild, views: number, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await server.stats();
    if (s.views === views || Date.now() > end) return s.views;
    await sleep(50);
  }
}

/** `targets` ascending: connections are added until each total is reached, then measured. */
export async function measureIdleMemory(server: ServerChild, path: string, targets: readonly number[], batch = 200): Promise<MemoryResult> {
  // One connection first, so compiling the template and warming code paths is not billed to the views.
  await (await WireClient.connect(server.url, path)).close();
  await waitForViews(server, 0, 5_000);
  const baseline = await server.memory();
  const clients: WireClient[] = [];
  const rows: MemoryRow[] = [];
  try {
    for (const target of targets) {
      const adding = target - clients.length;
      const t0 = performance.now();
      await connectMany(server.url, path, adding, batch, clients);
      const openedPerSecond = adding / ((performance.now() - t0) / 1000);
      const views = await waitForViews(server, target, 10_000);
      if (views !== target) throw new Error(`expected ${target} views on the server, found ${views}`);
      const m = await server.memory();
      rows.push({ views, deltaBytes: m.bytes - baseline.bytes, perViewBytes: (m.bytes - baseline.bytes) / views, openedPerSecond });
    }
  } finally {
    await closeAll(clients);
  }
  const viewsAfterClose = await waitForViews(server, 0, 10_000);
  return { baseline, rows, afterClose: await server.memory(), viewsAfterClose };
}
