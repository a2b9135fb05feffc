/** Nested live views: {% live_render %} containers in the page and in the parent's tree, each child joined with its own v. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, checkAnswers, type ServerMessage } from '@djust/protocol';
import { LiveClient } from '../src/testing/index.js';
import { withApp } from './fixtures/app.js';
import { BadgeView, ChatView, ShellView } from './fixtures/nested-views.js';

const routes = { '/shell': ShellView };
const codeOf = (m: ServerMessage): string | undefined => (m.t === T.ERROR ? m.code : undefined);
const nested = { viewsPerSocket: 8 };

test("the HTTP page holds each nested view's container with its token, parent and its own HTML", async () => {
  await withApp(
    async (r) => {
      r.app.registerView(ChatView, BadgeView);
      const html = await (await fetch(r.server.url + '/shell')).text();
      assert.match(html, /<div id="dj-root" data-dj-view="ShellView" data-dj-token="[^"]+" data-dj-socket="\/djust\/socket"><main><h1>shell 0<\/h1>/);
      assert.match(html, /<div id="chat" data-dj-view="ChatView" data-dj-token="[^"]+" data-dj-parent="dj-root"><section><h2>room lobby<\/h2>/);
      assert.match(html, /<div id="badge" data-dj-view="BadgeView" data-dj-token="[^"]+" data-dj-parent="chat"><i>badge lobby 0<\/i><\/div><\/section><\/div><\/main><\/div>/);
      assert.doesNotMatch(html, /dj-nested/, 'no marker is left in the page');
    },
    nested,
    routes,
  );
});

test('each nested view is joined with its own v; the parent tree holds its container empty, and events reach only their view', async () => {
  await withApp(
    async (r) => {
      r.app.registerView(ChatView, BadgeView);
      const lv = await r.connect('/shell');
      assert.equal(r.app.stats().views, 3);
      const chat = lv.view('chat');
      const badge = lv.view('badge');
      assert.match(lv.html(), /<div id="chat" data-dj-view="ChatView" data-dj-token="[^"]+" data-dj-parent="dj-root"><\/div><\/main>/);
      assert.match(chat.html(), /^<section><h2>room lobby<\/h2><p>0 lines<\/p><button dj-click="say">say<\/button><div id="badge" [^>]+ data-dj-parent="chat"><\/div><\/section>$/);
      assert.equal(badge.html(), '<i>badge lobby 0</i>');

      const said = await chat.click('button[dj-click=say]');
      assert.deepEqual([said.t, 'v' in said && said.v], [T.REPLY, 'chat']);
      assert.match(chat.html(), /1 lines/);
      await badge.event('see');
      assert.equal(badge.html(), '<i>badge lobby 1</i>');
      assert.match(lv.html(), /shell 0/);
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    nested,
    routes,
  );
});

test("the child's token is stable for the parent instance: the parent's events change nothing in its container", async () => {
  await withApp(
    async (r) => {
      r.app.registerView(ChatView, BadgeView);
      const lv = await r.connect('/shell');
      const container = (): string => /<div id="chat"[^>]*><\/div>/.exec(lv.html())![0];
      const before = container();
      const reply = await lv.click('button[dj-click=inc]');
      assert.match(lv.html(), /shell 1/);
      assert.equal(container(), before);
      assert.doesNotMatch(JSON.stringify(reply), /data-dj-token/, 'the diff does not resend the container');
    },
    nested,
    routes,
  );
});

test("a nested view's token mounts only the class and params it names, for its own session", async () => {
  await withApp(
    async (r) => {
      r.app.registerView(ChatView, BadgeView);
      const lv = await r.connect('/shell');
      const token = lv.view('chat').token!;
      const [body, sig] = token.split('.');
      const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { v: { params: Record<string, string> } };
      claims.v.params.room = 'vip';
      const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
      const refused = await lv.request({ t: T.JOIN, ref: lv.nextRef(), v: 'forged', token: forged, url: '/shell' });
      assert.equal(codeOf(refused), 'bad_token');

      // Another visitor's socket cannot use it.
      const other = await LiveClient.open(r.server.url, '/shell');
      const stolen = await other.request({ t: T.JOIN, ref: other.nextRef(), v: 'chat', token, url: '/shell' });
      assert.equal(codeOf(stolen), 'bad_token');
      await other.close();
    },
    nested,
    routes,
  );
});

test('a live_render of a view class no route or registerView names fails the page render', async () => {
  await withApp(
    async (r) => {
      const res = await fetch(r.server.url + '/shell');
      assert.equal(res.status, 500);
    },
    nested,
    routes,
  );
});

test('a parent that leaves takes its nested views with it; leaving one of them after is still answered by a reply', async () => {
  await withApp(
    async (r) => {
      r.app.registerView(ChatView, BadgeView);
      const lv = await r.connect('/shell');
      assert.equal(r.app.stats().views, 3);
      await lv.root.leave();
      assert.equal(r.app.stats().views, 0, 'the chat and its badge ended with the shell');
      const late = await lv.view('chat').leave();
      assert.deepEqual([late.t, 'v' in late && late.v], [T.REPLY, 'chat']);
      const event = await lv.view('badge').event('see');
      assert.equal(codeOf(event), 'not_joined');
      assert.deepEqual(checkAnswers(lv.conversation), []);
    },
    nested,
    routes,
  );
});

test('a reconnect joins the page and every nested view again, each with its own token', async () => {
  await withApp(
    async (r) => {
      r.app.registerView(ChatView, BadgeView);
      const lv = await r.connect('/shell');
      await lv.view('chat').click('button[dj-click=say]');
      const again = await lv.reconnect();
      assert.match(again.view('chat').html(), /room lobby/);
      assert.equal(again.view('badge').html(), '<i>badge lobby 0</i>');
      await again.close();
    },
    nested,
    routes,
  );
});
