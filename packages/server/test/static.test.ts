/** Static folders and /djust/client.js: types, lengths, traversal and symlink guards, read errors. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { withApp } from './fixtures/app.js';
import { httpRequest } from './fixtures/http.js';

const dir = mkdtempSync(join(tmpdir(), 'djust-static-'));
const folder = join(dir, 'static');
mkdirSync(join(folder, 'sub'), { recursive: true });
mkdirSync(join(dir, 'private'));
writeFileSync(join(folder, 'app.css'), 'body { color: red }');
writeFileSync(join(folder, 'sub', 'x.js'), 'export const x = 1;');
writeFileSync(join(dir, 'secret.txt'), 'the secret');
writeFileSync(join(dir, 'private', 'key.txt'), 'the key');
symlinkSync(join(folder, 'app.css'), join(folder, 'alias.css'));
symlinkSync(join(folder, 'sub'), join(folder, 'linked-sub'));
symlinkSync(join(dir, 'secret.txt'), join(folder, 'leak.txt'));
symlinkSync(join(dir, 'private'), join(folder, 'private'));
execFileSync('mkfifo', [join(folder, 'pipe.txt')]);
const script = join(dir, 'client.js');
writeFileSync(script, 'console.log("djust client");');
// As a package manager links it: the named file is a symlink into another folder.
mkdirSync(join(dir, 'linked'));
symlinkSync(script, join(dir, 'linked', 'djust.js'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('files in a static folder are served with their type and length, without a session', async () => {
  await withApp(
    async (r) => {
      const css = await fetch(`${r.server.url}/static/app.css`);
      assert.equal(css.status, 200);
      assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
      assert.equal(css.headers.get('content-length'), '19');
      assert.equal(css.headers.get('set-cookie'), null);
      assert.equal(await css.text(), 'body { color: red }');
      const js = await fetch(`${r.server.url}/static/sub/x.js`);
      assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(await js.text(), 'export const x = 1;');
      const head = await fetch(`${r.server.url}/static/app.css`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), '19');
      assert.equal(await head.text(), '');
      // Files too are only served to allowed hosts.
      assert.equal((await httpRequest(r.server.port, { path: '/static/app.css', headers: { host: 'evil.example' } })).status, 400);
    },
    { static: { '/static': folder } },
  );
});

test('paths that climb out of the folder, and what is not a file, get 404', async () => {
  await withApp(
    async (r) => {
      const paths = [
        '/static/..%2fsecret.txt',
        '/static/..%5csecret.txt',
        '/static/%2e%2e%2fsecret.txt',
        '/static/sub/..%2f..%2fsecret.txt',
        '/static/%2e%2e/secret.txt',
        '/static/../secret.txt',
        '/static/app.css%00.txt',
        '/static/%E0%A4%A',
        '/static/',
        '/static/sub',
        '/static/missing.css',
        '/staticapp.css',
      ];
      for (const path of paths) {
        const res = await httpRequest(r.server.port, { path, headers: { host: 'localhost' } });
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(res.body, /the secret/, path);
      }
    },
    { static: { '/static': folder } },
  );
});

test('symlinks inside the folder are followed; symlinks that lead out of it are not', async () => {
  await withApp(
    async (r) => {
      assert.equal(await (await fetch(`${r.server.url}/static/alias.css`)).text(), 'body { color: red }');
      assert.equal(await (await fetch(`${r.server.url}/static/linked-sub/x.js`)).text(), 'export const x = 1;');
      for (const path of ['/static/leak.txt', '/static/private/key.txt']) {
        const res = await fetch(r.server.url + path);
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(await res.text(), /the (secret|key)/, path);
      }
    },
    { static: { '/static': folder } },
  );
});

test('a named pipe in the folder is not a file: 404 at once, without waiting for a writer', async () => {
  await withApp(
    async (r) => {
      // Opening a FIFO for reading blocks until someone writes; the bound only turns a hang into a failure.
      const res = await fetch(`${r.server.url}/static/pipe.txt`, { signal: AbortSignal.timeout(3000) });
      assert.equal(res.status, 404);
      assert.equal((await fetch(`${r.server.url}/static/app.css`, { signal: AbortSignal.timeout(3000) })).status, 200);
    },
    { static: { '/static': folder } },
  );
});

test('a read error cuts that response, and the server goes on serving', async () => {
  // /proc/self/mem is a regular file whose first read fails with EIO: a real read error on demand.
  const logged: string[] = [];
  await withApp(
    async (r) => {
      const outcome = await fetch(`${r.server.url}/proc/mem`).then(
        async (res) => (res.status === 500 ? 500 : `status ${res.status}: ${await res.text()}`),
        () => 'cut',
      );
      assert.ok(outcome === 'cut' || outcome === 500, String(outcome));
      assert.equal(await (await fetch(`${r.server.url}/static/app.css`)).text(), 'body { color: red }');
      assert.equal((await fetch(`${r.server.url}/counter`)).status, 200);
      assert.deepEqual(logged, ['[djust] request failed: EIO']);
    },
    { static: { '/proc': '/proc/self', '/static': folder }, logger: { info: () => undefined, warn: () => undefined, error: (m, e) => logged.push(`${m}: ${(e as NodeJS.ErrnoException).code}`) } },
  );
});

test('/djust/client.js serves the clientScript, and live pages load it', async () => {
  for (const clientScript of [script, join(dir, 'linked', 'djust.js')]) {
    await withApp(
      async (r) => {
        const res = await fetch(`${r.server.url}/djust/client.js`);
        assert.equal(res.status, 200, clientScript);
        assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
        assert.equal(await res.text(), 'console.log("djust client");');
        assert.match(await (await fetch(`${r.server.url}/counter`)).text(), /<script src="\/djust\/client\.js" defer><\/script>/);
        assert.equal((await fetch(`${r.server.url}/djust/other.js`)).status, 404);
      },
      { clientScript },
    );
  }
  await withApp(async (r) => {
    assert.equal((await fetch(`${r.server.url}/djust/client.js`)).status, 404);
    assert.doesNotMatch(await (await fetch(`${r.server.url}/counter`)).text(), /<script/);
  });
});
