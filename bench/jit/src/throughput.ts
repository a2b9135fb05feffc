/**
 * Serializer throughput over the same populated entities: the JIT's generated serializer, a
 * hand-written one of exactly the same paths, and MikroORM's two generic serializers, which
 * walk metadata at run time and emit every loaded field (password hashes included).
 */
import { serialize as ormSerialize, wrap } from '@mikro-orm/core';
import { measureSync, type Measurement } from '@djust/bench-common';
import type { Serializer } from '@djust/jit';
import type { Lease } from './entities.js';
import { assertCovers, assertSameOutput } from './check.js';
import { handSerialize, POPULATE } from './views.js';

export interface ThroughputRow {
  name: string;
  generic: boolean;
  m: Measurement;
  /** Serialized objects (leases) per second. */
  perSecond: number;
  /** UTF-8 bytes of JSON.stringify of the whole output. */
  jsonBytes: number;
}

/** Each contender's output against the hand-written one; returns JSON sizes by name. */
function checkOutputs(leases: Lease[], contenders: readonly { name: string; generic: boolean; run: () => unknown[] }[]): Map<string, number> {
  const expected = leases.map(handSerialize);
  const bytes = new Map<string, number>();
  for (const c of contenders) {
    const out = c.run();
    if (c.generic) assertCovers(c.name, out, expected);
    else assertSameOutput(c.name, out, expected);
    bytes.set(c.name, Buffer.byteLength(JSON.stringify(out)));
  }
  return bytes;
}

export function measureThroughput(leases: Lease[], jitSerialize: Serializer, budgetMs: number): ThroughputRow[] {
  const contenders = [
    { name: 'JIT serializer', generic: false, run: (): unknown[] => leases.map(jitSerialize) },
    { name: 'hand-written', generic: false, run: (): unknown[] => leases.map(handSerialize) },
    { name: 'wrap(e).toObject()', generic: true, run: (): unknown[] => leases.map((l) => wrap(l).toObject()) },
    { name: `serialize(es, { populate })`, generic: true, run: (): unknown[] => ormSerialize(leases, { populate: POPULATE }) },
  ];
  const results = measureSync(
    contenders.map((c) => ({ name: c.name, fn: () => c.run().length })),
    { budgetMs, minIterations: 20, warmupMs: Math.min(300, budgetMs / 3), rounds: 5 },
  );
  // Checked after timing, yet before anything is printed. Checking first would keep the
  // hand-written reference output alive across GCs, and V8 then pretenures the allocation
  // sites that made it: measured, the hand-written serializer ran ~1.8× slower that way
  // (and at parity again under --no-allocation-site-pretenuring).
  const bytes = checkOutputs(leases, contenders);
  return contenders.map((c) => ({
    name: c.name,
    generic: c.generic,
    m: results[c.name],
    perSecond: leases.length / (results[c.name].medianMs / 1000),
    jsonBytes: bytes.get(c.name) ?? NaN,
  }));
}
