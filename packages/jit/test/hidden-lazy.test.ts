/** `hidden: true` columns are never loaded or sent; `lazy: true` columns only when a path reads them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '@djust/templates';
import { Jit, checkTemplates, declareReads, query, type PlanIssue } from '../src/index.js';
import { openLibrary, Book, Reviewer } from './fixtures/library.js';

const engine = new Engine({
  templates: {
    'reviewers.html': '{% for r in reviewers %}{{ r.name }}|{{ r.api_token }}|{{ r.apiToken }};{% endfor %}',
    'describe.html': '{{ reviewer.describe }}',
    'bio.html': '{% for r in reviewers %}{{ r.name }}: {{ r.bio }};{% endfor %}',
    'book.html': '{{ book.title }}: {{ book.summary }}',
  },
});

test('a hidden property is never selected or serialized, even when the template reads it', async () => {
  const db = await openLibrary(1);
  try {
    const issues: PlanIssue[] = [];
    const jit = new Jit({ orm: db.orm, onIssue: (i) => issues.push(i) });
    const tpl = engine.getTemplate('reviewers.html');
    const data = await jit.serializeContext({ reviewers: query(Reviewer).orderBy({ id: 'asc' }) }, tpl, db.orm.em.fork());
    assert.equal(tpl.render(data), 'Reader 0||;Reader 1||;Reader 2||;');
    assert.doesNotMatch(db.sql.join('\n'), /api_token|\*/);
    assert.doesNotMatch(JSON.stringify(data), /tok-|apiToken|api_token/);
    assert.deepEqual(
      issues.map((i) => [i.path, i.line]),
      [
        ['reviewers.apiToken', 1],
        ['reviewers.api_token', 1],
      ],
    );
    assert.ok(issues.every((i) => /hidden/.test(i.message)), issues.map((i) => i.message).join('\n'));
  } finally {
    await db.close();
  }
});

test('djust check reports a template reading a hidden property', async () => {
  const db = await openLibrary(0);
  const dir = mkdtempSync(join(tmpdir(), 'djust-check-'));
  try {
    writeFileSync(join(dir, 'reviewer.html'), '{{ reviewer.name }}\n{{ reviewer.api_token }}');
    const result = checkTemplates({ dirs: [dir], metadata: db.orm.getMetadata() });
    assert.deepEqual(
      result.findings.map((f) => [f.template, f.line, f.path]),
      [['reviewer.html', 2, 'reviewer.api_token']],
    );
    assert.match(result.findings[0].message, /Reviewer's 'apiToken' is hidden/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test('a method without declared reads never loads a hidden (or lazy) property', async () => {
  const db = await openLibrary(1);
  try {
    const jit = new Jit({ orm: db.orm });
    const tpl = engine.getTemplate('describe.html');
    const data = await jit.serializeContext({ reviewer: query(Reviewer).where({ id: 1 }).one() }, tpl, db.orm.em.fork());
    assert.equal(tpl.render(data), 'Reader 0 &lt;reader0@example.com&gt;');
    assert.equal(db.sql.length, 1);
    assert.doesNotMatch(db.sql[0], /api_token|`bio`|\*/, db.sql[0]);
    assert.match(db.sql[0], /`email`/);
  } finally {
    await db.close();
  }
});

test('declared reads may load a hidden property for a method; it is still not serialized', async () => {
  const db = await openLibrary(1);
  try {
    declareReads(Reviewer, { hasToken: ['apiToken'] });
    const jit = new Jit({ orm: db.orm });
    const tpl = new Engine({ templates: { t: '{{ reviewer.name }} {{ reviewer.has_token }}' } }).getTemplate('t');
    const data = await jit.serializeContext({ reviewer: query(Reviewer).one() }, tpl, db.orm.em.fork());
    assert.equal(tpl.render(data), 'Reader 0 True');
    assert.doesNotMatch(JSON.stringify(data), /tok-/);
  } finally {
    await db.close();
  }
});

test('a lazy property is selected only when a path reads it, and then has its value', async () => {
  const db = await openLibrary(1);
  try {
    const jit = new Jit({ orm: db.orm });
    const names = engine.getTemplate('reviewers.html');
    await jit.serializeContext({ reviewers: query(Reviewer) }, names, db.orm.em.fork());
    assert.doesNotMatch(db.sql.join('\n'), /`bio`/);
    db.reset();
    const bios = engine.getTemplate('bio.html');
    const data = await jit.serializeContext({ reviewers: query(Reviewer).orderBy({ id: 'asc' }) }, bios, db.orm.em.fork());
    assert.equal(bios.render(data), 'Reader 0: Bio of reader 0;Reader 1: Bio of reader 1;Reader 2: Bio of reader 2;');
    assert.equal(db.sql.length, 1);
  } finally {
    await db.close();
  }
});

test('a lazy property of an entity the view loaded is loaded when the template reads it', async () => {
  const db = await openLibrary(2);
  try {
    const jit = new Jit({ orm: db.orm });
    const em = db.orm.em.fork();
    const book = await em.findOneOrFail(Book, { id: 2 });
    db.reset();
    const tpl = engine.getTemplate('book.html');
    assert.equal(tpl.render(await jit.serializeContext({ book }, tpl, em)), 'Book 1: Summary 1');
    assert.equal(db.sql.length, 1);
    assert.doesNotMatch(db.sql[0], /secret_note|\*/, db.sql[0]);
  } finally {
    await db.close();
  }
});
