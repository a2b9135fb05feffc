/** Cache: miss then hit, a changed template is a new key, files survive a restart, Redis is shared and signed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Engine } from '@djust/templates';
import { FileCache, Jit, MemoryCache, RedisCache, TieredCache, query, type Artifact, type JitCache } from '../src/index.js';
import { openDb, Lease } from './fixtures/db.js';

const SECRET = 'test-secret';

function logLines(): { lines: string[]; log: (l: string) => void } {
  const lines: string[] = [];
  return { lines, log: (l) => lines.push(l) };
}

test('memory: the first render misses, the next hits; a changed template is a new key', async () => {
  const db = await openDb(3);
  const dir = mkdtempSync(join(tmpdir(), 'djust-tpl-'));
  try {
    writeFileSync(join(dir, 'list.html'), '{% for l in leases %}{{ l.status }}{% endfor %}');
    const engine = new Engine({ dirs: [dir], debug: true });
    const { lines, log } = logLines();
    const jit = new Jit({ orm: db.orm, debug: true, log });
    const run = async () => jit.serializeContext({ leases: query(Lease) }, engine.getTemplate('list.html'), db.orm.em.fork());
    await run();
    await run();
    const cacheLines = lines.filter((l) => l.includes('Cache:'));
    assert.match(cacheLines[0], /Cache: MISS \([0-9a-f]{16}\)/);
    assert.match(cacheLines[1], /Cache: HIT/);
    // Edit the template: the next render plans again, and reads the new path.
    writeFileSync(join(dir, 'list.html'), '{% for l in leases %}{{ l.rent }}{% endfor %}');
    lines.length = 0;
    const data = await run();
    assert.match(lines.find((l) => l.includes('Cache:'))!, /MISS/);
    assert.equal(engine.getTemplate('list.html').render(data), '1000.51001.51002.5');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test('files: a new process (a new Jit) reuses the generated serializer; a tampered file is regenerated', async () => {
  const db = await openDb(2);
  const dir = mkdtempSync(join(tmpdir(), 'djust-jit-'));
  try {
    const engine = new Engine({ templates: { t: '{% for l in leases %}{{ l.property.name }}{% endfor %}' } });
    const make = () => {
      const { lines, log } = logLines();
      const jit = new Jit({ orm: db.orm, debug: true, log, cache: new TieredCache([new FileCache(dir, SECRET)]) });
      return { jit, lines };
    };
    const first = make();
    await first.jit.serializeContext({ leases: query(Lease) }, engine.getTemplate('t'), db.orm.em.fork());
    assert.ok(first.lines.some((l) => l.includes('Cache: MISS')));
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0], /^[0-9a-f]{64}\.json$/);

    const second = make();
    const data = await second.jit.serializeContext({ leases: query(Lease) }, engine.getTemplate('t'), db.orm.em.fork());
    assert.ok(second.lines.some((l) => /Cache: HIT files/.test(l)), second.lines.join('\n'));
    assert.ok(!second.lines.some((l) => l.includes('Generated serializer')));
    assert.match(engine.getTemplate('t').render(data), /Unit 0/);

    // Someone edits the cached code: the signature no longer matches, so it is not used.
    const path = join(dir, files[0]);
    writeFileSync(path, readFileSync(path, 'utf8').replace('return s0', 'globalThis.hacked = 1; return s0'));
    const third = make();
    await third.jit.serializeContext({ leases: query(Lease) }, engine.getTemplate('t'), db.orm.em.fork());
    assert.ok(third.lines.some((l) => l.includes('Cache: MISS')));
    assert.equal((globalThis as Record<string, unknown>).hacked, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

/** The contract every backend meets, run against each one. */
async function contract(name: string, make: () => JitCache, cleanup: () => Promise<void> = async () => undefined): Promise<void> {
  await test(`${name}: stores, returns, and misses unknown keys`, async () => {
    const cache = make();
    const key = 'a'.repeat(63) + name.length;
    const artifact: Artifact = { entity: 'Lease', populate: ['property'], fields: ['id', 'property.name'], source: '"use strict"; return null;', issues: [] };
    assert.equal(await cache.get('f'.repeat(64)), undefined);
    await cache.set(key, artifact);
    assert.deepEqual(await cache.get(key), artifact);
    await cleanup();
  });
}

await contract('memory', () => new MemoryCache(10));

test('memory: past its bound the least recently used entry goes first', () => {
  const cache = new MemoryCache(2);
  const entry = (entity: string): Artifact => ({ entity, populate: [], fields: ['id'], source: '"use strict"; return null;', issues: [] });
  const [a, b, c] = ['a', 'b', 'c'].map((ch) => ch.repeat(64));
  cache.set(a, entry('A'));
  cache.set(b, entry('B'));
  assert.equal(cache.get(a)?.entity, 'A'); // a is now more recent than b
  cache.set(c, entry('C'));
  assert.equal(cache.size, 2);
  assert.equal(cache.get(b), undefined);
  assert.equal(cache.get(a)?.entity, 'A');
  assert.equal(cache.get(c)?.entity, 'C');
});
const fileDir = mkdtempSync(join(tmpdir(), 'djust-contract-'));
await contract('files', () => new FileCache(fileDir, SECRET), async () => rmSync(fileDir, { recursive: true, force: true }));

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `djust:test:${process.pid}:`;

test('files: a signature is trusted only as the exact hex text written (no trailing junk, no other case)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'djust-sig-'));
  try {
    const cache = new FileCache(dir, SECRET);
    const key = 'a'.repeat(64);
    const artifact: Artifact = { entity: 'Lease', populate: [], fields: ['id'], source: 'return s0', issues: [] };
    await cache.set(key, artifact);
    assert.deepEqual(await cache.get(key), artifact);
    const path = join(dir, `${key}.json`);
    const written = readFileSync(path, 'utf8');
    const { sig } = JSON.parse(written) as { sig: string };
    // Each spelling decodes to the same bytes as the real signature, yet is not what was written.
    for (const forged of [`${sig}zz`, `${sig}0`, `${sig} `, sig.toUpperCase()]) {
      writeFileSync(path, written.replace(`"${sig}"`, JSON.stringify(forged)));
      assert.equal(await cache.get(key), undefined, `signature ${JSON.stringify(forged)} must not verify`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('redis: two servers share one entry; an entry signed with another secret is discarded', async () => {
  const a = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const b = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await a.connect();
  await b.connect();
  const db = await openDb(2);
  try {
    await contract('redis', () => new RedisCache(a, SECRET, { prefix }));
    const engine = new Engine({ templates: { t: '{% for l in leases %}{{ l.status }}{% endfor %}' } });
    const server = (redis: Redis, secret: string) => {
      const { lines, log } = logLines();
      return { jit: new Jit({ orm: db.orm, debug: true, log, cache: new TieredCache([new RedisCache(redis, secret, { prefix })]) }), lines };
    };
    const one = server(a, SECRET);
    await one.jit.serializeContext({ leases: query(Lease) }, engine.getTemplate('t'), db.orm.em.fork());
    assert.ok(one.lines.some((l) => l.includes('Cache: MISS')));
    const two = server(b, SECRET);
    await two.jit.serializeContext({ leases: query(Lease) }, engine.getTemplate('t'), db.orm.em.fork());
    assert.ok(two.lines.some((l) => /Cache: HIT redis/.test(l)), two.lines.join('\n'));
    const forger = server(b, 'another-secret');
    await forger.jit.serializeContext({ leases: query(Lease) }, engine.getTemplate('t'), db.orm.em.fork());
    assert.ok(forger.lines.some((l) => l.includes('Cache: MISS')), 'a bad signature must not be trusted');
  } finally {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length) await a.del(...keys);
    a.disconnect();
    b.disconnect();
    await db.close();
  }
});
