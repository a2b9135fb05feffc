/** Live sessions: pages carry a signed claim; a join by URL with it mounts another route of the session on the same socket. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, checkAnswers, type ServerMessage } from '@djust/protocol';
import { LiveClient } from '../src/testing/index.js';
import { withApp, type Running } from './fixtures/app.js';
import { NavAView, NavBView, NavFlashFromView, NavGuardView } from './fixtures/nav-views.js';
import { CounterView } from './fixtures/views.js';

const codeOf = (m: ServerMessage): string | undefined => (m.t === T.ERROR ? m.code : undefined);

/** /nav/a and /nav/b/:id in live session 'main'; /nav/admin in 'admin'; /counter in none. */
function routes(r: Running): void {
  r.app.liveSession('main', [
    ['/nav/a', NavAView],
    ['/nav/b/:id', NavBView, { title: 'B' }],
    ['/nav/guard', NavGuardView],
    ['/nav/flash', NavFlashFromView],
  ]);
  r.app.live('/nav/admin', CounterView, { session: 'admin' });
}

test('a page in a live session carries its claim and the session name; a page outside carries neither', async () => {
  await withApp(async (r) => {
    routes(r);
    const inside = await (await fetch(r.server.url + '/nav/a')).text();
    assert.match(inside, /<div id="dj-root" data-dj-view="NavAView" data-dj-token="[^"]+" data-dj-socket="\/djust\/socket" data-dj-nav="[^"]+" data-dj-session="main">/);
    const outside = await (await fetch(r.server.url + '/counter')).text();
    assert.doesNotMatch(outside, /data-dj-nav|data-dj-session/);
  });
});

test('navigate joins the new route by URL with the claim on the same socket, and the old view ends', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/nav/a');
    const answer = await lv.navigate('/nav/b/3');
    assert.equal(answer.t, T.RENDERED);
    assert.equal(lv.html(), '<p>page B 3</p>');
    assert.deepEqual({ connections: r.app.stats().connections, views: r.app.stats().views }, { connections: 1, views: 1 });
    await lv.navigate('/nav/a');
    assert.equal(lv.html(), '<p>page A</p>');
    assert.equal(r.app.stats().views, 1);
    assert.deepEqual(checkAnswers(lv.conversation), []);
  });
});

test('a claim is refused for a route outside its live session (a full page load), for a path no view serves, and for another session', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/nav/a');
    for (const url of ['/nav/admin', '/counter']) {
      const answer = await lv.navigate(url);
      assert.deepEqual(answer.t === T.REDIRECT && [answer.kind, answer.to, answer.nav], ['redirect', url, undefined], url);
    }
    assert.equal(codeOf(await lv.navigate('/nowhere')), 'not_found');
    assert.equal(lv.html(), '<p>page A</p>', 'the old view stays');
    assert.equal(r.app.stats().views, 1);

    // Another visitor's socket cannot use this page's claim.
    const other = await LiveClient.open(r.server.url, '/nav/a');
    const stolen = await other.request({ t: T.JOIN, ref: other.nextRef(), v: 'x', nav: lv.nav!, url: '/nav/b/1' });
    assert.equal(codeOf(stolen), 'bad_token');
    await other.close();
  });
});

test('a claim naming another live session fails its signature', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await LiveClient.open(r.server.url, '/nav/a');
    const [body, sig] = lv.nav!.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { v: { ls: string } };
    claims.v.ls = 'admin';
    const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    const answer = await lv.request({ t: T.JOIN, ref: lv.nextRef(), v: 'x', nav: forged, url: '/nav/admin' });
    assert.equal(codeOf(answer), 'bad_token');
  });
});

test('pushNavigate and pushPatch to another view of the live session answer navigate with a fresh claim; outside it, none', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/nav/a');
    const toB = await lv.event('toB');
    assert.ok(toB.t === T.REDIRECT && toB.kind === 'navigate' && toB.to === '/nav/b/7' && typeof toB.nav === 'string', JSON.stringify(toB));
    const patched = await lv.event('patchToB');
    assert.ok(patched.t === T.REDIRECT && patched.kind === 'navigate' && patched.to === '/nav/b/8?from=patch' && typeof patched.nav === 'string', JSON.stringify(patched));
    const out = await lv.event('toOutside');
    assert.deepEqual(out.t === T.REDIRECT && [out.kind, out.to, out.nav], ['navigate', '/counter', undefined]);

    // The fresh claim navigates live.
    await lv.navigate(toB.t === T.REDIRECT ? toB.to : '', toB.t === T.REDIRECT ? toB.nav : undefined);
    assert.equal(lv.html(), '<p>page B 7</p>');
    assert.deepEqual(checkAnswers(lv.conversation), []);
  });
});

test('a view outside any live session navigates without a claim', async () => {
  await withApp(async (r) => {
    routes(r);
    r.app.live('/nav/loose', NavBView);
    const lv = await r.connect('/nav/loose');
    assert.equal(lv.nav, undefined);
    const answer = await lv.event('toA');
    assert.deepEqual(answer.t === T.REDIRECT && [answer.kind, answer.to, answer.nav], ['navigate', '/nav/a', undefined]);
  });
});

test('a view of the live session that sends the visitor on while mounting answers the nav join with a navigate and a fresh claim', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/nav/a');
    const answer = await lv.navigate('/nav/guard');
    assert.ok(answer.t === T.REDIRECT && answer.kind === 'navigate' && answer.to === '/nav/a' && typeof answer.nav === 'string', JSON.stringify(answer));
    assert.equal(r.app.stats().views, 1, 'the guard did not stay mounted');
    assert.equal(lv.html(), '<p>page A</p>');
    assert.deepEqual(checkAnswers(lv.conversation), []);
  });
});

test('a reconnect after a live navigation joins the current view again by its claim', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/nav/a');
    await lv.navigate('/nav/b/5');
    const again = await lv.reconnect();
    assert.equal(again.html(), '<p>page B 5</p>');
    await again.close();
    await r.app.whenIdle();
    assert.equal(r.app.stats().views, 0);
  });
});

test("a join by claim is answered with the new view's container attributes: its class, a join token for its URL, a fresh claim", async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/nav/a');
    const answer = await lv.navigate('/nav/b/3');
    const attrs = answer.t === T.RENDERED ? answer.attrs : undefined;
    assert.deepEqual(Object.keys(attrs ?? {}).sort(), ['data-dj-nav', 'data-dj-session', 'data-dj-token', 'data-dj-view']);
    assert.equal(attrs?.['data-dj-view'], 'NavBView');
    assert.equal(attrs?.['data-dj-session'], 'main');
    // The token joins that URL like a page's would.
    const joined = await lv.request({ t: T.JOIN, ref: lv.nextRef(), v: 'by-token', token: attrs!['data-dj-token']!, url: '/nav/b/3' });
    assert.equal(joined.t, T.RENDERED);
    const fresh = await lv.request({ t: T.JOIN, ref: lv.nextRef(), v: 'by-claim', nav: attrs!['data-dj-nav']!, url: '/nav/a' });
    assert.equal(fresh.t, T.RENDERED);
    // A page's own join answers without them: the page has its attributes already.
    assert.equal(lv.received.find((m) => m.t === T.RENDERED && m.v === 'dj-root' && 'attrs' in m), undefined);
  });
});

test('a flash put before pushNavigate shows on the view navigated to, once', async () => {
  await withApp(async (r) => {
    routes(r);
    const lv = await r.connect('/nav/flash');
    const away = await lv.event('save');
    assert.equal(away.t === T.REDIRECT && away.kind, 'navigate');
    await lv.navigate('/nav/b/9');
    assert.equal(lv.html(), '<p><b>Lease saved.</b> page B 9</p>');
    await lv.navigate('/nav/a');
    await lv.navigate('/nav/b/9');
    assert.equal(lv.html(), '<p>page B 9</p>', 'carried to the next view only');
  });
});
