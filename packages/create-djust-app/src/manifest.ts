/**
 * The app's package.json: the template's, with the app's name and the chosen database's driver.
 * From a checkout of djust, every version comes from the checkout's own package.json files
 * (one source, no table to keep in step) and the @djust packages from vendor/djust tarballs.
 */
import type { Choices, TemplateManifest } from './template.js';

export interface LocalSources {
  /** Package name → the exact version the checkout pins. */
  versions: Record<string, string>;
  /** @djust package name → its tarball, relative to the app (vendor/djust/….tgz). */
  tarballs: Record<string, string>;
}

const DRIVERS = { sqlite: '@mikro-orm/sqlite', postgres: '@mikro-orm/postgresql' } as const;

function sorted(deps: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
}

export function appManifest(choices: Choices, template: TemplateManifest, local?: LocalSources): Record<string, unknown> {
  const dependencies = { ...template.dependencies };
  if (choices.db !== 'sqlite') {
    // Drivers move in step with @mikro-orm/core.
    delete dependencies[DRIVERS.sqlite];
    dependencies[DRIVERS[choices.db]] = dependencies['@mikro-orm/core'];
  }
  const devDependencies = { ...template.devDependencies };
  const manifest: Record<string, unknown> = { ...template, name: choices.name };
  if (local) {
    for (const deps of [dependencies, devDependencies]) {
      for (const name of Object.keys(deps)) {
        const spec = name in local.tarballs ? `file:${local.tarballs[name]}` : local.versions[name];
        if (!spec) throw new Error(`the djust checkout pins no version of ${name}`);
        deps[name] = spec;
      }
    }
    // The packages' own @djust dependencies must come from the tarballs too, not the registry.
    manifest.overrides = sorted(Object.fromEntries(Object.entries(local.tarballs).map(([name, file]) => [name, `file:${file}`])));
  }
  manifest.dependencies = sorted(dependencies);
  manifest.devDependencies = sorted(devDependencies);
  return manifest;
}
