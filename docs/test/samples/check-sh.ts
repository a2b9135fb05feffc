/**
 * A ```sh block: every npm script, npx bin and `npm create` package it names must exist where the
 * block runs (the repository root, a `-w` workspace, or, under `# in your app`, the app the
 * scaffolder generates).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

interface PackageJson {
  name?: string;
  scripts?: Record<string, string>;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  workspaces?: string[];
}

export interface ShContext {
  repoRoot: string;
  /** The package.json the scaffolder writes into a new app. */
  appTemplate: string;
}

/** Where a command runs: a package.json, and the folder whose node_modules/.bin npx searches. */
interface Place {
  label: string;
  pkg: PackageJson;
  dir: string;
}

export const IN_YOUR_APP = '# in your app';

function readJson(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** Every workspace folder of the root package.json (`packages/*` style patterns and plain paths). */
function workspaces(repoRoot: string): { dir: string; pkg: PackageJson }[] {
  const out: { dir: string; pkg: PackageJson }[] = [];
  for (const pattern of readJson(join(repoRoot, 'package.json')).workspaces ?? []) {
    const dirs = pattern.endsWith('/*')
      ? readdirSync(join(repoRoot, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => join(repoRoot, pattern.slice(0, -2), d.name))
      : [join(repoRoot, pattern)];
    for (const dir of dirs) if (existsSync(join(dir, 'package.json'))) out.push({ dir, pkg: readJson(join(dir, 'package.json')) });
  }
  return out;
}

function findWorkspace(ctx: ShContext, name: string): Place {
  const all = workspaces(ctx.repoRoot);
  const hit = all.find((w) => w.pkg.name === name || relative(ctx.repoRoot, w.dir) === name.replace(/\/$/, ''));
  if (!hit) throw new Error(`no workspace '${name}' (workspaces: ${all.map((w) => w.pkg.name).join(', ')})`);
  return { label: `workspace ${hit.pkg.name}`, pkg: hit.pkg, dir: hit.dir };
}

function appPlace(ctx: ShContext): Place {
  if (!existsSync(ctx.appTemplate)) {
    throw new Error(`no scaffolder template: ${relative(ctx.repoRoot, ctx.appTemplate)} does not exist, so '${IN_YOUR_APP}' commands cannot be checked`);
  }
  let pkg: PackageJson;
  try {
    pkg = readJson(ctx.appTemplate);
  } catch (err) {
    throw new Error(`the scaffolder template ${relative(ctx.repoRoot, ctx.appTemplate)} is not JSON: ${(err as Error).message}`);
  }
  return { label: 'the generated app', pkg, dir: dirname(ctx.appTemplate) };
}

function binNames(pkg: PackageJson): string[] {
  if (typeof pkg.bin === 'string') return pkg.name ? [pkg.name.replace(/^@[^/]+\//, '')] : [];
  return Object.keys(pkg.bin ?? {});
}

/** A dependency's package.json as installed for `dir` (npm hoists most to the root). */
function installedPackage(ctx: ShContext, dir: string, dep: string): PackageJson | undefined {
  for (const base of [dir, ctx.repoRoot]) {
    const file = join(base, 'node_modules', dep, 'package.json');
    if (existsSync(file)) return readJson(file);
  }
  return undefined;
}

/**
 * Whether `npx bin` finds a bin at a place: the place's own, one of the dependencies it
 * declares, or (at the repository root, where npm links them) a workspace's. Read from the
 * package.json files, not node_modules/.bin, so the answer does not depend on whether the
 * workspaces were built before the last install.
 */
function hasBin(ctx: ShContext, place: Place, bin: string, atRoot: boolean): boolean {
  if (binNames(place.pkg).includes(bin)) return true;
  const deps = Object.keys({ ...place.pkg.dependencies, ...place.pkg.devDependencies });
  if (deps.some((dep) => binNames(installedPackage(ctx, place.dir, dep) ?? {}).includes(bin))) return true;
  return atRoot && workspaces(ctx.repoRoot).some((w) => binNames(w.pkg).includes(bin));
}

/** Splits a line into simple commands at `&&`, `||`, `;` and `|`, dropping a trailing comment. */
function commands(line: string): string[][] {
  const code = line.replace(/(^|\s)#.*$/, '');
  return code
    .split(/&&|\|\||;|\|/)
    .map((part) => part.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);
}

/** Takes `-w X`, `--workspace X`, `--workspace=X` out of an npm command's words. */
function takeWorkspace(words: string[]): { rest: string[]; workspace?: string } {
  const rest: string[] = [];
  let workspace: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '-w' || w === '--workspace') workspace = words[++i];
    else if (w.startsWith('--workspace=')) workspace = w.slice('--workspace='.length);
    else rest.push(w);
  }
  return workspace === undefined ? { rest } : { rest, workspace };
}

/** Checks one simple command; returns the problem, or undefined when it is fine (or not npm). */
function checkCommand(ctx: ShContext, words: string[], inApp: boolean): string | undefined {
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words = words.slice(1); // PORT=3000 npm start
  const [tool, ...args] = words;
  if (tool !== 'npm' && tool !== 'npx') return undefined;
  const { rest, workspace } = takeWorkspace(args);
  const place = (): Place => (workspace !== undefined ? findWorkspace(ctx, workspace) : inApp ? appPlace(ctx) : { label: 'the repository root', pkg: readJson(join(ctx.repoRoot, 'package.json')), dir: ctx.repoRoot });
  const atRoot = !inApp && workspace === undefined;
  try {
    if (tool === 'npx') {
      const bin = rest.find((w) => !w.startsWith('-'));
      if (!bin) return `'${words.join(' ')}' names no command`;
      const name = bin.replace(/(.)@.*$/, '$1');
      const p = place();
      return hasBin(ctx, p, name, atRoot) ? undefined : `npx ${name}: no such bin in ${p.label}`;
    }
    const [sub, target] = rest;
    if (sub === 'run' || sub === 'run-script') {
      const script = rest.slice(1).find((w) => !w.startsWith('-'));
      if (!script) return `'${words.join(' ')}' names no script`;
      return scriptProblem(place(), script);
    }
    if (sub === 'start' || sub === 'test' || sub === 't') return scriptProblem(place(), sub === 't' ? 'test' : sub);
    if (sub === 'create' || sub === 'init') {
      if (!target) return `'${words.join(' ')}' names no package`;
      const pkgName = initializerPackage(target);
      const ws = workspaces(ctx.repoRoot).find((w) => w.pkg.name === pkgName);
      if (!ws) return `npm ${sub} ${target}: no workspace package '${pkgName}' in this repository`;
      return binNames(ws.pkg).length ? undefined : `npm ${sub} ${target}: package '${pkgName}' has no bin`;
    }
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The package `npm create X` runs: foo → create-foo, @s/foo → @s/create-foo, @s → @s/create. */
function initializerPackage(target: string): string {
  const scoped = /^(@[^/@]+)(?:\/([^@]+))?/.exec(target);
  if (scoped) return scoped[2] ? `${scoped[1]}/create-${scoped[2]}` : `${scoped[1]}/create`;
  return `create-${target.replace(/@.*$/, '')}`;
}

function scriptProblem(place: Place, script: string): string | undefined {
  if (place.pkg.scripts?.[script] !== undefined) return undefined;
  const known = Object.keys(place.pkg.scripts ?? {});
  return `no script '${script}' in ${place.label} (its scripts: ${known.join(', ') || 'none'})`;
}

/** All problems of a sh block, each with its line offset inside the block (0 = first line). */
export function checkShell(body: string, ctx: ShContext): { offset: number; problem: string }[] {
  const lines = body.split('\n');
  const inApp = lines[0]?.trim() === IN_YOUR_APP;
  const problems: { offset: number; problem: string }[] = [];
  if (inApp) {
    try {
      appPlace(ctx);
    } catch (err) {
      return [{ offset: 0, problem: (err as Error).message }]; // once for the block, not per line
    }
  }
  lines.forEach((line, offset) => {
    for (const words of commands(line)) {
      const problem = checkCommand(ctx, words, inApp);
      if (problem) problems.push({ offset, problem });
    }
  });
  return problems;
}
