/** DJUST_JIT_DEBUG=1 logs every step in the documented form. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { Jit, query } from '../src/index.js';
import { openDb, Lease } from './fixtures/db.js';

test('debug logging names the template, variable, paths, cache, plan, generation and serialization', async () => {
  const db = await openDb(4);
  const previous = process.env.DJUST_JIT_DEBUG;
  process.env.DJUST_JIT_DEBUG = '1';
  try {
    const lines: string[] = [];
    const jit = new Jit({ orm: db.orm, log: (l) => lines.push(l) });
    const engine = new Engine({ templates: { 'dash.html': '{% for l in soon %}{{ l.property.name }}{{ l.tenant.user.email }}{% endfor %}' } });
    await jit.serializeContext({ soon: query(Lease).limit(3), title: 'x' }, engine.getTemplate('dash.html'), db.orm.em.fork());
    const expected = [
      /^\[djust:jit\] Template: dash\.html$/,
      /^\[djust:jit\] Variable: soon \(Lease\)$/,
      /^\[djust:jit\] Extracted paths: \["property\.name","tenant\.user\.email"\]$/,
      /^\[djust:jit\] Cache: MISS \([0-9a-f]{16}\)$/,
      /^\[djust:jit\] Generated serializer \(\d+\.\d+ ms\)$/,
      /^\[djust:jit\] Optimization: populate \["property","tenant","tenant\.user"\] fields \["id","property\.name","tenant\.user\.email"\]$/,
      /^\[djust:jit\] Serialized 3 objects \(\d+\.\d+ ms\)$/,
    ];
    assert.equal(lines.length, expected.length, lines.join('\n'));
    expected.forEach((re, i) => assert.match(lines[i], re));
  } finally {
    if (previous === undefined) delete process.env.DJUST_JIT_DEBUG;
    else process.env.DJUST_JIT_DEBUG = previous;
    await db.close();
  }
});

test('without the flag nothing is logged', async () => {
  const db = await openDb(1);
  try {
    const lines: string[] = [];
    const jit = new Jit({ orm: db.orm, debug: false, log: (l) => lines.push(l) });
    const engine = new Engine({ templates: { t: '{{ x.status }}' } });
    await jit.serializeContext({ x: query(Lease).one() }, engine.getTemplate('t'), db.orm.em.fork());
    assert.deepEqual(lines, []);
  } finally {
    await db.close();
  }
});
