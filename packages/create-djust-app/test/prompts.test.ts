/**
 * Run bare in a terminal, the command asks its questions. `script` gives the bin a real
 * pseudo-terminal; each answer is typed once its question has appeared, as a person would.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './bin.js';

const root = mkdtempSync(join(tmpdir(), 'create-djust-app-tty-'));
const running = new Set<ChildProcess>();
after(() => {
  // A conversation that went wrong must not leave its process waiting for an answer.
  for (const child of running) child.kill();
  rmSync(root, { recursive: true, force: true });
});

/** Runs the bin in a terminal; when the output ends with a question of `answers`, types its answer. */
function converse(answers: [question: string, answer: string][]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let output = '';
    let next = 0;
    // Only what came after the last answer may hold the next question (not its echo).
    let answeredAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString().replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
      const pending = answers[next];
      if (pending && output.slice(answeredAt).trimEnd().endsWith(pending[0])) {
        next += 1;
        answeredAt = output.length;
        child.stdin.write(`${pending[1]}\r`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('asks for the name, database, port and install, re-asks after a bad answer, and uses the answers', { timeout: 60_000 }, async () => {
  const { code, output } = await converse([
    ['App name, also its folder (my-djust-app):', 'Bad Name'],
    ['App name, also its folder (my-djust-app):', 'asked-app'],
    ['Database, sqlite or postgres (sqlite):', ''],
    ['Port for npm start (8000):', '8042'],
    ['Run npm install now? y/n (y):', 'n'],
  ]);
  assert.equal(code, 0, output);
  assert.match(output, /"Bad Name" cannot be a package name: it has capital letters/);
  assert.match(output, /Created asked-app in .*asked-app \(SQLite, port 8042/);
  assert.match(output, /cd asked-app\r?\n {2}npm install\r?\n {2}npm start/);
  assert.match(readFileSync(join(root, 'asked-app/src/main.ts'), 'utf8'), /const DEFAULT_PORT = 8042;/);
  assert.equal(existsSync(join(root, 'asked-app/node_modules')), false);
});
