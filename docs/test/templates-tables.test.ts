/**
 * docs/templates.md lists exactly the tags and filters the engine registers, with each
 * filter's argument rule, so the tables cannot fall behind the code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Engine, type FilterSpec } from '@djust/templates';

const PAGE = readFileSync(new URL('../templates.md', import.meta.url), 'utf8');

/** The first cells (a `name` in backticks) and second cells of the table rows in a `## heading` section. */
function tableRows(heading: string): [name: string, second: string][] {
  const start = PAGE.indexOf(`\n## ${heading}\n`);
  assert.notEqual(start, -1, `docs/templates.md has no '## ${heading}' section`);
  const end = PAGE.indexOf('\n## ', start + 1);
  const section = PAGE.slice(start, end === -1 ? undefined : end);
  const rows: [string, string][] = [];
  for (const m of section.matchAll(/^\| `([a-z0-9_]+)` \| ((?:[^|\\]|\\.)+) \|/gm)) rows.push([m[1], m[2].trim()]);
  return rows;
}

// The engine keeps its tables private; a fresh engine holds exactly the built-ins.
const engine = new Engine();
const filters = Reflect.get(engine, 'filters') as Record<string, FilterSpec>;
const tags = Reflect.get(engine, 'tags') as Record<string, unknown>;
const libraries = Reflect.get(engine, 'libraries') as Record<string, { filters: Record<string, FilterSpec> }>;
const word = { none: 'no', required: 'required', optional: 'optional' } as const;
const filterRows = (table: Record<string, FilterSpec>): [string, string][] => Object.keys(table).sort().map((name): [string, string] => [name, word[table[name].arg]]);

test('the tags table lists every built-in tag, once each, in alphabetical order', () => {
  assert.deepEqual(tableRows('Built-in tags').map(([name]) => name), Object.keys(tags).sort());
});

test('the filters table lists every built-in filter and whether it takes an argument', () => {
  assert.deepEqual(tableRows('Built-in filters'), filterRows(filters));
});

test('the humanize table lists every filter of the bundled humanize library', () => {
  assert.deepEqual(tableRows('The `humanize` library'), filterRows(libraries.humanize.filters));
});
