/**
 * Local mode: the scaffolder runs from a checkout of djust (its sibling folders are the @djust
 * packages), so the app must use those packages, not the registry's. Each is packed with
 * `npm pack` into the app's vendor/djust: a tarball installs as a published package would, with
 * its own dependencies, whereas a file: link to the folder would also load the checkout's
 * node_modules (a second @mikro-orm/core among them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run.js';

const FOLDERS = ['protocol', 'templates', 'jit', 'server', 'client'];

interface Manifest {
  name: string;
  version: string;
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface Checkout {
  root: string;
  packages: { name: string; dir: string; main: string }[];
}

function readManifest(path: string): Manifest | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : undefined;
}

/** The checkout this scaffolder runs from, or undefined when it was installed from the registry. */
export function findCheckout(packagesDir = fileURLToPath(new URL('../..', import.meta.url))): Checkout | undefined {
  const packages: Checkout['packages'] = [];
  for (const folder of FOLDERS) {
    const dir = join(packagesDir, folder);
    const manifest = readManifest(join(dir, 'package.json'));
    if (manifest?.name !== `@djust/${folder}`) return undefined;
    packages.push({ name: manifest.name, dir, main: join(dir, manifest.main ?? 'dist/index.js') });
  }
  return { root: resolve(packagesDir, '..'), packages };
}

/** Every exact version the checkout's package.json files pin (root, packages, apps). */
export function checkoutVersions(root: string): Record<string, string> {
  const versions: Record<string, string> = {};
  const manifests = [join(root, 'package.json')];
  for (const group of ['packages', 'apps']) {
    const dir = join(root, group);
    if (existsSync(dir)) for (const name of readdirSync(dir).sort()) manifests.push(join(dir, name, 'package.json'));
  }
  for (const path of manifests) {
    const manifest = readManifest(path);
    for (const [name, version] of Object.entries({ ...manifest?.dependencies, ...manifest?.devDependencies })) versions[name] ??= version;
  }
  return versions;
}

/** Builds the packages with turbo when one has no build output yet. */
async function ensureBuilt(checkout: Checkout): Promise<void> {
  const missing = () => checkout.packages.filter((p) => !existsSync(p.main));
  if (!missing().length) return;
  const filters = checkout.packages.map((p) => `--filter=${p.name}`);
  const built = await run('npx', ['turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], checkout.root);
  const still = missing();
  if (built.code !== 0 || still.length) {
    throw new Error(`the djust packages are not built (${still.map((p) => p.name).join(', ') || 'build failed'}); run \`npx turbo run build\` in ${checkout.root}\n${built.stderr.trim()}`);
  }
}

/** Packs every @djust package into `dest`; returns package name → tarball file name. */
export async function packCheckout(checkout: Checkout, dest: string): Promise<Record<string, string>> {
  await ensureBuilt(checkout);
  const packed = await run('npm', ['pack', '--json', '--pack-destination', dest, ...checkout.packages.map((p) => p.dir)], checkout.root);
  if (packed.code !== 0) throw new Error(`npm pack of the djust packages failed:\n${packed.stderr.trim()}`);
  const results = JSON.parse(packed.stdout) as { name: string; filename: string }[];
  return Object.fromEntries(results.map((r) => [r.name, r.filename]));
}
