/**
 * The command's answers to what a user types, run as the built bin: help and usage, bad names,
 * folders it must not write into, paths it cannot write. Every refusal exits non-zero, says
 * why, and leaves the disk as it was.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin } from './bin.js';

const root = mkdtempSync(join(tmpdir(), 'create-djust-app-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Every entry under `dir`, recursively: what a refusal must leave unchanged. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

test('--help prints the usage and exits 0', async () => {
  const r = await runBin(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: npm create djust-app <folder>/);
  assert.match(r.stdout, /--db sqlite\|postgres/);
  assert.match(r.stdout, /--no-install/);
});

test('without a folder and without a terminal, it prints the usage and exits 2', async () => {
  const r = await runBin([], { cwd: root });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /create-djust-app: no folder given\n\nUsage:/);
  assert.deepEqual(tree(root), []);
});

test('unknown options and bad values are usage errors (exit 2)', async () => {
  for (const [args, message] of [
    [['app', '--colour'], /unknown option --colour/],
    [['app', '--db', 'mysql'], /--db must be sqlite or postgres, not "mysql"/],
    [['app', '--port', '80a'], /--port must be a whole number from 1 to 65535, not "80a"/],
    [['app', '--port'], /--port needs a value/],
    [['one', 'two'], /one folder only: got "one" and "two"/],
  ] as const) {
    const r = await runBin([...args], { cwd: root });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
  assert.deepEqual(tree(root), []);
});

test('a folder name that is no npm package name is refused, and nothing is written', async () => {
  for (const [name, why] of [
    ['My-App', /has capital letters/],
    ['.hidden', /starts with \. or _/],
    ['my app', /may hold only letters a-z, digits/],
    ['http', /is the name of a Node.js built-in module/],
    ['node_modules', /is reserved by npm/],
  ] as const) {
    const r = await runBin([join(root, name), '--no-install']);
    assert.equal(r.code, 2, name);
    assert.match(r.stderr, new RegExp(`"${name.replace('.', '\\.')}" \\(the folder's name\\) cannot be the app's package name: it ${why.source}`));
  }
  assert.deepEqual(tree(root), []);
});

test('a folder that is not empty is refused without --force, and left as it was', async () => {
  const dir = join(root, 'taken');
  mkdirSync(dir);
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  const r = await runBin([dir, '--no-install']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /taken is not empty; choose another folder, or pass --force/);
  assert.match(r.stderr, /Nothing was written\./);
  assert.deepEqual(tree(root), ['taken', 'taken/notes.txt']);
  rmSync(dir, { recursive: true });
});

test('--force writes the app into a folder that has files: same-name files are replaced and named, others stay', async () => {
  const dir = join(root, 'forced');
  mkdirSync(dir);
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  writeFileSync(join(dir, 'README.md'), 'old readme');
  const r = await runBin([dir, '--no-install', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Replaced 1 existing file\(s\): README\.md; other files were left alone\./);
  assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
  assert.match(readFileSync(join(dir, 'README.md'), 'utf8'), /^# forced\n/);
  assert.equal(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name, 'forced');
  // No staging folder is left beside it.
  assert.deepEqual(readdirSync(root), ['forced']);
  rmSync(dir, { recursive: true });
});

test('a path under a file is refused with a sentence, and nothing is written', async () => {
  writeFileSync(join(root, 'a-file'), 'x');
  const r = await runBin([join(root, 'a-file', 'my-app'), '--no-install']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot create .*a-file\/my-app: a part of the path is a file, not a folder/);
  assert.deepEqual(tree(root), ['a-file']);
  rmSync(join(root, 'a-file'));
});

test('a folder the file system will not create (under /proc) is refused at once with a sentence', { timeout: 20_000 }, async () => {
  const r = await runBin(['/proc/djust-no-such-folder/my-app', '--no-install']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /cannot create \/proc\/djust-no-such-folder\/my-app: a folder on the way cannot be created there/);
  assert.equal(existsSync('/proc/djust-no-such-folder'), false);
});

test('a folder the user may not write in is refused with a sentence, and nothing is written', async () => {
  const locked = join(root, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  chmodSync(root, 0o755);
  // root may write anywhere: run as the unprivileged "nobody" then.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  try {
    const r = await runBin([join(locked, 'my-app'), '--no-install'], { ...asUser, cwd: tmpdir() });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /cannot write in .*locked: permission denied/);
    assert.deepEqual(tree(locked), []);
  } finally {
    chmodSync(locked, 0o755);
    rmSync(locked, { recursive: true });
  }
});

test('a name and flags make the app without a question, and print the next steps', async () => {
  const r = await runBin(['fresh-app', '--no-install', '--port', '8123', '--db', 'postgres'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Created fresh-app in .*fresh-app \(PostgreSQL, port 8123/);
  assert.match(r.stdout, /Next:\n {2}cd fresh-app\n {2}npm install\n {2}export DATABASE_URL=postgres:\/\/.*\n {2}npm start\n/);
  assert.match(r.stdout, /Then open http:\/\/localhost:8123\//);
  const dir = join(root, 'fresh-app');
  assert.match(readFileSync(join(dir, 'src/main.ts'), 'utf8'), /const DEFAULT_PORT = 8123;/);
  assert.match(readFileSync(join(dir, 'src/driver.ts'), 'utf8'), /PostgreSqlDriver/);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  assert.equal(manifest.dependencies['@mikro-orm/postgresql'], '6.6.16');
  assert.equal(manifest.dependencies['@mikro-orm/sqlite'], undefined);
  rmSync(dir, { recursive: true });
});
