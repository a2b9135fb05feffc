/**
 * Every case in ../shared/conformance (expected outputs produced by Django 3.2 itself) must
 * pass through the public Engine API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { readCases, runCase } from '../src/conformance/run.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const file = resolve(here, '../../../../shared/conformance/dtl-public.jsonl');

test('the conformance file is present', () => {
  assert.ok(existsSync(file), `missing ${file}`);
});

const cases = existsSync(file) ? readCases(file) : [];

test(`public conformance cases (${cases.length})`, async (t) => {
  assert.ok(cases.length > 200);
  for (const c of cases) {
    await t.test(`${c.id} [${c.area}]`, () => {
      const r = runCase(c);
      if (c.error !== undefined) {
        assert.equal(r.thrown?.split(':')[0], c.error, `expected ${c.error}, got ${r.thrown ?? JSON.stringify(r.actual)}`);
      } else {
        assert.equal(r.actual, c.expected, r.thrown ? `threw ${r.thrown}` : undefined);
      }
    });
  }
});
