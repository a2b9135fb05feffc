/**
 * The development panel's recording, on real SQLite: each operation's statements, JIT plans and
 * bytes, attributed to the operation that ran them, and nothing at all with the panel off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/sqlite';
import { defineEntity, p } from '@mikro-orm/core';
import { App, LiveView, query, type AppOptions, type DevReport } from '../src/index.js';
import { LiveClient } from '../src/testing/index.js';
import { devPanelEnabled } from '../src/dev-panel.js';
import { SECRET } from './fixtures/app.js';

class Owner {
  id!: number;
  name!: string;
}
class Chore {
  id!: number;
  title!: string;
  done!: boolean;
  owner!: Owner;
}
const OwnerSchema = defineEntity({ class: Owner, tableName: 'owners', properties: { id: p.integer().primary(), name: p.string() } });
const ChoreSchema = defineEntity({
  class: Chore,
  tableName: 'chores',
  properties: { id: p.integer().primary(), title: p.string(), done: p.boolean(), owner: () => p.manyToOne(Owner) },
});

class ChoresView extends LiveView {
  static templateSource = '<ul>{% for c in chores %}<li id="c{{ c.id }}">{{ c.title }} ({{ c.owner.name }}){% if c.done %} done{% endif %}</li>{% endfor %}</ul>';
  static events = ['toggle'];
  chores = query(Chore).orderBy({ id: 'asc' });

  override async mount(): Promise<void> {
    if (this.connected) await this.subscribe('chores');
  }
  async toggle({ id }: { id?: string }): Promise<void> {
    const chore = await this.em.findOneOrFail(Chore, { id: Number(id) });
    chore.done = !chore.done;
    await this.em.flush();
    await this.broadcast('chores', { changed: chore.id });
  }
}

class OwnersView extends LiveView {
  static templateSource = '<p>{% for o in owners %}{{ o.name }};{% endfor %}</p>';
  static events = ['look'];
  owners = query(Owner).orderBy({ id: 'asc' });
  async look(): Promise<void> {
    await this.em.find(Owner, { name: { $like: 'A%' } });
  }
}

async function serve(options: Partial<AppOptions> = {}): Promise<{ app: App; url: string; orm: MikroORM; close(): Promise<void> }> {
  const orm = await MikroORM.init({ entities: [OwnerSchema, ChoreSchema], dbName: ':memory:' });
  await orm.schema.createSchema();
  const em = orm.em.fork();
  const owners = [em.create(Owner, { name: 'Ada' }), em.create(Owner, { name: 'Grace' })];
  for (let i = 1; i <= 30; i++) em.create(Chore, { title: `Chore ${i}`, done: false, owner: owners[i % 2] });
  await em.flush();
  const app = new App({ secret: SECRET, orm, devPanel: true, ...options });
  app.live('/chores', ChoresView);
  app.live('/owners', OwnersView);
  const server = await app.listen(0);
  return {
    app,
    url: server.url,
    orm,
    async close() {
      await server.close();
      await orm.close(true);
    },
  };
}

const lastOf = (app: App, kind: DevReport['kind'], view?: string): DevReport => {
  const found = app.devReports().filter((r) => r.kind === kind && (!view || r.view === view)).at(-1);
  assert.ok(found, `a ${kind} report`);
  return found;
};

test('each operation reports its own statements, JIT plan and times: the HTTP render, the join, an event, a pubsub render', async () => {
  const s = await serve();
  try {
    const lv = await LiveClient.connect(s.url, '/chores');
    const http = lastOf(s.app, 'http');
    assert.equal(http.view, 'ChoresView');
    assert.equal(http.v, null);
    assert.equal(http.path, '/chores');
    assert.equal(http.sqlCount, 1, JSON.stringify(http.sql));
    assert.match(http.sql[0].sql, /^select .* from `chores`/);
    assert.equal(http.sql[0].results, 30);
    assert.deepEqual(http.jit.map((j) => [j.variable, j.entity, j.cache, j.rows]), [['chores', 'Chore', 'miss', 30]]);
    assert.ok(http.jit[0].populate.includes('owner') && http.jit[0].fields.includes('owner.name'), JSON.stringify(http.jit[0]));
    assert.ok(http.templateMs > 0 && http.totalMs >= http.templateMs);

    const join = lastOf(s.app, 'join');
    assert.equal(join.v, lv.root.v);
    assert.equal(join.sqlCount, 1);
    assert.deepEqual([join.cache.hits, join.cache.misses], [1, 0], 'the join reuses the serializer the HTTP render compiled');

    await lv.event('toggle', { id: '3' });
    assert.match(lv.html(), /Chore 3 \(Grace\) done/);
    const event = lastOf(s.app, 'event');
    assert.equal(event.event, 'toggle');
    const texts = event.sql.map((q) => q.sql);
    assert.ok(texts.some((q) => /^update `chores`/.test(q)), texts.join('\n'));
    assert.ok(texts.filter((q) => /^select/.test(q)).length === 2, 'the handler finds one chore, the render reads the list: ' + texts.join('\n'));
    assert.equal(event.sqlCount, event.sql.length);

    // The broadcast reaches the view itself: a pubsub render, reported as its own operation.
    await lv.untilHtml(/done/);
    const info = await until(() => s.app.devReports().find((r) => r.kind === 'info' && r.id > event.id));
    assert.equal(info.sqlCount, 1);

    // Each report reaches the page as a push for the panel.
    const pushed = lv.pushed.filter((x) => x.name === 'djust_dev').map((x) => (x.payload as unknown as DevReport).id);
    assert.ok(pushed.includes(join.id) && pushed.includes(event.id), JSON.stringify(pushed));
    await lv.close();
  } finally {
    await s.close();
  }
});

/** Polls a condition the server reaches on its own (a pubsub render), for at most a few seconds. */
async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('never happened');
}

test("an operation's bytes are those of the frames it sent, the panel's own push left out", async () => {
  const s = await serve();
  try {
    const lv = await LiveClient.connect(s.url, '/owners');
    const frames: string[] = [];
    lv.ws.on('message', (data) => frames.push(data.toString()));
    await lv.event('look');
    await until(() => (frames.some((f) => f.includes('djust_dev')) ? true : undefined));
    const report = lastOf(s.app, 'event');
    const own = frames.filter((f) => !f.includes('djust_dev'));
    assert.equal(own.length, 1, 'the reply');
    assert.equal(report.bytes, Buffer.byteLength(own[0]));
    assert.equal(report.sqlCount, 2, 'the handler and the render');
    await lv.close();
  } finally {
    await s.close();
  }
});

test("the HTTP page carries the panel with its render's report; the report's bytes are the page's without it; no secret or cookie in it", async () => {
  const s = await serve();
  try {
    const res = await fetch(`${s.url}/chores`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const body = await res.text();
    const start = body.indexOf('<style id="djust-dev-style">');
    const end = body.lastIndexOf('</body>');
    assert.ok(start > 0 && end > start, 'the panel sits before </body>');
    const panel = body.slice(start, end);
    assert.match(panel, /<aside id="djust-dev"[^>]*aria-label="Development panel"/);
    const first = JSON.parse(/<script type="application\/json" id="djust-dev-first">(.*?)<\/script>/s.exec(panel)![1]) as DevReport;
    assert.equal(first.kind, 'http');
    assert.equal(first.bytes, Buffer.byteLength(body.slice(0, start) + body.slice(end)));
    assert.ok(!panel.includes(SECRET) && !panel.includes(cookie.split('=')[1]), 'neither the secret nor the session cookie');
  } finally {
    await s.close();
  }
});

test('concurrent views keep their statements apart; a statement outside any operation is counted nowhere', async () => {
  const s = await serve();
  try {
    const [a, b] = await Promise.all([LiveClient.connect(s.url, '/chores'), LiveClient.connect(s.url, '/owners')]);
    const before = s.app.devReports().length;
    await Promise.all([a.event('toggle', { id: '1' }), b.event('look'), s.orm.em.fork().find(Owner, {}), s.orm.em.fork().find(Chore, {})]);
    const reports = s.app.devReports().slice(before);
    const chores = reports.find((r) => r.kind === 'event' && r.view === 'ChoresView')!;
    const owners = reports.find((r) => r.kind === 'event' && r.view === 'OwnersView')!;
    assert.ok(chores.sql.every((q) => !/from `owners` as `o0` where `o0`.`name` like/.test(q.sql)), 'the other view’s lookup is not in it');
    assert.ok(owners.sql.every((q) => !q.sql.includes('`chores`')), owners.sql.map((q) => q.sql).join('\n'));
    assert.equal(owners.sqlCount, 2);
    const all = reports.flatMap((r) => r.sql.map((q) => q.sql));
    assert.ok(!all.some((q) => /^select `o0`\.\* from `owners` as `o0`$/.test(q)), 'the test’s own find is no operation’s');
    await Promise.all([a.close(), b.close()]);
  } finally {
    await s.close();
  }
});

test('with the panel off nothing is recorded, pushed or added to the page, and the logger is left alone', async () => {
  const s = await serve({ devPanel: false });
  try {
    const logger = s.orm.config.getLogger();
    assert.equal(Object.hasOwn(logger, 'logQuery'), false, 'no hook on the logger');
    const body = await (await fetch(`${s.url}/chores`)).text();
    assert.ok(!body.includes('djust-dev'));
    const lv = await LiveClient.connect(s.url, '/chores');
    await lv.event('toggle', { id: '2' });
    assert.deepEqual(lv.pushed, []);
    assert.deepEqual(s.app.devReports(), []);
    await lv.close();
  } finally {
    await s.close();
  }
});

test('the panel is on by default in development, off in tests and production, and refused in production', () => {
  assert.equal(devPanelEnabled(undefined, 'development'), true);
  assert.equal(devPanelEnabled(undefined, 'test'), false);
  assert.equal(devPanelEnabled(true, 'test'), true);
  assert.equal(devPanelEnabled(undefined, 'production'), false);
  assert.throws(() => devPanelEnabled(true, 'production'), /devPanel must be off in production/);
});
