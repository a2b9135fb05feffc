/** One line naming what the numbers were measured on, since they mean nothing without it. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { version as liquidVersion } from 'liquidjs';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return [
    `node ${process.version}`,
    `${os.platform()} ${os.arch()}`,
    `${os.availableParallelism()} cores (${model})`,
    `@djust/templates ${packageVersion('@djust/templates')}`,
    `nunjucks ${packageVersion('nunjucks')}`,
    `liquidjs ${liquidVersion}`,
  ].join(' · ');
}
