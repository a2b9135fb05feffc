#!/usr/bin/env node
/**
 * `npm create djust-app <folder>` / `npx create-djust-app <folder>`: writes a small djust app
 * (two live views, two entities, a test), installs it, and prints the commands that start it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, USAGE, UsageError, type Options } from './args.js';
import { installApp } from './install.js';
import { checkoutVersions, findCheckout, packCheckout } from './local.js';
import { appManifest, type LocalSources } from './manifest.js';
import { nameProblem } from './name.js';
import { askAnswers } from './prompts.js';
import { appFiles, templateManifest, type Choices } from './template.js';
import { writeApp } from './write.js';

const VENDOR = 'vendor/djust';

/** What the user asked for; whether the packages are vendored is found out later. */
interface Plan extends Omit<Choices, 'vendored'> {
  target: string;
  install: boolean;
  force: boolean;
}

async function plan(options: Options): Promise<Plan> {
  let { target, db, port, install } = options;
  if (target === undefined) {
    if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('no folder given');
    const answers = await askAnswers({ db, port, install });
    ({ db, port, install } = answers);
    target = answers.name;
  }
  const path = resolve(target);
  const name = basename(path);
  const problem = nameProblem(name);
  if (problem) throw new UsageError(`"${name}" (the folder's name) cannot be the app's package name: it ${problem}`);
  return { target: path, name, db: db ?? 'sqlite', port: port ?? 8000, install: install ?? true, force: options.force };
}

/** Writes and installs the app; the exit code is 1 when npm install failed (the files stay). */
async function create(p: Plan): Promise<number> {
  const checkout = findCheckout();
  const choices: Choices = { ...p, vendored: Boolean(checkout) };
  const files = appFiles(choices);
  const write = await writeApp(p.target, files, p.force, async (staging) => {
    let local: LocalSources | undefined;
    if (checkout) {
      mkdirSync(join(staging, VENDOR), { recursive: true });
      const packed = await packCheckout(checkout, join(staging, VENDOR));
      local = { versions: checkoutVersions(checkout.root), tarballs: Object.fromEntries(Object.entries(packed).map(([n, f]) => [n, `${VENDOR}/${f}`])) };
    }
    const manifest = appManifest(choices, templateManifest(), local);
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  });
  const where = relative(process.cwd(), p.target) || '.';
  console.log(`Created ${p.name} in ${p.target} (${p.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, port ${p.port}${checkout ? `, djust packages from ${checkout.root}` : ''}).`);
  if (write.overwritten.length) console.log(`Replaced ${write.overwritten.length} existing file(s): ${write.overwritten.join(', ')}; other files were left alone.`);
  let installed = false;
  if (p.install) {
    console.log('Installing the dependencies (npm install; compiling SQLite can take a few minutes)...');
    const started = performance.now();
    installed = await installApp(p.target);
    if (installed) console.log(`Installed in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    else console.error('npm install failed (its output is above). The app is written; run npm install in it once the problem is fixed.');
  }
  console.log('\nNext:');
  if (where !== '.') console.log(`  cd ${where}`);
  if (!installed) console.log('  npm install');
  if (p.db === 'postgres') console.log('  export DATABASE_URL=postgres://user:password@localhost:5432/my_app');
  console.log('  npm start');
  console.log(`\nThen open http://localhost:${p.port}/. npm test runs the app's tests; npm run check checks its templates against the entities.`);
  return p.install && !installed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  return create(await plan(options));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`create-djust-app: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(`create-djust-app: ${error instanceof Error ? error.message : String(error)}\nNothing was written.`);
      process.exitCode = 1;
    }
  },
);
