/**
 * Live reload of templates: an edited template file reaches every connected view as a diff
 * (state kept), a broken one is logged with its position and leaves the views as they were, a
 * new entity path is planned and serialized, and the watchers end with the app.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/sqlite';
import { defineEntity, p } from '@mikro-orm/core';
import { T, type ServerMessage } from '@djust/protocol';
import { App, LiveView, query, type AppOptions, type ViewClass } from '../src/index.js';
import { LiveClient } from '../src/testing/index.js';
import { SECRET } from './fixtures/app.js';
import { recordingLogger, type RecordingLogger } from './fixtures/recording-logger.js';

class CounterView extends LiveView {
  static template = 'counter.html';
  static events = ['increment'];
  count = 0;
  increment(): void {
    this.count++;
  }
}

/** A folder of templates and a running app reloading them; all removed by `close`. */
async function withReloadingApp(
  files: Record<string, string>,
  routes: Record<string, ViewClass>,
  run: (ctx: { dir: string; url: string; log: RecordingLogger; write: (name: string, text: string) => void }) => Promise<void>,
  options: Partial<AppOptions> = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'djust-reload-'));
  const write = (name: string, text: string): void => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  const log = recordingLogger();
  const app = new App({ secret: SECRET, templates: [dir], liveReload: true, logger: log, ...options });
  for (const [path, cls] of Object.entries(routes)) app.live(path, cls);
  const server = await app.listen(0);
  try {
    await run({ dir, url: server.url, log, write });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const isDiff = (m: ServerMessage): boolean => m.t === T.DIFF;

test('an edited template reaches the connected view as a diff, its state kept, with one log line', async () => {
  await withReloadingApp({ 'counter.html': '<p>Count: {{ count }}</p><button dj-click="increment">+</button>' }, { '/counter': CounterView }, async ({ url, log, write }) => {
    const lv = await LiveClient.connect(url, '/counter');
    const other = await LiveClient.connect(url, '/counter');
    try {
      await lv.root.click('button');
      await lv.root.click('button');
      assert.match(lv.html(), /Count: 2/);
      const logged = log.next(/^Reloaded templates/);
      const diff = lv.waitFor(isDiff, 'the diff after the edit');
      // A burst (an editor writing twice) is one reload.
      write('counter.html', '<p>Half-saved</p>');
      write('counter.html', '<p>Clicked {{ count }} times</p><button dj-click="increment">+</button>');
      await diff;
      assert.match(lv.html(), /<p>Clicked 2 times<\/p>/, 'the new text with the state the view had');
      await other.until(() => other.html().includes('Clicked 0 times'), 'the second view re-rendered');
      assert.equal((await logged).message, 'Reloaded templates: counter.html (2 views re-rendered)');
      await lv.root.click('button');
      assert.match(lv.html(), /Clicked 3 times/, 'events render with the new template');
      assert.equal(log.lines.filter((l) => l.message.startsWith('Reloaded templates')).length, 1, 'one reload for the burst');
      assert.deepEqual(lv.redirects, [], 'no page reload');
    } finally {
      await lv.close();
      await other.close();
    }
  });
});

test('a template saved with a syntax error is logged as name:line:col and leaves the view up; the fix renders', async () => {
  await withReloadingApp({ 'counter.html': '<p>Count: {{ count }}</p><button dj-click="increment">+</button>' }, { '/counter': CounterView }, async ({ url, log, write }) => {
    const lv = await LiveClient.connect(url, '/counter');
    try {
      const failed = log.next(/Template error/);
      write('counter.html', '<p>Count: {{ count }}</p>\n  {% if count %}<button dj-click="increment">+</button>');
      const line = await failed;
      assert.equal(line.level, 'error');
      assert.match(line.message, /counter\.html:2:3: /, 'name, line and column');
      assert.match(line.message, /endif/);
      await lv.root.click('button');
      assert.match(lv.html(), /Count: 1/, 'the view still runs on its last good template');
      assert.deepEqual(lv.errors, []);
      const diff = lv.waitFor(isDiff, 'the diff after the fix');
      write('counter.html', '<p>Fixed: {{ count }}</p>{% if count %}<button dj-click="increment">+</button>{% endif %}');
      await diff;
      assert.match(lv.html(), /Fixed: 1/);
    } finally {
      await lv.close();
    }
  });
});

test('an included template, in a folder made after the start, saved by renaming a temporary file: the includer re-renders', async () => {
  class PageView extends LiveView {
    static template = 'pages/page.html';
    label = 'kept';
  }
  await withReloadingApp({ 'pages/page.html': '<main>{{ label }}</main>' }, { '/page': PageView }, async ({ dir, url, write }) => {
    const lv = await LiveClient.connect(url, '/page');
    try {
      let diff = lv.waitFor(isDiff, 'the include appearing');
      write('parts/row.html', '<b>row v1 {{ label }}</b>');
      write('pages/page.html', '<main>{% include "parts/row.html" %}</main>');
      await diff;
      assert.match(lv.html(), /<main><b>row v1 kept<\/b><\/main>/);
      diff = lv.waitFor(isDiff, 'the renamed save');
      writeFileSync(join(dir, 'parts', 'row.html.tmp'), '<b>row v2 {{ label }}</b>');
      renameSync(join(dir, 'parts', 'row.html.tmp'), join(dir, 'parts', 'row.html'));
      await diff;
      assert.match(lv.html(), /<main><b>row v2 kept<\/b><\/main>/);
    } finally {
      await lv.close();
    }
  });
});

test('a deleted include is logged and the view keeps its last render; the file back renders again', async () => {
  class PageView extends LiveView {
    static template = 'page.html';
  }
  await withReloadingApp({ 'page.html': '<main>{% include "row.html" %}</main>', 'row.html': '<b>row v1</b>' }, { '/page': PageView }, async ({ dir, url, log, write }) => {
    const lv = await LiveClient.connect(url, '/page');
    try {
      const failed = log.next(/did not render after a template change/);
      rmSync(join(dir, 'row.html'));
      const line = await failed;
      assert.match(line.message, /PageView did not render after a template change: Template 'row.html' does not exist/);
      assert.match(lv.html(), /<b>row v1<\/b>/, 'the last render stays');
      assert.deepEqual(lv.errors, []);
      const diff = lv.waitFor(isDiff, 'the diff once the file is back');
      write('row.html', '<b>row v2</b>');
      await diff;
      assert.match(lv.html(), /<main><b>row v2<\/b><\/main>/);
    } finally {
      await lv.close();
    }
  });
});

test('a changed layout reloads the page (a redirect to its own URL), since no diff reaches outside the view', async () => {
  await withReloadingApp(
    { 'layout.html': '<html><body>{{ content }}{{ djust_script }}</body></html>', 'counter.html': '<p>Count: {{ count }}</p>' },
    { '/counter': CounterView },
    async ({ url, write }) => {
      const lv = await LiveClient.connect(url, '/counter?x=1');
      try {
        const redirect = lv.waitFor((m) => m.t === T.REDIRECT, 'the reload');
        write('layout.html', '<html><body><header>New</header>{{ content }}{{ djust_script }}</body></html>');
        await redirect;
        assert.deepEqual(lv.redirects, [{ to: '/counter?x=1', kind: 'redirect', v: lv.root.v }]);
        const page = await (await fetch(url + '/counter')).text();
        assert.match(page, /<header>New<\/header>/, 'the reloaded page has the new layout');
      } finally {
        await lv.close();
      }
    },
    { layout: 'layout.html' },
  );
});

class CartView extends LiveView {
  static template = 'cart.html';
  static events = ['increment'];
  count = 0;
  increment(): void {
    this.count++;
  }
}

test('a page written the Django way: its live block is diffed; its other blocks or its base reload the page', async () => {
  const base = (nav: string): string => `<!doctype html><html><head><title>{% block title %}Shop{% endblock %}</title></head><body><nav>${nav}</nav>{% block content %}{% endblock %}</body></html>`;
  const cart = (title: string, body: string): string =>
    `{% extends "base.html" %}{% block title %}${title}{% endblock %}{% block content %}<div>${body} {{ count }}<button dj-click="increment">+</button></div>{% endblock %}`;
  await withReloadingApp({ 'base.html': base('v1'), 'cart.html': cart('Cart', 'Count') }, { '/cart': CartView }, async ({ url, write }) => {
    const lv = await LiveClient.connect(url, '/cart');
    try {
      await lv.root.click('button');
      const diff = lv.waitFor(isDiff, 'the live block diff');
      write('cart.html', cart('Cart', 'Items'));
      await diff;
      assert.match(lv.html(), /Items 1/);
      let redirect = lv.waitFor((m) => m.t === T.REDIRECT, 'a reload for the title block');
      write('cart.html', cart('Your cart', 'Items'));
      await redirect;
      redirect = lv.waitFor((m) => m.t === T.REDIRECT, 'a reload for the base');
      write('base.html', base('v2'));
      await redirect;
      assert.deepEqual(lv.redirects.map((r) => r.to), ['/cart', '/cart']);
    } finally {
      await lv.close();
    }
  });
});

class Author {
  id!: number;
  name!: string;
}
class Book {
  id!: number;
  title!: string;
  author!: Author;
}
const AuthorSchema = defineEntity({ class: Author, properties: { id: p.integer().primary(), name: p.string() } });
const BookSchema = defineEntity({ class: Book, properties: { id: p.integer().primary(), title: p.string(), author: () => p.manyToOne(Author) } });

class BooksView extends LiveView {
  static template = 'books.html';
  books = query(Book).orderBy({ id: 'asc' });
}

test('a template that gains an entity path gets it serialized: the JIT plans the new template afresh', async () => {
  const orm = await MikroORM.init({ entities: [AuthorSchema, BookSchema], dbName: ':memory:' });
  try {
    await orm.schema.createSchema();
    const em = orm.em.fork();
    em.create(Book, { title: 'Emma', author: em.create(Author, { name: 'Austen' }) });
    await em.flush();
    await withReloadingApp(
      { 'books.html': '<ul>{% for book in books %}<li>{{ book.title }}</li>{% endfor %}</ul>' },
      { '/books': BooksView },
      async ({ url, write }) => {
        const lv = await LiveClient.connect(url, '/books');
        try {
          assert.match(lv.html(), /<li>Emma<\/li>/);
          const diff = lv.waitFor(isDiff, 'the diff with the author');
          write('books.html', '<ul>{% for book in books %}<li>{{ book.title }} by {{ book.author.name }}</li>{% endfor %}</ul>');
          await diff;
          assert.match(lv.html(), /<li>Emma by Austen<\/li>/);
        } finally {
          await lv.close();
        }
      },
      { orm },
    );
  } finally {
    await orm.close();
  }
});

/**
 * Whether this process holds a file-system watcher (what fs.watch opens), once a turn of the
 * event loop has passed: a closed handle is released in the close phase after the check phase.
 */
async function watching(): Promise<boolean> {
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  return process.getActiveResourcesInfo().includes('FSEventWrap');
}

test('liveReload is off under NODE_ENV=test unless asked for, refused in production, and close() ends the watchers', async () => {
  assert.equal(process.env.NODE_ENV, 'test');
  const dir = mkdtempSync(join(tmpdir(), 'djust-reload-'));
  try {
    const quiet = await new App({ secret: SECRET, templates: [dir] }).listen(0);
    try {
      assert.equal(await watching(), false, 'no watcher by default under NODE_ENV=test');
    } finally {
      await quiet.close();
    }
    const on = await new App({ secret: SECRET, templates: [dir], liveReload: true }).listen(0);
    try {
      assert.equal(await watching(), true);
    } finally {
      await on.close();
    }
    assert.equal(await watching(), false, 'close() ends the watchers');
    process.env.NODE_ENV = 'production';
    try {
      assert.throws(() => new App({ secret: SECRET, templates: [dir], allowedHosts: ['example.com'], liveReload: true }), {
        message: 'liveReload must be off in production (NODE_ENV=production)',
      });
    } finally {
      process.env.NODE_ENV = 'test';
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('in development liveReload is on by default, and a process whose app was closed exits by itself', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'djust-reload-'));
  try {
    const script = [
      `import { App } from ${JSON.stringify(new URL('../src/index.ts', import.meta.url).href)};`,
      `const running = await new App({ secret: ${JSON.stringify(SECRET)}, templates: [${JSON.stringify(dir)}] }).listen(0);`,
      `console.log(process.getActiveResourcesInfo().includes('FSEventWrap') ? 'watching' : 'not watching');`,
      `await running.close();`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, NODE_ENV: 'development' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(out.trim(), 'watching');
    assert.equal(code, 0, 'the process ended on its own once the app closed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
