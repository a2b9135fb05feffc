/** Names from templates never become code: hostile paths are reported, not compiled. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { Jit, generateSource, planPaths, query } from '../src/index.js';
import { openDb, Lease } from './fixtures/db.js';

const HOSTILE = [
  'constructor.constructor',
  'property.constructor',
  'toString',
  'tenant.user.toJSON',
  "name'); process.exit(1); ('",
  'name`${process.exit(1)}`',
  'a\nb',
  '"]; globalThis.pwned = 1; //',
  'valueOf',
  'hasOwnProperty',
  'then',
];

test('hostile segments are never resolved and never appear unquoted in the generated code', async () => {
  const db = await openDb(1);
  try {
    const meta = db.orm.getMetadata().get('Lease');
    const plan = planPaths(meta, 'lease', HOSTILE.map((path) => ({ path })));
    assert.equal(plan.issues.length, HOSTILE.length, JSON.stringify(plan.issues));
    const source = generateSource(plan.root);
    for (const h of HOSTILE) assert.ok(!source.includes(h), `${h} leaked into\n${source}`);
    // Only the valid prefixes (`property`, `tenant.user`) were planned.
    const keys = (n: typeof plan.root): string[] =>
      n.fields.flatMap((f) => ('child' in f ? [f.key, ...keys(f.child).map((k) => `${f.key}.${k}`)] : [f.key]));
    assert.deepEqual(keys(plan.root).sort(), ['property', 'tenant', 'tenant.user']);
  } finally {
    await db.close();
  }
});

test('a template reading hostile names renders nothing for them and runs no code', async () => {
  const db = await openDb(2);
  try {
    const engine = new Engine({ templates: { t: '{% for l in leases %}[{{ l.constructor.constructor }}{{ l.toString }}{{ l.then }}{{ l.status }}]{% endfor %}' } });
    const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
    const tpl = engine.getTemplate('t');
    const data = await jit.serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, tpl, db.orm.em.fork());
    assert.equal(tpl.render(data), '[expiring][active]');
    assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
  } finally {
    await db.close();
  }
});

test('unknown members are reported with template, line and the nearest real name', async () => {
  const db = await openDb(1);
  try {
    const seen: string[] = [];
    const engine = new Engine({ templates: { 'd.html': '{% for lease in leases %}\n{{ lease.tenant.usr.email }}{% endfor %}' } });
    const jit = new Jit({ orm: db.orm, onIssue: (i) => seen.push(`${i.template}:${i.line} ${i.path}: ${i.message}`) });
    const tpl = engine.getTemplate('d.html');
    const data = await jit.serializeContext({ leases: query(Lease) }, tpl, db.orm.em.fork());
    assert.equal(tpl.render(data).trim(), '');
    assert.deepEqual(seen, ["d.html:2 leases.tenant.usr.email: Tenant has no 'usr' — did you mean 'user'?"]);
  } finally {
    await db.close();
  }
});
