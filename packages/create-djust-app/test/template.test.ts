/**
 * The template and what the scaffolder makes of it, without writing anything: every
 * replacement still finds its text, each database gets its own driver, the published-mode
 * versions are the ones this repository pins.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkoutVersions, findCheckout } from '../src/local.js';
import { appManifest } from '../src/manifest.js';
import { appFiles, templateManifest, type Choices } from '../src/template.js';

const checkout = findCheckout();
const base: Choices = { name: 'shelf', db: 'sqlite', port: 8000, vendored: false };

test('this package runs from a checkout of djust, so it is in local mode', () => {
  assert.ok(checkout);
  assert.deepEqual(checkout.packages.map((p) => p.name), ['@djust/protocol', '@djust/templates', '@djust/jit', '@djust/server', '@djust/client']);
});

test("the template's versions (used once published) are exactly the ones the repository pins", () => {
  const pinned = checkoutVersions(checkout!.root);
  const template = templateManifest();
  for (const [name, version] of Object.entries({ ...template.dependencies, ...template.devDependencies })) {
    const expected = name.startsWith('@djust/')
      ? (JSON.parse(readFileSync(join(checkout!.root, 'packages', name.slice('@djust/'.length), 'package.json'), 'utf8')) as { version: string }).version
      : pinned[name];
    assert.equal(version, expected, name);
  }
});

test('published mode: plain versions, no overrides, no vendor folder in the README', () => {
  const manifest = appManifest(base, templateManifest()) as { name: string; dependencies: Record<string, string>; overrides?: unknown };
  assert.equal(manifest.name, 'shelf');
  assert.equal(manifest.dependencies['@djust/server'], '0.1.0');
  assert.equal(manifest.overrides, undefined);
  const readme = appFiles(base).get('README.md')!;
  assert.doesNotMatch(readme, /vendor/);
  assert.match(readme, /^# shelf\n/);
});

test('local mode: @djust packages from the tarballs, and overrides so their own @djust dependencies do too', () => {
  const tarballs = { '@djust/server': 'vendor/djust/djust-server-0.1.0.tgz', '@djust/templates': 'vendor/djust/djust-templates-0.1.0.tgz' };
  const manifest = appManifest(base, templateManifest(), { versions: checkoutVersions(checkout!.root), tarballs }) as {
    dependencies: Record<string, string>;
    overrides: Record<string, string>;
  };
  assert.equal(manifest.dependencies['@djust/server'], 'file:vendor/djust/djust-server-0.1.0.tgz');
  assert.equal(manifest.overrides['@djust/templates'], 'file:vendor/djust/djust-templates-0.1.0.tgz');
  assert.throws(() => appManifest(base, templateManifest(), { versions: {}, tarballs }), /the djust checkout pins no version of @djust\/client/);
  assert.match(appFiles({ ...base, vendored: true }).get('README.md')!, /## vendor\/djust\n/);
});

test('every database and port gets its own files, with every replacement applied', () => {
  for (const db of ['sqlite', 'postgres'] as const) {
    const files = appFiles({ ...base, db, port: 9001 });
    assert.match(files.get('src/main.ts')!, /const DEFAULT_PORT = 9001;/);
    assert.match(files.get('README.md')!, /http:\/\/localhost:9001\//);
    assert.match(files.get('templates/base.html')!, /<title>\{% block title %\}\{\{ title \}\}\{% endblock %\} · shelf<\/title>/);
    assert.match(files.get('src/driver.ts')!, db === 'sqlite' ? /SqliteDriver/ : /PostgreSqlDriver/);
    assert.match(files.get('README.md')!, db === 'sqlite' ? /The data is in SQLite/ : /The data is in PostgreSQL/);
    assert.doesNotMatch(files.get('README.md')!, /<!--/);
  }
});

test('the app gets a .gitignore, and nothing left over from running the template here', () => {
  const paths = [...appFiles(base).keys()].sort();
  assert.deepEqual(paths, [
    '.gitignore',
    'README.md',
    'djust.config.ts',
    'src/app.ts',
    'src/db.ts',
    'src/driver.ts',
    'src/entities.ts',
    'src/main.ts',
    'src/seed.ts',
    'src/views/books.ts',
    'src/views/counter.ts',
    'static/app.css',
    'templates/base.html',
    'templates/books.html',
    'templates/counter.html',
    'test/app.test.ts',
    'tsconfig.json',
  ]);
});
