/**
 * The app's views over a real socket, as a browser would drive them, with the server's test
 * client: a private database, the app on a free port.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveClient } from '@djust/server/testing';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db.js';
import { testDatabaseUrl } from '../src/driver.js';

const queries: string[] = [];
const orm = await openDatabase({ url: testDatabaseUrl(), fresh: true, orm: { onQuery: (sql: string) => (queries.push(sql), sql) } });
const running = await createApp({ orm }).listen(0, '127.0.0.1');
after(async () => {
  await running.close();
  await orm.close();
});

const count = (html: string): string | undefined => /<output[^>]*>(-?\d+)<\/output>/.exec(html)?.[1];
/** "Title by Author", as the list shows them. */
const books = (html: string): string[] => [...html.matchAll(/<span class="title">([^<]+)<\/span><span class="meta">([^<]+) · \d+<\/span>/g)].map((m) => `${m[1]} by ${m[2]}`);

test('the counter goes up, down and back to zero', async () => {
  const lv = await LiveClient.connect(running.url, '/');
  try {
    assert.equal(count(lv.html()), '0');
    await lv.click('button[dj-click=increment]');
    await lv.click('button[dj-click=increment]');
    assert.equal(count(lv.html()), '2');
    await lv.click('button[dj-click=decrement]');
    assert.equal(count(lv.html()), '1');
    await lv.click('button[dj-click=reset]');
    assert.equal(count(lv.html()), '0');
  } finally {
    await lv.close();
  }
});

test('the book list shows every book with its author, by title', async () => {
  const lv = await LiveClient.connect(running.url, '/books');
  try {
    const all = books(lv.html());
    assert.equal(all.length, 11);
    assert.equal(all[0], 'A Wizard of Earthsea by Ursula K. Le Guin');
    assert.deepEqual(all, [...all].sort((a, b) => a.localeCompare(b)));
  } finally {
    await lv.close();
  }
});

test('the search filters by title or author, ignoring case, and goes into the URL', async () => {
  const lv = await LiveClient.connect(running.url, '/books');
  try {
    await lv.change('#search', { q: 'le guin' });
    assert.deepEqual(books(lv.html()), ['A Wizard of Earthsea by Ursula K. Le Guin', 'The Dispossessed by Ursula K. Le Guin', 'The Left Hand of Darkness by Ursula K. Le Guin']);
    assert.equal(lv.path, '/books?q=le%20guin');
    await lv.change('#search', { q: 'BELOVED' });
    assert.deepEqual(books(lv.html()), ['Beloved by Toni Morrison']);
    await lv.change('#search', { q: 'nobody <b>' });
    assert.deepEqual(books(lv.html()), []);
    assert.match(lv.html(), /No book matches “nobody &lt;b&gt;”\./);
  } finally {
    await lv.close();
  }
});

test('a search is one query, authors included', async () => {
  const lv = await LiveClient.connect(running.url, '/books');
  try {
    queries.length = 0;
    await lv.change('#search', { q: 'the' });
    assert.equal(books(lv.html()).length, 4);
    assert.equal(queries.length, 1, queries.join('\n'));
  } finally {
    await lv.close();
  }
});
