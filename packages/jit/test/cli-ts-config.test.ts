/**
 * The built `djust` bin run by plain node (as `npm run check` runs it): a `djust.config.ts`
 * loads through the project's tsx, and a project without tsx gets a sentence saying so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const BIN = join(here, '../bin/djust.js');

function project(parent: string): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'ts-config-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'templates/tenant.html'), '{{ tenant.user.email }} {{ tenant.phnoe }}');
  // A typed import and an annotation: this file is TypeScript, not JavaScript that happens to parse.
  writeFileSync(
    join(dir, 'djust.config.ts'),
    `import { MikroORM } from '@mikro-orm/sqlite';
import type { Options } from '@mikro-orm/core';
import { entities } from ${JSON.stringify(join(here, 'fixtures/entities.ts'))};
const options: Options = { entities, dbName: ':memory:', connect: false };
export default { templates: ['templates'], orm: () => MikroORM.init(options) };
`,
  );
  return dir;
}

test('a djust.config.ts is loaded through tsx, with no loader flag on node', async () => {
  // Inside the package, so tsx and @mikro-orm resolve from the config's folder.
  const dir = project(join(here, '../.cache'));
  try {
    await assert.rejects(run(process.execPath, [BIN, 'check'], { cwd: dir }), (e: { code: number; stdout: string }) => {
      assert.equal(e.code, 1);
      assert.match(e.stdout, /tenant\.html:1: tenant\.phnoe: Tenant has no 'phnoe' — did you mean 'phone'\?/);
      assert.match(e.stdout, /djust check: 1 templates, 1 entity variables, 1 problem\n/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a djust.config.ts in a project without tsx is refused with what to install', async () => {
  const dir = project(tmpdir());
  try {
    await assert.rejects(run(process.execPath, [BIN, 'check'], { cwd: dir }), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 2);
      assert.match(e.stderr, /djust\.config\.ts is TypeScript, and loading it needs tsx in the project: npm i -D tsx/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
