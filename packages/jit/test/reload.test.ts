/** Development reload: editing an included or extended template re-plans the serializer. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '@djust/templates';
import { Jit, query } from '../src/index.js';
import { openDb, Lease } from './fixtures/db.js';

const CASES = {
  include: { 'page.html': '{% for l in leases %}[{% include "row.html" %}]{% endfor %}', 'row.html': '{{ l.status }}' },
  extends: { 'page.html': '{% extends "base.html" %}{% block rows %}{% for l in leases %}[{{ l.status }}]{% endfor %}{% endblock %}', 'base.html': '<ul>{% block rows %}{% endblock %}</ul>' },
};
const EDITS: Record<keyof typeof CASES, [string, string]> = {
  include: ['row.html', '{{ l.status }} {{ l.rent }}'],
  extends: ['base.html', '<ul>{% block rows %}{% endblock %}</ul>{% for l in leases %}({{ l.rent }}){% endfor %}'],
};
const AFTER: Record<keyof typeof CASES, string> = {
  include: '[expiring 1000.5][active 1001.5]',
  extends: '<ul>[expiring][active]</ul>(1000.5)(1001.5)',
};

for (const kind of ['include', 'extends'] as const) {
  test(`a field newly read in ${kind === 'include' ? 'an included' : 'an extended'} template has its value on the next render (debug engine)`, async () => {
    const db = await openDb(2);
    const dir = mkdtempSync(join(tmpdir(), 'djust-reload-'));
    try {
      for (const [name, source] of Object.entries(CASES[kind])) writeFileSync(join(dir, name), source);
      const engine = new Engine({ dirs: [dir], debug: true });
      const jit = new Jit({ orm: db.orm, onIssue: () => undefined });
      const render = async (): Promise<string> => {
        const template = engine.getTemplate('page.html');
        return template.render(await jit.serializeContext({ leases: query(Lease).orderBy({ id: 'asc' }) }, template, db.orm.em.fork()));
      };
      assert.equal(await render(), kind === 'include' ? '[expiring][active]' : '<ul>[expiring][active]</ul>');
      writeFileSync(join(dir, EDITS[kind][0]), EDITS[kind][1]);
      assert.equal(await render(), AFTER[kind]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
    }
  });
}
