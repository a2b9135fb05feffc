/** Signed tokens are read strictly: only the exact base64url the server wrote is accepted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveClient } from '../src/testing/index.js';
import { SESSION_COOKIE } from '../src/session.js';
import { withApp } from './fixtures/app.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const lastBitsSet = (mask: number) => (sig: string) => sig.slice(0, -1) + ALPHABET[ALPHABET.indexOf(sig[sig.length - 1]) ^ mask];

/**
 * Spellings of a token that decode to the same bytes with a lenient decoder: the signature's
 * last character with its unused low bits set, padding, a stray character, a line break.
 */
const LOOKALIKES: [string, (token: string) => string][] = [
  ['low bit set', (t) => t.replace(/[^.]+$/, lastBitsSet(1))],
  ['both unused bits set', (t) => t.replace(/[^.]+$/, lastBitsSet(3))],
  ['padded', (t) => `${t}=`],
  ['a stray character', (t) => t.replace(/\.(.{10})/, '.$1!')],
  ['a line break', (t) => t.replace(/\.(.{10})/, '.$1\n')],
  ['a padded body', (t) => t.replace('.', '=.')],
];

test('a session cookie whose signature is not in canonical form is not a session', async () => {
  await withApp(async (r) => {
    const page = await fetch(`${r.server.url}/form`);
    const cookie = page.headers.getSetCookie()[0].split(';')[0];
    const token = /value="([^"]+)"/.exec(await page.text())![1];
    const value = decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1));
    const post = (c: string) =>
      fetch(`${r.server.url}/form`, { method: 'POST', headers: { cookie: c, 'x-csrftoken': token, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=ada' });
    assert.equal(await (await post(cookie)).text(), 'got ada');
    for (const [what, spell] of LOOKALIKES) {
      const res = await post(`${SESSION_COOKIE}=${encodeURIComponent(spell(value))}`);
      assert.equal(res.status, 403, what);
      assert.equal(res.headers.getSetCookie().length, 1, 'a fresh session is issued instead');
    }
  });
});

test('a join token whose signature is not in canonical form is refused with 4401', async () => {
  await withApp(async (r) => {
    // Each page has its own session, so each variant is made from that page's own token.
    for (const [what, spell] of LOOKALIKES) {
      const lv = await LiveClient.open(r.server.url, '/counter');
      const reply = await lv.request({ t: 'join', ref: 1, v: 'dj-root', token: spell(lv.token), url: '/counter' });
      assert.equal(reply.t === 'error' && reply.code, 'bad_token', what);
      assert.equal(await lv.whenClosed(), 4401);
    }
    const fine = await r.connect('/counter');
    await fine.click('button[dj-click=increment]');
    assert.match(fine.html(), /Count: 1/);
  });
});
