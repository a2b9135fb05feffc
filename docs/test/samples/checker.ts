/**
 * The docs' sample checker: one check per fenced block of a Markdown file, each named
 * `<file>:<line> <info>`, following the rules in docs/README.md ("Writing docs").
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fencedBlocks, type FencedBlock } from './markdown.js';
import { compileTemplate, parseContext, renderTemplate } from './check-django.js';
import { checkShell } from './check-sh.js';
import { runTsSample } from './run-ts.js';

export interface CheckerOptions {
  /** The repository root: names are relative to it, sh blocks are checked against it. */
  repoRoot: string;
  /** The package ts samples run in (so its dependencies and fixtures resolve). */
  packageDir: string;
  /** The package.json the scaffolder generates, for `# in your app` sh blocks. */
  appTemplate: string;
  /** How long a ts sample may run. */
  tsTimeoutMs: number;
}

export interface SampleCheck {
  /** `docs/jit.md:42 ts` */
  name: string;
  run(): Promise<void>;
}

/** A failed sample: its message names file and line; a stack into the checker would only add noise. */
export class SampleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SampleError';
    this.stack = `${this.name}: ${message}`;
  }
}

export const KNOWN_INFO = ['ts', 'django', 'output', 'text', 'json', 'sh'] as const;

/** The Markdown files whose samples are checked: docs/*.md, packages/* and apps/* READMEs, the root README. */
export function docFiles(repoRoot: string): string[] {
  const inDir = (dir: string): string[] =>
    existsSync(join(repoRoot, dir)) ? readdirSync(join(repoRoot, dir)).sort().map((f) => join(repoRoot, dir, f)) : [];
  const readmes = (dir: string): string[] => inDir(dir).map((d) => join(d, 'README.md')).filter((f) => existsSync(f));
  return [
    join(repoRoot, 'README.md'),
    ...inDir('docs').filter((f) => f.endsWith('.md')),
    ...readmes('packages'),
    ...readmes('apps'),
  ].filter((f) => existsSync(f));
}

/** One check per fenced block of `file`. */
export function checksFor(file: string, options: CheckerOptions): SampleCheck[] {
  const blocks = fencedBlocks(readFileSync(file, 'utf8'));
  const where = relative(options.repoRoot, file);
  return blocks.map((block) => ({
    name: `${where}:${block.line} ${block.info || '(no info string)'}`,
    run: () => checkBlock(block, blocks, where, options),
  }));
}

async function checkBlock(block: FencedBlock, blocks: FencedBlock[], where: string, options: CheckerOptions): Promise<void> {
  const at = `${where}:${block.line}`;
  const below = block.next !== undefined && blocks[block.next].info === 'output' ? blocks[block.next] : undefined;
  switch (block.info) {
    case 'ts':
      return checkTs(block, below, at, options);
    case 'django':
      return checkDjango(block, below, at);
    case 'output': {
      const owner = block.previous !== undefined ? blocks[block.previous] : undefined;
      const owned = owner !== undefined && (owner.info === 'ts' || (owner.info === 'django' && parseContext(owner.commentAbove) !== undefined));
      if (!owned) throw new SampleError(`${at}: an output block must directly follow a ts block or a django block with a <!-- context: ... --> comment`);
      return;
    }
    case 'text':
      return;
    case 'json':
      try {
        JSON.parse(block.body);
      } catch (err) {
        throw new SampleError(`${at}: the json block does not parse: ${(err as Error).message}`);
      }
      return;
    case 'sh': {
      const problems = checkShell(block.body, { repoRoot: options.repoRoot, appTemplate: options.appTemplate });
      if (problems.length) {
        throw new SampleError(problems.map((p) => `${where}:${block.line + 1 + p.offset}: ${p.problem}`).join('\n'));
      }
      return;
    }
    case '':
      throw new SampleError(`${at}: a fenced block needs an info string (one of ${KNOWN_INFO.join(', ')})`);
    default:
      throw new SampleError(`${at}: unknown info string '${block.info}' (known: ${KNOWN_INFO.join(', ')}); add a rule to docs/test/samples before using it`);
  }
}

async function checkTs(block: FencedBlock, output: FencedBlock | undefined, at: string, options: CheckerOptions): Promise<void> {
  const run = await runTsSample(block.body + '\n', options.packageDir, options.tsTimeoutMs);
  // The start of stderr names the error and where it was thrown; the rest is mostly stack.
  const head = (s: string): string => s.trim().split('\n').slice(0, 25).join('\n');
  if (run.timedOut) throw new SampleError(`${at}: the ts sample did not exit within ${options.tsTimeoutMs / 1000} s (does it close what it opens?)\n${head(run.stderr)}`);
  if (run.code !== 0) throw new SampleError(`${at}: the ts sample exited with ${run.code ?? run.signal}\n${head(run.stderr)}`);
  if (output && run.stdout.replace(/\n+$/, '') !== output.body) {
    throw new SampleError(`${at}: the ts sample printed\n${run.stdout.replace(/\n+$/, '')}\nbut the output block below it (line ${output.line}) says\n${output.body}`);
  }
}

async function checkDjango(block: FencedBlock, output: FencedBlock | undefined, at: string): Promise<void> {
  let context: object | undefined;
  try {
    context = parseContext(block.commentAbove);
  } catch (err) {
    throw new SampleError(`${at}: ${(err as Error).message}`);
  }
  try {
    compileTemplate(block.body);
  } catch (err) {
    throw new SampleError(`${at}: the template does not compile: ${(err as Error).message}`);
  }
  if (context === undefined) return;
  if (!output) throw new SampleError(`${at}: a django block with a context needs an output block directly below it`);
  let html: string;
  try {
    html = renderTemplate(block.body, context);
  } catch (err) {
    throw new SampleError(`${at}: rendering failed: ${(err as Error).message}`);
  }
  const actual = html.replace(/\n+$/, '');
  if (actual !== output.body) {
    throw new SampleError(`${at}: the template renders\n${actual}\nbut the output block below it (line ${output.line}) says\n${output.body}`);
  }
}
