/** The developer API over the real protocol: counter, form validation, push_patch, pubsub, timers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './fixtures/app.js';

test('the first request is a full page that reads without JavaScript, carrying a join token', async () => {
  await withApp(async (r) => {
    const res = await fetch(`${r.server.url}/counter`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<!doctype html>/);
    assert.match(html, /<h1>Count: 0<\/h1>/);
    assert.match(html, /data-dj-token="[\w-]+\.[\w-]+"/);
    assert.match(res.headers.get('set-cookie') ?? '', /djust_session=.*HttpOnly; SameSite=Lax/);
  });
});

test('counter: clicks update the HTML; an increment costs under 100 bytes', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    assert.match(lv.html(), /Count: 0/);
    const reply = await lv.click('button[dj-click=increment]');
    assert.match(lv.html(), /Count: 1/);
    assert.ok(JSON.stringify(reply).length < 100, JSON.stringify(reply));
    await lv.click('button[dj-value-by]');
    assert.match(lv.html(), /Count: 6/);
  });
});

test('a handler that throws: the client gets an error naming the event, the state stays as it was', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    await lv.click('button[dj-click=increment]');
    const reply = await lv.click('button[dj-click=explode]');
    assert.deepEqual([reply.t, 'code' in reply && reply.code, 'event' in reply && reply.event], ['error', 'handler_failed', 'explode']);
    assert.match(lv.html(), /Count: 1/);
    await lv.click('button[dj-click=increment]');
    assert.match(lv.html(), /Count: 2/);
  });
});

test('form: validation on change, errors shown, submit saves, flash and push events arrive', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/signup');
    await lv.change('#signup', { email: 'nope', age: '12' });
    assert.match(lv.html(), /Enter a valid email address\./);
    assert.match(lv.html(), /You must be 18 or older\./);
    await lv.change('#signup', { email: 'ada@example.com', age: '36' });
    assert.doesNotMatch(lv.html(), /class="error"/);
    await lv.submit('#signup');
    assert.match(lv.html(), /<p id="saved">Saved ada@example.com<\/p>/);
    assert.match(lv.html(), /Welcome aboard!/);
    assert.deepEqual(lv.pushed, [{ name: 'saved', payload: { email: 'ada@example.com' } }]);
  });
});

test('push_patch changes the URL and calls handleParams without remounting; live links do too', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/list?page=2');
    assert.match(lv.html(), /<li>4<\/li><li>5<\/li><li>6<\/li>/);
    await lv.click('a[dj-click=next]');
    assert.equal(lv.path, '/list?page=3');
    assert.match(lv.html(), /<li>7<\/li>.*Page 3/);
    await lv.patch('/list?page=1');
    assert.match(lv.html(), /<li>1<\/li>.*Page 1/);
    // A link to another view is a navigation, not a patch.
    const reply = await lv.patch('/counter');
    assert.deepEqual(reply.t === 'redirect' && [reply.to, reply.kind], ['/counter', 'navigate']);
  });
});

test('pubsub: a broadcast from one view reaches the other views on the topic, and only them', async () => {
  await withApp(async (r) => {
    const a = await r.connect('/rooms/lobby');
    const b = await r.connect('/rooms/lobby');
    const other = await r.connect('/rooms/attic');
    await a.event('say', { text: 'hello <there>' });
    await b.untilHtml(/<li>hello &lt;there&gt;<\/li>/);
    await a.untilHtml(/<li>hello &lt;there&gt;<\/li>/);
    await other.event('say', { text: 'upstairs' });
    await other.untilHtml(/upstairs/);
    assert.doesNotMatch(other.html(), /hello/);
    assert.doesNotMatch(a.html(), /upstairs/);
  });
});

test('sendAfter and every deliver to handleInfo and push a diff', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/counter');
    await lv.event('later');
    await lv.untilHtml(/Count: 100/);
    await lv.event('tick');
    await lv.untilHtml(/Count: 103/);
    // The third tick cancelled the interval: no timer is left to fire again.
    assert.equal(r.app.stats().timers, 0, 'the interval was cancelled at 3');
    await lv.click('button[dj-click=increment]');
    assert.match(lv.html(), /Count: 104/);
  });
});

test('pushNavigate and redirect reach the client as redirects', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/go');
    const nav = await lv.event('navigate');
    assert.deepEqual(nav.t === 'redirect' && [nav.to, nav.kind], ['/counter', 'navigate']);
    const away = await lv.event('leave');
    assert.deepEqual(away.t === 'redirect' && [away.to, away.kind], ['/elsewhere', 'redirect']);
  });
});

test('a crash while rendering remounts the view', async () => {
  await withApp(async (r) => {
    const lv = await r.connect('/fragile');
    await lv.event('break');
    assert.ok(lv.errors.some((e) => e.code === 'render_failed'));
    assert.match(lv.html(), /<p>fine<\/p>/, 'the fresh mount renders again');
  });
});

test('changing one row of a 1000-row table sends under 1 KB, not the table', async () => {
  const { App, LiveView } = await import('../src/index.js');
  const { LiveClient } = await import('../src/testing/index.js');
  class TableView extends LiveView {
    static templateSource = '<table>{% for r in rows %}<tr><td>{{ r.id }}</td><td>{{ r.name }}</td><td>{{ r.qty }}</td></tr>{% endfor %}</table>';
    static events = ['bump'];
    rows = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, name: `Item ${i + 1}`, qty: 0 }));
    bump(payload: { id?: number }): void {
      const row = this.rows.find((r) => r.id === payload.id);
      if (row) row.qty++;
    }
  }
  const app = new App({ secret: 'test-secret-0123456789abcdef' });
  app.live('/table', TableView);
  const server = await app.listen(0);
  try {
    const lv = await LiveClient.connect(server.url, '/table');
    const reply = await lv.event('bump', { id: 500 });
    const bytes = JSON.stringify(reply).length;
    assert.ok(bytes < 1024, `${bytes} bytes`);
    assert.match(lv.html(), /<tr><td>500<\/td><td>Item 500<\/td><td>1<\/td><\/tr>/);
    await lv.close();
  } finally {
    await server.close();
  }
});

test('@handler declares handlers like static events; undecorated methods stay uncallable', async () => {
  const { App, LiveView, handler } = await import('../src/index.js');
  const { LiveClient } = await import('../src/testing/index.js');
  class Decorated extends LiveView {
    static templateSource = '<p>{{ n }}</p>';
    n = 0;
    @handler
    inc(): void {
      this.n++;
    }
    secret(): void {
      this.n = -1;
    }
  }
  const app = new App({ secret: 'test-secret-0123456789abcdef' });
  app.live('/d', Decorated);
  const server = await app.listen(0);
  try {
    const lv = await LiveClient.connect(server.url, '/d');
    await lv.event('inc');
    const refused = await lv.event('secret');
    assert.equal(refused.t === 'error' && refused.code, 'unknown_event');
    assert.equal(lv.html(), '<p>1</p>');
    await lv.close();
  } finally {
    await server.close();
  }
});

test('named routes reverse with {% url %} and app.url', async () => {
  const { App, LiveView } = await import('../src/index.js');
  const { LiveClient } = await import('../src/testing/index.js');
  class Links extends LiveView {
    static templateSource = '<a href="{% url "lease" 42 %}">a</a><a href="{% url "lease" id=7 %}">b</a><a href="{% url "home" %}">c</a>';
  }
  const app = new App({ secret: 'test-secret-0123456789abcdef' });
  app.live('/leases/:id', Links, { name: 'lease' });
  app.get('/', () => 'home', { name: 'home' });
  assert.equal(app.url('lease', ['a b']), '/leases/a%20b');
  assert.throws(() => app.url('nope'), /NoReverseMatch/);
  assert.throws(() => app.url('lease'), /needs a value for 'id'/);
  const server = await app.listen(0);
  try {
    const lv = await LiveClient.connect(server.url, '/leases/1');
    assert.equal(lv.html(), '<a href="/leases/42">a</a><a href="/leases/7">b</a><a href="/">c</a>');
    await lv.close();
  } finally {
    await server.close();
  }
});
