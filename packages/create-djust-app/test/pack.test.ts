/** What `npm pack` would ship: the built bin, the whole template and the variants' files, nothing left over from runs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = fileURLToPath(new URL('..', import.meta.url));

test('the package ships dist, template and the variant drivers, and no .cache, node_modules or database', async () => {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], { cwd: here });
  const [{ files }] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  const paths = files.map((f) => f.path);
  for (const path of ['bin/create-djust-app.js', 'dist/cli.js', 'template/package.json', 'template/gitignore', 'template/src/views/books.ts', 'template/test/app.test.ts', 'variants/postgres/src/driver.ts']) {
    assert.ok(paths.includes(path), path);
  }
  assert.deepEqual(paths.filter((p) => /(^|\/)(\.cache|node_modules)\/|\.sqlite$|shape\.ts$|^src\//.test(p)), []);
});
