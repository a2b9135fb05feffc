/** Where the checker looks when it runs on this repository. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { CheckerOptions } from './checker.js';

export function checkerOptions(): CheckerOptions {
  const packageDir = fileURLToPath(new URL('../..', import.meta.url));
  const repoRoot = join(packageDir, '..');
  return {
    repoRoot,
    packageDir,
    appTemplate: join(repoRoot, 'packages', 'create-djust-app', 'template', 'package.json'),
    tsTimeoutMs: 60_000,
  };
}
