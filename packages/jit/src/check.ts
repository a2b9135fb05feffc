/**
 * `djust check`: every template of an app, every variable that stands for an entity, every
 * path checked against the entity's metadata. A variable's entity comes from the app's
 * declaration (`variables: { 'dashboard.html': { expiring_soon: 'Lease' } }`), or from its name
 * when that names an entity (`lease`, `leases`, `maintenance_requests`).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { EntityMetadata, MetadataStorage } from '@mikro-orm/core';
import { Engine, type CustomTagSpec } from '@djust/templates';
import { planPaths, type PathInput, type PlanIssue } from './plan.js';
import { extractPaths } from './paths.js';

export interface CheckOptions {
  /** Template folders. */
  dirs: string[];
  metadata: MetadataStorage;
  /** Per template name, per variable: the entity class name. `'*'` applies to every template. */
  variables?: Record<string, Record<string, string>>;
  /** File name endings that are templates (default: .html, .txt, .xml). */
  extensions?: string[];
  /** The app's custom tags, so templates using them compile (a djust app's: `templateTags` of @djust/server). */
  tags?: Record<string, CustomTagSpec>;
}

export interface CheckFinding extends PlanIssue {
  variable: string;
  entity: string;
}

export interface CheckResult {
  templates: number;
  checked: number;
  findings: CheckFinding[];
  /** Templates that failed to parse, with the error. */
  errors: { template: string; message: string }[];
}

function listTemplates(dir: string, extensions: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.some((e) => name.endsWith(e))) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

function pascal(snake: string): string {
  return snake.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** The entity a variable's name suggests: `lease`, `leases`, `properties` → Property. */
export function entityForName(name: string, metadata: MetadataStorage): EntityMetadata | undefined {
  return matchName(name, metadata)?.meta;
}

/** The entity a name suggests, and whether the name is a plural (a list of them). */
function matchName(name: string, metadata: MetadataStorage): { meta: EntityMetadata; many: boolean } | undefined {
  const candidates = [name, name.replace(/ies$/, 'y'), name.replace(/es$/, ''), name.replace(/s$/, '')];
  for (const [i, c] of candidates.entries()) {
    const meta = metadata.find(pascal(c));
    if (meta) return { meta, many: i > 0 && c !== name };
  }
  return undefined;
}

/**
 * A variable's entity: declared (a list or one entity, so QuerySet idioms are accepted on it),
 * or suggested by its name (a plural is a list).
 */
function variableEntity(variable: string, declared: string | undefined, metadata: MetadataStorage): { meta: EntityMetadata; many: boolean } | undefined {
  if (!declared) return matchName(variable, metadata);
  const meta = metadata.find(declared);
  return meta ? { meta, many: true } : undefined;
}

export function checkTemplates(options: CheckOptions): CheckResult {
  const engine = new Engine({ dirs: options.dirs, tags: options.tags });
  const result: CheckResult = { templates: 0, checked: 0, findings: [], errors: [] };
  const names = new Set(options.dirs.flatMap((d) => listTemplates(d, options.extensions ?? ['.html', '.txt', '.xml'])));
  for (const name of names) {
    result.templates++;
    let paths: Map<string, PathInput[]>;
    try {
      paths = extractPaths(engine.getTemplate(name));
    } catch (e) {
      result.errors.push({ template: name, message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const declared = { ...(options.variables?.['*'] ?? {}), ...(options.variables?.[name] ?? {}) };
    for (const [variable, list] of paths) {
      const found = variableEntity(variable, declared[variable], options.metadata);
      if (!found) continue;
      const { meta, many } = found;
      result.checked++;
      const plan = planPaths(meta, variable, list, { many });
      for (const issue of plan.issues) result.findings.push({ ...issue, variable, entity: meta.className });
    }
  }
  return result;
}

export function formatFinding(f: CheckFinding): string {
  return `${f.template ?? '?'}:${f.line ?? '?'}: ${f.path}: ${f.message}`;
}
