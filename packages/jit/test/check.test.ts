/** `djust check` over a folder of templates, as a real process, and the API behind it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkTemplates } from '../src/index.js';
import { openDb } from './fixtures/db.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

function appWith(templates: Record<string, string>): string {
  // Inside the package, so the config's imports resolve through its node_modules.
  mkdirSync(join(here, '../.cache'), { recursive: true });
  const dir = mkdtempSync(join(here, '../.cache/check-'));
  for (const [name, source] of Object.entries(templates)) {
    mkdirSync(join(dir, 'templates', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'templates', name), source);
  }
  writeFileSync(
    join(dir, 'djust.config.ts'),
    `import { MikroORM } from '@mikro-orm/sqlite';
import { entities } from ${JSON.stringify(join(here, 'fixtures/entities.ts'))};
export default {
  templates: ['templates'],
  orm: () => MikroORM.init({ entities, dbName: ':memory:', connect: false }),
  variables: { 'dashboard.html': { expiring_soon: 'Lease' } },
};
`,
  );
  return dir;
}

const CLI = join(here, '../src/cli.ts');
const TSX = import.meta.resolve('tsx');

test('reports unknown paths with template, line and the nearest name, and exits 1', async () => {
  const dir = appWith({
    'dashboard.html': '{% for lease in expiring_soon %}\n{{ lease.tenant.usr.email }} {{ lease.end_date }}{% endfor %}',
    'leases/detail.html': '{{ lease.property.nme }}\n{{ lease.rent }}',
  });
  try {
    await assert.rejects(run(process.execPath, ['--import', TSX, CLI, 'check', '--config', join(dir, 'djust.config.ts')], { cwd: dir }), (e: { code: number; stdout: string }) => {
      assert.equal(e.code, 1);
      const lines = e.stdout.trim().split('\n');
      assert.deepEqual(lines.slice(0, -1), [
        "dashboard.html:2: expiring_soon.tenant.usr.email: Tenant has no 'usr' — did you mean 'user'?",
        "leases/detail.html:1: lease.property.nme: Property has no 'nme' — did you mean 'name'?",
      ]);
      assert.match(lines[lines.length - 1], /djust check: 2 templates, 2 entity variables, 2 problems/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a clean app passes with exit code 0', async () => {
  const dir = appWith({ 'dashboard.html': '{% for lease in expiring_soon %}{{ lease.tenant.user.get_full_name }}{{ lease.days_until_expiration }}{% endfor %}' });
  try {
    const { stdout } = await run(process.execPath, ['--import', TSX, CLI, 'check', '--config', join(dir, 'djust.config.ts')], { cwd: dir });
    assert.match(stdout, /djust check: 1 templates, 1 entity variables, 0 problems/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('variables are matched to entities by name when not declared', async () => {
  const db = await openDb(0);
  const dir = appWith({ 'p.html': '{% for p in properties %}{{ p.cty }}{% endfor %}{{ payment.amount }}{{ title.x }}' });
  try {
    const result = checkTemplates({ dirs: [join(dir, 'templates')], metadata: db.orm.getMetadata() });
    assert.deepEqual(result.findings.map((f) => [f.variable, f.entity, f.suggestion]), [['properties', 'Property', 'city']]);
    assert.equal(result.checked, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test('list idioms are accepted on list variables and reported on single ones', async () => {
  const db = await openDb(0);
  const dir = appWith({ 'l.html': '{{ leases.count }} {{ leases.0.rent }} {{ leases.first.status }} {{ lease.payments.count }}\n{{ lease.count }}' });
  try {
    const result = checkTemplates({ dirs: [join(dir, 'templates')], metadata: db.orm.getMetadata() });
    assert.deepEqual(
      result.findings.map((f) => [f.line, f.path]),
      [[2, 'lease.count']],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});
