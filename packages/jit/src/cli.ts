#!/usr/bin/env node
/**
 * The `djust` command. `djust check [--config djust.config.js]` reports every template path
 * that matches no field, relation, getter or method, and exits 1 when there is any.
 *
 * The config module's default export: { templates: string[], orm: MikroORM | () => MikroORM |
 * Promise<MikroORM>, variables?: { [template]: { [variable]: 'EntityName' } }, tags?: custom tags }.
 * Without `tags`, the tags of the project's @djust/server (`{% js %}`, `{% live_render %}`) are used when it is installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MikroORM } from '@mikro-orm/core';
import type { CustomTagSpec } from '@djust/templates';
import { checkTemplates, formatFinding } from './check.js';

interface CheckConfig {
  templates: string[];
  orm: MikroORM | (() => MikroORM | Promise<MikroORM>);
  variables?: Record<string, Record<string, string>>;
  tags?: Record<string, CustomTagSpec>;
}

const DEFAULT_CONFIGS = ['djust.config.js', 'djust.config.mjs', 'djust.config.ts'];

interface TsxApi {
  tsImport(specifier: string, parentURL: string): Promise<unknown>;
}

interface TsxManifest {
  exports: Record<string, { import: { default: string } }>;
}

/**
 * A `.ts` config (and the entities it imports) needs a TypeScript loader. Plain node cannot
 * import it, so it goes through the project's own tsx, found from the config's folder. The ESM
 * entry is read from tsx's manifest: resolving from here would give its CommonJS one.
 */
async function importConfig(file: string): Promise<unknown> {
  if (!/\.[mc]?ts$/.test(file)) return import(pathToFileURL(file).href);
  let manifest: string;
  try {
    manifest = createRequire(file).resolve('tsx/package.json');
  } catch {
    throw new Error(`${file} is TypeScript, and loading it needs tsx in the project: npm i -D tsx (or write djust.config.js)`);
  }
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as TsxManifest;
  const api = resolve(dirname(manifest), exports['./esm/api'].import.default);
  const { tsImport } = (await import(pathToFileURL(api).href)) as TsxApi;
  return tsImport(pathToFileURL(file).href, import.meta.url);
}

async function loadConfig(path: string | undefined): Promise<{ config: CheckConfig; file: string }> {
  const file = path ? resolve(path) : DEFAULT_CONFIGS.map((f) => resolve(f)).find((f) => existsSync(f));
  if (!file || !existsSync(file)) throw new Error(`No config found (looked for ${path ?? DEFAULT_CONFIGS.join(', ')})`);
  const mod = (await importConfig(file)) as { default?: CheckConfig };
  if (!mod.default?.templates || !mod.default.orm) throw new Error(`${file} must export default { templates, orm }`);
  return { config: mod.default, file };
}

/**
 * The project's @djust/server tags, found from the config's folder (jit does not depend on the
 * server: the project that has both does); none when it has no server.
 */
async function serverTags(file: string): Promise<Record<string, CustomTagSpec> | undefined> {
  let entry: string;
  try {
    entry = createRequire(file).resolve('@djust/server');
  } catch {
    return undefined;
  }
  const mod = (await import(pathToFileURL(entry).href)) as { templateTags?: Record<string, CustomTagSpec> };
  return mod.templateTags;
}

async function check(args: string[]): Promise<number> {
  const at = args.indexOf('--config');
  const { config, file } = await loadConfig(at >= 0 ? args[at + 1] : undefined);
  const orm = typeof config.orm === 'function' ? await config.orm() : config.orm;
  try {
    const base = resolve(file, '..');
    const tags = config.tags ?? (await serverTags(file));
    const result = checkTemplates({ dirs: config.templates.map((d) => resolve(base, d)), metadata: orm.getMetadata(), variables: config.variables, tags });
    for (const e of result.errors) console.log(`${e.template}: ${e.message}`);
    for (const f of result.findings) console.log(formatFinding(f));
    const problems = result.findings.length + result.errors.length;
    console.log(`djust check: ${result.templates} templates, ${result.checked} entity variables, ${problems} problem${problems === 1 ? '' : 's'}`);
    return problems ? 1 : 0;
  } finally {
    await orm.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') return check(rest);
  console.error('usage: djust check [--config djust.config.js]');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`djust: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
