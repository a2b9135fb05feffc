/** `npm run check` (djust check) over the demo's templates: every path they read exists, and {% js %} compiles. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const app = fileURLToPath(new URL('..', import.meta.url));
const djust = join(dirname(createRequire(import.meta.url).resolve('@djust/jit')), '../bin/djust.js');

test('djust check finds no problem in the demo\'s templates, the server\'s tags included', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [djust, 'check'], { cwd: app });
  assert.match(stdout, /^djust check: \d+ templates, \d+ entity variables, 0 problems$/m);
});
