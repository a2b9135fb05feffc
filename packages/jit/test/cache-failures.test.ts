/** Concurrent first renders and failing cache backends: a cache can cost a miss, never a render. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Engine } from '@djust/templates';
import { FileCache, Jit, RedisCache, TieredCache, query, type CacheFailure } from '../src/index.js';
import { openDb, Lease } from './fixtures/db.js';

const SECRET = 'test-secret';
const engine = new Engine({ templates: { 'list.html': '{% for l in leases %}{{ l.property.name }};{% endfor %}' } });
const template = engine.getTemplate('list.html');
const EXPECTED = 'Unit 0 &lt;Main &amp; 5th&gt;;Unit 1 &lt;Main &amp; 5th&gt;;Unit 2 &lt;Main &amp; 5th&gt;;';

function jitWith(db: Awaited<ReturnType<typeof openDb>>, cache: TieredCache): { jit: Jit; lines: string[] } {
  const lines: string[] = [];
  return { jit: new Jit({ orm: db.orm, cache, debug: true, log: (l) => lines.push(l) }), lines };
}

async function renderAll(jit: Jit, db: Awaited<ReturnType<typeof openDb>>, n: number): Promise<PromiseSettledResult<string>[]> {
  return Promise.allSettled(
    Array.from({ length: n }, async () => template.render(await jit.serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, template, db.orm.em.fork()))),
  );
}

function failures(results: PromiseSettledResult<string>[]): string[] {
  return results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : r.value === EXPECTED ? [] : [`rendered ${r.value}`]));
}

test('80 concurrent first renders with a file cache all render, and the serializer is made once', async () => {
  const db = await openDb(3);
  const dir = mkdtempSync(join(tmpdir(), 'djust-jit-'));
  try {
    const { jit, lines } = jitWith(db, new TieredCache([new FileCache(dir, SECRET)]));
    const results = await renderAll(jit, db, 80);
    assert.deepEqual(failures(results).slice(0, 3), []);
    assert.equal(lines.filter((l) => l.includes('Generated serializer')).length, 1);
    assert.equal(readdirSync(dir).length, 1, readdirSync(dir).join(', '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test('two servers writing the same entry into one cache folder at once both succeed', async () => {
  const db = await openDb(3);
  const dir = mkdtempSync(join(tmpdir(), 'djust-jit-'));
  try {
    const a = jitWith(db, new TieredCache([new FileCache(dir, SECRET)]));
    const b = jitWith(db, new TieredCache([new FileCache(dir, SECRET)]));
    const results = (await Promise.all([renderAll(a.jit, db, 40), renderAll(b.jit, db, 40)])).flat();
    assert.deepEqual(failures(results).slice(0, 3), []);
    // No temporary file is left behind, only the entry itself.
    assert.deepEqual(readdirSync(dir).map((f) => /^[0-9a-f]{64}\.json$/.test(f)), [true]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test('a cache folder that cannot be written is logged once and every render still succeeds', async () => {
  const db = await openDb(3);
  const parent = mkdtempSync(join(tmpdir(), 'djust-jit-'));
  try {
    // A regular file where the folder should be: nothing under it can be read or written, even as root.
    writeFileSync(join(parent, 'cache'), 'not a folder');
    const seen: CacheFailure[] = [];
    const { jit } = jitWith(db, new TieredCache([new FileCache(join(parent, 'cache', 'jit'), SECRET)], { onError: (f) => seen.push(f) }));
    assert.deepEqual(failures(await renderAll(jit, db, 5)), []);
    assert.deepEqual(failures(await renderAll(jit, db, 1)), []);
    assert.equal(seen.length, 1, seen.map((f) => `${f.op}: ${String(f.error)}`).join('\n'));
    assert.equal(seen[0].backend, 'files');
    assert.match(String(seen[0].error), /ENOTDIR/);
  } finally {
    rmSync(parent, { recursive: true, force: true });
    await db.close();
  }
});

/** A TCP port on this machine that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

for (const lazyConnect of [false, true]) {
  test(`an unreachable Redis (lazyConnect: ${lazyConnect}) is logged and renders still succeed`, async () => {
    const db = await openDb(3);
    const redis = new Redis({ host: '127.0.0.1', port: await closedPort(), lazyConnect, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    redis.on('error', () => undefined); // the client's own connection errors; the cache reports its failures below
    try {
      const seen: CacheFailure[] = [];
      const { jit } = jitWith(db, new TieredCache([new RedisCache(redis, SECRET)], { onError: (f) => seen.push(f) }));
      assert.deepEqual(failures(await renderAll(jit, db, 3)), []);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].backend, 'redis');
    } finally {
      redis.disconnect();
      await db.close();
    }
  });
}
