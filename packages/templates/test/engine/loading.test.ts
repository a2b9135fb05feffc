/**
 * Loading templates from folders: a compiled template is not read again, and under `debug`
 * an edit (to a page, an included template or an extended base) shows on the next render,
 * found by content, not by modification time.
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Engine, flattenedSourceHash } from '../../src/index.js';

/** A folder of templates, removed afterwards. */
function withDir(files: Record<string, string>, run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'djust-loading-'));
  try {
    for (const [name, text] of Object.entries(files)) writeAtTick(join(dir, name), text);
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts readFileSync calls per file name while `run` runs (the real fs still does the reading). */
function countReads(run: () => void): Map<string, number> {
  const counts = new Map<string, number>();
  const real = fs.readFileSync;
  const spy = mock.method(fs, 'readFileSync', (...args: Parameters<typeof fs.readFileSync>) => {
    const name = basename(String(args[0]));
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return real(...args);
  });
  // The loader imports readFileSync by name: make that binding see the spy too.
  syncBuiltinESMExports();
  try {
    run();
  } finally {
    spy.mock.restore();
    syncBuiltinESMExports();
  }
  return counts;
}

/** One modification time for every file: as if all writes fell within one clock tick. */
const TICK = new Date('2026-01-01T00:00:00Z');

/** Writes a template with the shared modification time, so only its content tells it changed. */
function writeAtTick(path: string, text: string): void {
  writeFileSync(path, text);
  utimesSync(path, TICK, TICK);
}

test('a template getTemplate already compiled is not read again when a child extends it', () => {
  const files = { 'base.html': '<main>{% block body %}{% endblock %}</main>', 'child.html': '{% extends "base.html" %}{% block body %}hi{% endblock %}' };
  withDir(files, (dir) => {
    const engine = new Engine({ dirs: [dir] });
    const reads = countReads(() => {
      engine.getTemplate('base.html');
      assert.equal(engine.render('child.html'), '<main>hi</main>');
      assert.equal(engine.render('child.html'), '<main>hi</main>');
    });
    assert.deepEqual(Object.fromEntries(reads), { 'base.html': 1, 'child.html': 1 });
  });
});

test('a base first loaded by {% extends %} is not read again by getTemplate', () => {
  const files = { 'base.html': '<main>{% block body %}{% endblock %}</main>', 'child.html': '{% extends "base.html" %}{% block body %}hi{% endblock %}' };
  withDir(files, (dir) => {
    const engine = new Engine({ dirs: [dir] });
    const reads = countReads(() => {
      assert.equal(engine.render('child.html'), '<main>hi</main>');
      assert.equal(engine.render('base.html'), '<main></main>');
    });
    assert.deepEqual(Object.fromEntries(reads), { 'base.html': 1, 'child.html': 1 });
  });
});

test('a template extending one of the same name further down the folders still finds the next one', () => {
  withDir({}, (a) =>
    withDir({ 'page.html': '[{% block x %}base{% endblock %}]' }, (b) => {
      writeFileSync(join(a, 'page.html'), '{% extends "page.html" %}{% block x %}over+{{ block.super }}{% endblock %}');
      const engine = new Engine({ dirs: [a, b] });
      assert.equal(engine.render('page.html'), '[over+base]');
      assert.equal(engine.render('page.html'), '[over+base]');
    }),
  );
});

test('debug: edits to a page, an included template and an extended base show on the next render, mtime unchanged', () => {
  const files = {
    'base.html': '<b>{% block body %}{% endblock %}</b>',
    'row.html': 'row v1',
    'page.html': '{% extends "base.html" %}{% block body %}{% include "row.html" %}{% endblock %}',
  };
  withDir(files, (dir) => {
    const engine = new Engine({ dirs: [dir], debug: true });
    assert.equal(engine.render('page.html'), '<b>row v1</b>');
    writeAtTick(join(dir, 'row.html'), 'row v2');
    assert.equal(engine.render('page.html'), '<b>row v2</b>');
    writeAtTick(join(dir, 'base.html'), '<i>{% block body %}{% endblock %}</i>');
    assert.equal(engine.render('page.html'), '<i>row v2</i>');
    writeAtTick(join(dir, 'page.html'), '{% extends "base.html" %}{% block body %}page v2{% endblock %}');
    assert.equal(engine.render('page.html'), '<i>page v2</i>');
  });
});

test('flattenedSourceHash changes when an included or extended template changes under debug, and only then', () => {
  const files = { 'base.html': '{% block b %}{% endblock %}', 'row.html': '{{ x.a }}', 'page.html': '{% extends "base.html" %}{% block b %}{% include "row.html" %}{% endblock %}' };
  withDir(files, (dir) => {
    const engine = new Engine({ dirs: [dir], debug: true });
    const page = engine.getTemplate('page.html');
    const first = flattenedSourceHash(page);
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(flattenedSourceHash(engine.getTemplate('page.html')), first);
    writeAtTick(join(dir, 'row.html'), '{{ x.b }}');
    const second = flattenedSourceHash(engine.getTemplate('page.html'));
    assert.notEqual(second, first);
    assert.equal(engine.getTemplate('page.html'), page, 'the page itself did not change');
    writeAtTick(join(dir, 'base.html'), '<{% block b %}{% endblock %}>');
    assert.notEqual(flattenedSourceHash(page), second);
  });
});

test('clearCache: outside debug, edits to a page, an included template and an extended base show after it, as new template objects', () => {
  const files = {
    'base.html': '<b>{% block body %}{% endblock %}</b>',
    'row.html': '{{ x.a }}',
    'page.html': '{% extends "base.html" %}{% block body %}{% include "row.html" %}{% endblock %}',
  };
  withDir(files, (dir) => {
    const engine = new Engine({ dirs: [dir] });
    const page = engine.getTemplate('page.html');
    const hash = flattenedSourceHash(page);
    assert.equal(engine.render('page.html', { x: { a: 1, b: 2 } }), '<b>1</b>');
    writeAtTick(join(dir, 'row.html'), '{{ x.b }}');
    writeAtTick(join(dir, 'base.html'), '<i>{% block body %}{% endblock %}</i>');
    assert.equal(engine.render('page.html', { x: { a: 1, b: 2 } }), '<b>1</b>', 'compiled once: not read again without clearCache');
    engine.clearCache();
    const fresh = engine.getTemplate('page.html');
    assert.notEqual(fresh, page, 'an unchanged page is compiled again, so what is keyed by the old object is not reused');
    assert.notEqual(flattenedSourceHash(fresh), hash);
    assert.equal(fresh.render({ x: { a: 1, b: 2 } }), '<i>2</i>');
    assert.deepEqual(engine.dirs, [dir]);
  });
});
