/** The app's own error pages: a failing page answers 500 with the site's shell, and no detail of the error. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { find } from '@djust/server/testing';
import { startRentalsServer } from './support/rentals-server.js';
import { textOf } from './support/html.js';

test('a page whose query fails answers 500 with the app\'s error page, the navigation kept and the SQL error not shown', async () => {
  const s = await startRentalsServer();
  try {
    await s.sql('drop table maintenance_requests');
    const res = await fetch(new URL('/rentals/maintenance', s.url));
    const html = await res.text();
    assert.equal(res.status, 500);
    assert.equal(textOf(html, 'main h1'), 'Something went wrong');
    assert.match(textOf(html, 'main'), /could not show \/rentals\/maintenance\. The error has been logged/);
    assert.equal(find(html, 'nav.sidebar a[href="/rentals/properties"]').text, 'Properties');
    assert.doesNotMatch(html, /maintenance_requests|no such table/i);
    assert.match(html, /<title>Something went wrong · Rentals<\/title>/);
    // The other pages still work.
    assert.equal((await fetch(new URL('/rentals/properties', s.url))).status, 200);
  } finally {
    await s.close();
  }
});
