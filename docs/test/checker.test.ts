/** The sample checker itself: each kind of wrong sample fails with its file and line, right ones pass. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { checksFor, type CheckerOptions } from './samples/checker.js';
import { checkerOptions } from './samples/options.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const base = checkerOptions();

/** Runs every check of a fixture file: each block's name and its error message ('' when it passed). */
async function outcomes(file: string, options: Partial<CheckerOptions> = {}): Promise<[string, string][]> {
  const checks = checksFor(join(FIXTURES, file), { ...base, ...options });
  return Promise.all(checks.map(async (c): Promise<[string, string]> => {
    try {
      await c.run();
      return [c.name, ''];
    } catch (err) {
      return [c.name, (err as Error).message];
    }
  }));
}

test('right samples of every kind pass, one check per block named by file, line and kind', async () => {
  assert.deepEqual(await outcomes('good.md'), [
    ['docs/test/fixtures/good.md:4 django', ''],
    ['docs/test/fixtures/good.md:8 output', ''],
    ['docs/test/fixtures/good.md:12 django', ''],
    ['docs/test/fixtures/good.md:16 ts', ''],
    ['docs/test/fixtures/good.md:25 output', ''],
    ['docs/test/fixtures/good.md:29 json', ''],
    ['docs/test/fixtures/good.md:33 text', ''],
    ['docs/test/fixtures/good.md:37 sh', ''],
    ['docs/test/fixtures/good.md:45 text', ''], // a longer fence holds shorter ones
  ]);
});

test('a template whose output block is wrong fails, showing both outputs', async () => {
  const [[name, error]] = await outcomes('bad-output.md');
  assert.equal(name, 'docs/test/fixtures/bad-output.md:2 django');
  assert.equal(error, 'docs/test/fixtures/bad-output.md:2: the template renders\na, b\nbut the output block below it (line 6) says\na; b');
});

test('a template that does not compile, json that does not parse and a context without output fail', async () => {
  const [[, template], [, json], [, context]] = await outcomes('bad-blocks.md');
  assert.match(template, /^docs\/test\/fixtures\/bad-blocks\.md:1: the template does not compile: Unclosed tag on line 1: 'for'/);
  assert.match(json, /^docs\/test\/fixtures\/bad-blocks\.md:5: the json block does not parse: /);
  assert.equal(context, 'docs/test/fixtures/bad-blocks.md:10: a django block with a context needs an output block directly below it');
});

test('an unknown info string and a missing one fail', async () => {
  assert.deepEqual(await outcomes('unknown-info.md'), [
    ['docs/test/fixtures/unknown-info.md:1 js', "docs/test/fixtures/unknown-info.md:1: unknown info string 'js' (known: ts, django, output, text, json, sh); add a rule to docs/test/samples before using it"],
    ['docs/test/fixtures/unknown-info.md:5 (no info string)', 'docs/test/fixtures/unknown-info.md:5: a fenced block needs an info string (one of ts, django, output, text, json, sh)'],
  ]);
});

test('an output block that no checked block produces fails', async () => {
  const [, [name, error]] = await outcomes('orphan-output.md');
  assert.equal(name, 'docs/test/fixtures/orphan-output.md:5 output');
  assert.match(error, /orphan-output\.md:5: an output block must directly follow a ts block or a django block with a <!-- context/);
});

test('sh commands naming a missing script, workspace or bin fail with the line of each', async () => {
  const [[, error], [, appError]] = await outcomes('missing-script.md', { appTemplate: join(FIXTURES, 'no-such-template.json') });
  const lines = error.split('\n');
  assert.match(lines[0], /^docs\/test\/fixtures\/missing-script\.md:2: no script 'no-such-script' in the repository root \(its scripts: build, test, /);
  assert.match(lines[1], /^docs\/test\/fixtures\/missing-script\.md:3: no workspace '@djust\/no-such-workspace' \(workspaces: .*@djust\/docs/);
  assert.equal(lines[2], 'docs/test/fixtures/missing-script.md:4: npx no-such-bin: no such bin in the repository root');
  assert.equal(appError, "docs/test/fixtures/missing-script.md:8: no scaffolder template: docs/test/fixtures/no-such-template.json does not exist, so '# in your app' commands cannot be checked");
});

test('"# in your app" blocks are checked against the scaffolder\'s package.json and its dependencies\' bins', async () => {
  const [, app, missing] = await outcomes('missing-script.md', { appTemplate: join(FIXTURES, 'app-template', 'package.json') });
  assert.deepEqual(app, ['docs/test/fixtures/missing-script.md:7 sh', '']);
  assert.equal(missing[1], "docs/test/fixtures/missing-script.md:15: no script 'deploy' in the generated app (its scripts: dev, start)");
});

test('a ts sample that throws, one that never exits and one that prints other than its output block fail', async () => {
  const [[, throws], [, hangs], [, printed], [, output]] = await outcomes('throws.md', { tsTimeoutMs: 5000 });
  assert.match(throws, /^docs\/test\/fixtures\/throws\.md:1: the ts sample exited with 1\n[\s\S]*AssertionError/);
  assert.match(hangs, /^docs\/test\/fixtures\/throws\.md:6: the ts sample did not exit within 5 s/);
  assert.equal(printed, 'docs/test/fixtures/throws.md:10: the ts sample printed\nfirst\nbut the output block below it (line 14) says\nsecond');
  assert.equal(output, '');
});
