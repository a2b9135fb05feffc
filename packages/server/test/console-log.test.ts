/** The default logger (the console): a stack or an exception's own newlines cannot pass for a line of their own. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { T } from '@djust/protocol';
import { LiveClient } from '../src/testing/index.js';

const APP = fileURLToPath(new URL('./fixtures/console-app.ts', import.meta.url));

test('with the console logger, a handler error holding a newline and "[djust] forged" writes no line starting so', { timeout: 20_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', APP], { env: { ...process.env, NODE_ENV: 'development' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const [first] = (await once(child.stdout.setEncoding('utf8'), 'data')) as [string];
  const url = first.trim();
  const lv = await LiveClient.connect(url, '/lookup');
  const answer = await lv.event('open', { id: '7\n[djust] forged' });
  assert.equal(answer.t === T.ERROR && answer.code, 'handler_failed');
  await lv.close();
  const exited = once(child, 'close');
  child.stdin.end();
  await exited;
  const lines = stderr.split(/\r\n|\r|\n/);
  assert.ok(lines.some((l) => l.includes('LookupView.open failed')), stderr);
  assert.deepEqual(lines.filter((l) => l.startsWith('[djust] forged')), [], stderr);
});
