/**
 * Live reload of templates in development (Phoenix's live_reload, Django's autoreload of
 * templates): the app's template folders are watched; after a change every changed file is
 * compiled first, and only when all compile is the engine's cache dropped and every connected
 * view rendered again (a normal diff, state kept), or its page reloaded when what changed lies
 * outside the live part (the layout; the base a Django-way page extends, or that page's other
 * blocks). A file that does
 * not compile is logged with its name, line and column, and the views keep their last render
 * until it is fixed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { SafeString, flattenedSourceHash, type Engine, type Template } from '@djust/templates';
import type { Logger } from './core.js';
import { FolderWatch } from './folder-watch.js';

/**
 * Whether an app reloads templates: its `liveReload` option, by default on unless NODE_ENV is
 * `production` or `test` (as the development panel). Asked for in production, it is refused:
 * a production server does not watch its files.
 */
export function liveReloadEnabled(option: boolean | undefined, env = process.env.NODE_ENV): boolean {
  if (option && env === 'production') throw new Error('liveReload must be off in production (NODE_ENV=production)');
  return option ?? (env !== 'production' && env !== 'test');
}

/** What became of one view after a reload. */
export type ReloadOutcome = 'rendered' | 'unchanged' | 'page' | 'failed';

/** `name:line:col: reason` for a template error that carries its position, else the error's message. */
export function describeTemplateError(e: unknown): string {
  const err = e as { position?: { template: string; line: number; column: number }; reason?: string; message?: string };
  const reason = err.reason ?? err.message ?? String(e);
  return err.position ? `${err.position.template}:${err.position.line}:${err.position.column}: ${reason}` : reason;
}

/**
 * What a page shows around its live part, as a string that changes when that does: the layout
 * for a view rendered into it; for a page written the Django way, the page's own template with
 * its live block left out, and the base it extends with everything that base reaches. When it
 * changes, a diff of the live part cannot show the change: the page is loaded again.
 */
export function frameOf(engine: Engine, template: Template, liveBlock: string | null, layout: Template | undefined): string {
  if (liveBlock === null) return layout ? flattenedSourceHash(layout) : '';
  const base = baseNameOf(template);
  let baseHash = '';
  try {
    if (base !== undefined) baseHash = flattenedSourceHash(engine.getTemplate(base));
  } catch {
    // The base does not exist or does not compile: the render reports it.
  }
  return `${outsideBlock(template, liveBlock)}\0${baseHash}`;
}

/** The template's parsed nodes, positions dropped and the live block's body left out. */
function outsideBlock(template: Template, liveBlock: string): string {
  try {
    return JSON.stringify(template.nodes, (key, value: unknown) => {
      if (key === 'pos' || key === 'spec') return undefined;
      const node = value as { kind?: unknown; name?: unknown } | null;
      return node && node.kind === 'block' && node.name === liveBlock ? { kind: 'block', name: liveBlock } : value;
    });
  } catch {
    return ''; // a custom tag's node that is not plain data: only the base is compared
  }
}

/** The name in a template's `{% extends "name" %}`, when it is a literal. */
function baseNameOf(template: Template): string | undefined {
  const ext = template.nodes.find((n) => n.kind === 'extends');
  if (ext?.kind !== 'extends' || ext.parent.filters.length || ext.parent.base?.kind !== 'literal') return undefined;
  const value = ext.parent.base.value;
  return value instanceof SafeString ? value.value : typeof value === 'string' ? value : undefined;
}

/** What the reloader asks of the app. */
export interface ReloadTarget {
  engine: Engine;
  log: Logger;
  /** Drops every compiled template and re-renders every connected view; each view's outcome. */
  reloadViews(): Promise<ReloadOutcome[]>;
}

export class TemplateReloader {
  private readonly watch: FolderWatch;
  /** Changed files not yet reloaded (one of them did not compile). */
  private readonly pending = new Set<string>();
  /** Reloads run one after another, each seeing the files as they are when it starts. */
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly target: ReloadTarget,
    private readonly dirs: readonly string[],
    debounceMs?: number,
  ) {
    this.watch = new FolderWatch(dirs, {
      debounceMs,
      onChange: (paths) => {
        for (const p of paths) this.pending.add(p);
        this.running = this.running.then(() => this.reload()).catch((e: unknown) => target.log.error('[djust] live reload failed', e));
      },
      onError: (e) => target.log.warn(`[djust] live reload cannot watch a template folder: ${describeTemplateError(e)}`),
    });
  }

  /** Resolves once the reloads already started have finished (for tests). */
  settled(): Promise<void> {
    return this.running;
  }

  close(): void {
    this.watch.close();
  }

  /** The template name of a file: its path inside the first folder holding it. */
  private nameOf(path: string): string {
    for (const dir of this.dirs) {
      const rel = relative(dir, path);
      if (rel && !rel.startsWith('..')) return rel.split(sep).join('/');
    }
    return path;
  }

  private async reload(): Promise<void> {
    if (!this.pending.size) return;
    const paths = [...this.pending];
    const names = paths.map((p) => this.nameOf(p));
    const { engine, log } = this.target;
    for (const [i, path] of paths.entries()) {
      if (!existsSync(path)) continue;
      try {
        engine.fromString(readFileSync(path, 'utf8'), names[i], path);
      } catch (e) {
        log.error(`[djust] Template error: ${describeTemplateError(e)} (not reloaded; the views keep their last render)`);
        return;
      }
    }
    this.pending.clear();
    const outcomes = await this.target.reloadViews();
    log.info(`Reloaded templates: ${names.join(', ')} (${summary(outcomes)})`);
  }
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function summary(outcomes: readonly ReloadOutcome[]): string {
  const n = (o: ReloadOutcome): number => outcomes.filter((x) => x === o).length;
  const parts = [count(n('rendered'), 'view re-rendered', 'views re-rendered')];
  if (n('page')) parts.push(count(n('page'), 'page reloaded', 'pages reloaded'));
  if (n('failed')) parts.push(count(n('failed'), 'view kept its last render', 'views kept their last render'));
  return parts.join(', ');
}
