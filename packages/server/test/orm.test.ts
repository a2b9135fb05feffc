/** Views over MikroORM (real SQLite): lazy queries through the JIT, a fresh fork per event. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/sqlite';
import { defineEntity, p } from '@mikro-orm/core';
import { App, LiveView, query } from '../src/index.js';
import { LiveClient } from '../src/testing/index.js';
import { SECRET } from './fixtures/app.js';

class Owner {
  id!: number;
  name!: string;
  secret!: string;
}
class Task {
  id!: number;
  title!: string;
  done!: boolean;
  owner!: Owner;
}
const OwnerSchema = defineEntity({ class: Owner, properties: { id: p.integer().primary(), name: p.string(), secret: p.string() } });
const TaskSchema = defineEntity({
  class: Task,
  properties: { id: p.integer().primary(), title: p.string(), done: p.boolean(), owner: () => p.manyToOne(Owner) },
});

class TasksView extends LiveView {
  static templateSource = '<ul>{% for t in tasks %}<li id="t{{ t.id }}">{{ t.title }} ({{ t.owner.name }}){% if t.done %} ✓{% endif %}</li>{% endfor %}</ul>';
  static events = ['toggle'];
  tasks = query(Task).orderBy({ id: 'asc' });

  async toggle(payload: { id?: string }): Promise<void> {
    const task = await this.em.findOneOrFail(Task, { id: Number(payload.id) });
    task.done = !task.done;
    await this.em.flush();
  }
}

test('a lazy query renders through the JIT in one query per render, and events write through a fresh fork', async () => {
  const sql: string[] = [];
  const orm = await MikroORM.init({ entities: [OwnerSchema, TaskSchema], dbName: ':memory:', onQuery: (q: string) => (sql.push(q), q) });
  await orm.schema.createSchema();
  const em = orm.em.fork();
  const owners = [em.create(Owner, { name: 'Ada', secret: 's1' }), em.create(Owner, { name: 'Grace', secret: 's2' })];
  for (let i = 0; i < 200; i++) em.create(Task, { title: `Task ${i}`, done: false, owner: owners[i % 2] });
  await em.flush();
  const app = new App({ secret: SECRET, orm });
  app.live('/tasks', TasksView);
  const server = await app.listen(0);
  try {
    sql.length = 0;
    const lv = await LiveClient.connect(server.url, '/tasks');
    assert.match(lv.html(), /<li id="t1">Task 0 \(Ada\)<\/li>/);
    const selects = sql.filter((q) => q.startsWith('select'));
    assert.equal(selects.length, 2, 'one query for the HTTP render, one for the join');
    assert.ok(!sql.some((q) => q.includes('secret')), 'unread columns are not selected');
    sql.length = 0;
    const reply = await lv.event('toggle', { id: '7' });
    assert.match(lv.html(), /<li id="t7">Task 6 \(Ada\) ✓<\/li>/);
    assert.ok(JSON.stringify(reply).length < 1024, `one changed row costs ${JSON.stringify(reply).length} bytes`);
    await lv.close();
  } finally {
    await server.close();
    await orm.close(true);
  }
});

class OwnerView extends LiveView {
  static templateSource = '<h1>{{ task.title }}</h1><p>{{ task.owner.name }}</p>';
  static events = ['rename'];
  task: Task | null = null;
  override async mount(): Promise<void> {
    // Loaded in mount's fork; rendered later through another fork.
    this.task = await this.em.findOneOrFail(Task, { id: 1 });
  }
  async rename(): Promise<void> {
    const t = await this.em.findOneOrFail(Task, { id: 1 });
    t.title = 'Renamed';
    await this.em.flush();
    this.task = t;
  }
}

test('an entity loaded in mount renders its relations through the render fork', async () => {
  const orm = await MikroORM.init({ entities: [OwnerSchema, TaskSchema], dbName: ':memory:' });
  await orm.schema.createSchema();
  const em = orm.em.fork();
  em.create(Task, { title: 'First', done: false, owner: em.create(Owner, { name: 'Ada', secret: 's' }) });
  await em.flush();
  const app = new App({ secret: SECRET, orm });
  app.live('/owner', OwnerView);
  const server = await app.listen(0);
  try {
    const lv = await LiveClient.connect(server.url, '/owner');
    assert.equal(lv.html(), '<h1>First</h1><p>Ada</p>');
    await lv.event('rename');
    assert.equal(lv.html(), '<h1>Renamed</h1><p>Ada</p>');
    await lv.close();
  } finally {
    await server.close();
    await orm.close(true);
  }
});

test('with a cache folder, generated serializers are written there and reused by the next app', async () => {
  const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'djust-app-cache-'));
  const orm = await MikroORM.init({ entities: [OwnerSchema, TaskSchema], dbName: ':memory:' });
  await orm.schema.createSchema();
  const em = orm.em.fork();
  em.create(Task, { title: 'Only', done: false, owner: em.create(Owner, { name: 'Ada', secret: 's' }) });
  await em.flush();
  try {
    for (let run = 0; run < 2; run++) {
      const lines: string[] = [];
      const { Jit, TieredCache, FileCache } = await import('@djust/jit');
      const jit = new Jit({ orm, debug: true, log: (l) => lines.push(l), cache: new TieredCache([new FileCache(join(dir, 'jit'), SECRET)]) });
      const app = new App({ secret: SECRET, orm, jit, cacheDir: dir });
      app.live('/tasks', TasksView);
      const server = await app.listen(0);
      try {
        const lv = await LiveClient.connect(server.url, '/tasks');
        assert.match(lv.html(), /Only \(Ada\)/);
        await lv.close();
      } finally {
        await server.close();
      }
      assert.ok(lines.some((l) => (run === 0 ? /Cache: MISS/ : /Cache: HIT files/).test(l)), lines.join('\n'));
    }
    assert.equal(readdirSync(join(dir, 'jit')).length, 1);
    // The app's own default: cacheDir alone gives the same file cache.
    const plain = new App({ secret: SECRET, orm, cacheDir: dir });
    assert.ok(plain.core.jit?.cache.backends.some((b) => b.name === 'files'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await orm.close(true);
  }
});
