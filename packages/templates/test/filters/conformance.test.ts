import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterCases } from './conformance-cases.js';
import { decode, renderSimple } from './helpers.js';

for (const c of filterCases) {
  test(`conformance ${c.id}`, () => {
    assert.equal(renderSimple(c.template, decode(c.context) as Record<string, unknown>), c.expected);
  });
}
