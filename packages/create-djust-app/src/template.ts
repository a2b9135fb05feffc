/**
 * The app's files: the template folder as it is (real, type-checked files), the chosen
 * database's variant files over it, and a few exact replacements (name, port, database). A
 * replacement whose text is no longer in its file is an error, so the template cannot drift
 * away from the scaffolder silently.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './args.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const TEMPLATE_DIR = join(PACKAGE_DIR, 'template');
const VARIANTS_DIR = join(PACKAGE_DIR, 'variants');

/** npm leaves a package's .gitignore out, so the template keeps it under another name. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

export interface Choices {
  name: string;
  db: Database;
  port: number;
  /** Whether vendor/djust holds the packages (an app made from a checkout of djust). */
  vendored: boolean;
}

/** Relative path (with /) → contents. */
export type Files = Map<string, string>;

interface Replacement {
  file: string;
  from: string;
  to: (c: Choices) => string;
  when?: (c: Choices) => boolean;
}

const TEMPLATE_NAME = 'my-djust-app';
const SQLITE_NOTE = 'The data is in SQLite, in `app.sqlite` (created on the first start; set `DATABASE_URL` to use another file).';
const POSTGRES_NOTE =
  'The data is in PostgreSQL, at the URL in `DATABASE_URL` (`postgres://user:password@localhost:5432/my_app`): set it before `npm start`. ' +
  '`npm test` uses the same variable and empties that database first, so give the tests a database of their own.';
const VENDOR_NOTE = `## vendor/djust

This app was made from a checkout of djust, before its packages are on the registry:
\`vendor/djust/\` holds them as tarballs (\`npm pack\` of each), and \`package.json\` depends on
them with \`file:\` specs and \`overrides\`, so every \`@djust/*\` package comes from there. Once
the packages are published, replace the specs with versions and delete the folder.
`;

const REPLACEMENTS: Replacement[] = [
  { file: 'README.md', from: `# ${TEMPLATE_NAME}`, to: (c) => `# ${c.name}` },
  { file: 'README.md', from: 'http://localhost:8000/', to: (c) => `http://localhost:${c.port}/` },
  { file: 'README.md', from: SQLITE_NOTE, to: () => POSTGRES_NOTE, when: (c) => c.db === 'postgres' },
  { file: 'README.md', from: '<!-- vendor -->\n', to: (c) => (c.vendored ? `${VENDOR_NOTE}\n` : '') },
  { file: 'templates/base.html', from: ` · ${TEMPLATE_NAME}</title>`, to: (c) => ` · ${c.name}</title>` },
  { file: 'templates/base.html', from: `dj-navigate>${TEMPLATE_NAME}</a>`, to: (c) => `dj-navigate>${c.name}</a>` },
  { file: 'src/main.ts', from: 'const DEFAULT_PORT = 8000;', to: (c) => `const DEFAULT_PORT = ${c.port};` },
];

/** Names the template's gitignore lists (node_modules/, .cache/, app.sqlite): left over from running it here, never copied. */
function ignoredNames(): Set<string> {
  const lines = readFileSync(join(TEMPLATE_DIR, 'gitignore'), 'utf8').split('\n');
  return new Set(lines.map((l) => l.trim().replace(/\/$/, '')).filter((l) => l && !l.startsWith('#')));
}

function readTree(dir: string, ignored: Set<string>): Files {
  const files: Files = new Map();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      if (ignored.has(entry)) continue;
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

function replace(files: Files, r: Replacement, choices: Choices): void {
  const text = files.get(r.file);
  if (text === undefined || !text.includes(r.from)) throw new Error(`the template's ${r.file} no longer holds ${JSON.stringify(r.from)}`);
  files.set(r.file, text.split(r.from).join(r.to(choices)));
}

/** Every file of the app but package.json (see manifest.ts), under its final name. */
export function appFiles(choices: Choices): Files {
  const ignored = ignoredNames();
  const files = readTree(TEMPLATE_DIR, ignored);
  files.delete('package.json');
  if (choices.db !== 'sqlite') for (const [path, text] of readTree(join(VARIANTS_DIR, choices.db), ignored)) if (path.startsWith('src/')) files.set(path, text);
  for (const r of REPLACEMENTS) if (!r.when || r.when(choices)) replace(files, r, choices);
  for (const [from, to] of Object.entries(RENAMED)) {
    const text = files.get(from);
    if (text === undefined) continue;
    files.delete(from);
    files.set(to, text);
  }
  return files;
}

/** The template's package.json, parsed. */
export function templateManifest(): TemplateManifest {
  return JSON.parse(readFileSync(join(TEMPLATE_DIR, 'package.json'), 'utf8')) as TemplateManifest;
}

export interface TemplateManifest {
  name: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  [key: string]: unknown;
}
