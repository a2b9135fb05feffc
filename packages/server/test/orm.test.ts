/** Views over MikroORM (real SQLite): lazy queries through the JIT, a fresh fork per event. */
import { mock, test } from 'node:test';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A fresh in-memory database with one task, as a restarted server would open. */
async function seededOrm(): Promise<MikroORM> {
  const orm = await MikroORM.init({ entities: [OwnerSchema, TaskSchema], dbName: ':memory:' });
  await orm.schema.createSchema();
  const em = orm.em.fork();
  em.create(Task, { title: 'Only', done: false, owner: em.create(Owner, { name: 'Ada', secret: 's' }) });
  await em.flush();
  return orm;
}

/** Serves /tasks from a new App over `cacheDir` (a fresh ORM each time), and returns the JIT's debug lines. */
async function serveOnce(cacheDir: string, secret = SECRET): Promise<string[]> {
  const lines: string[] = [];
  // DJUST_JIT_DEBUG=1 is how a user watches the cache; the App's own Jit logs to the console.
  const log = mock.method(console, 'log', (line: unknown) => void lines.push(String(line)));
  process.env.DJUST_JIT_DEBUG = '1';
  const orm = await seededOrm();
  try {
    const app = new App({ secret, orm, cacheDir });
    app.live('/tasks', TasksView);
    const server = await app.listen(0);
    try {
      const lv = await LiveClient.connect(server.url, '/tasks');
      assert.match(lv.html(), /Only \(Ada\)/);
      await lv.close();
    } finally {
      await server.close();
    }
  } finally {
    delete process.env.DJUST_JIT_DEBUG;
    log.mock.restore();
    await orm.close(true);
  }
  return lines.filter((l) => l.startsWith('[djust:jit] Cache:'));
}

test("App's cacheDir keeps signed serializers that the next App reuses, and ignores entries it did not sign", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'djust-app-cache-'));
  try {
    const first = await serveOnce(dir);
    assert.match(first[0], /Cache: MISS/, first.join('\n'));
    const files = readdirSync(join(dir, 'jit'));
    assert.equal(files.length, 1);
    const file = join(dir, 'jit', files[0]);
    const written = readFileSync(file, 'utf8');

    // A restarted server: a new App, a new ORM, the same folder.
    const second = await serveOnce(dir);
    assert.match(second[0], /Cache: HIT files/, second.join('\n'));
    assert.ok(!second.some((l) => /MISS/.test(l)), second.join('\n'));
    assert.equal(readFileSync(file, 'utf8'), written, 'the entry is reused, not rewritten');

    // Another secret cannot use (or be fooled by) the entry: it compiles its own.
    const other = await serveOnce(dir, 'another-secret-0123456789');
    assert.match(other[0], /Cache: MISS/, other.join('\n'));
    // A tampered entry fails its signature and is replaced.
    writeFileSync(file, written.replace('"source":"', '"source":"/* tampered */'));
    const tampered = await serveOnce(dir);
    assert.match(tampered[0], /Cache: MISS/, tampered.join('\n'));
    assert.ok(!readFileSync(file, 'utf8').includes('tampered'));
    assert.match((await serveOnce(dir))[0], /Cache: HIT files/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
