/**
 * Turbo replays a cached `test` when its inputs are unchanged, so the conformance corpus the
 * tests read (outside the repository, in ../shared/conformance) must be one of those inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative, resolve } from 'node:path';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const pkg = resolve(repo, 'packages/templates');
const corpus = resolve(repo, '../shared/conformance');

/** The files turbo hashes for @djust/templates#test, relative to the package, as `--dry=json` reports them. */
function testInputs(): string[] {
  // A clean environment: variables a surrounding turbo run sets must not steer this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TURBO_')));
  const out = execFileSync(resolve(repo, 'node_modules/.bin/turbo'), ['run', 'test', '--filter=@djust/templates', '--dry=json'], {
    cwd: repo,
    env: { ...env, TURBO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const plan = JSON.parse(out) as { tasks: { taskId: string; inputs: Record<string, string> }[] };
  const task = plan.tasks.find((t) => t.taskId === '@djust/templates#test');
  assert.ok(task, 'turbo plans @djust/templates#test');
  return Object.keys(task.inputs);
}

test('turbo hashes every conformance corpus file into the test task, besides the package sources', () => {
  const inputs = testInputs();
  for (const file of readdirSync(corpus)) {
    const rel = relative(pkg, resolve(corpus, file));
    assert.ok(inputs.includes(rel), `${rel} is not an input of @djust/templates#test`);
  }
  assert.ok(inputs.includes('src/engine.ts'), 'the default inputs (package sources) are kept');
  assert.ok(inputs.includes('test/conformance.test.ts'));
});
