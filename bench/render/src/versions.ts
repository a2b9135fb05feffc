/** The versions of the engines compared, for the header line: numbers mean nothing without them. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { version as liquidVersion } from 'liquidjs';

const require = createRequire(import.meta.url);

/**
 * Walks up from the package's entry point to its package.json, because a package whose
 * `exports` map leaves out `./package.json` (as @djust/templates does) cannot resolve it.
 */
function packageVersion(name: string): string {
  try {
    let dir = path.dirname(require.resolve(name));
    for (;;) {
      const file = path.join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      }
      const up = path.dirname(dir);
      if (up === dir) return '?';
      dir = up;
    }
  } catch {
    return '?';
  }
}

export function engineVersions(): string[] {
  return [`@djust/templates ${packageVersion('@djust/templates')}`, `nunjucks ${packageVersion('nunjucks')}`, `liquidjs ${liquidVersion}`];
}
