/** The list helper: URL → state → URL, orders, sort headers and the pager. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Listing, text } from '../src/views/listing.js';

const listing = new Listing({
  sorts: { name: 'name', rent: 'monthlyRent', tenant: 'tenant.user.lastName' },
  defaultSort: 'name',
  filters: ['q', 'status'],
  pageSize: 10,
});
const at = (search: string) => listing.read(new URL(`http://x/rentals/things${search}`));

test('read takes the filters, the sort and the page from the URL', () => {
  assert.deepEqual(at('?q=%20oak%20&status=occupied&sort=-rent&page=3'), {
    path: '/rentals/things',
    filters: { q: 'oak', status: 'occupied' },
    sort: 'rent',
    desc: true,
    page: 3,
  });
});

test('bad values in the URL fall back to the defaults', () => {
  const state = at('?sort=password&page=-2&status=' + 'x'.repeat(300));
  assert.equal(state.sort, 'name');
  assert.equal(state.desc, false);
  assert.equal(state.page, 1);
  assert.equal(state.filters.status.length, 200);
  assert.equal(at('?page=2.5').page, 1);
  assert.equal(at('?page=abc').page, 1);
  assert.equal(at('?sort=-').sort, 'name');
});

test('href leaves defaults out and goes back to page 1 when a filter or the sort changes', () => {
  const state = at('?q=oak&page=3');
  assert.equal(listing.href(listing.initial('/rentals/things')), '/rentals/things');
  assert.equal(listing.href(state), '/rentals/things?q=oak&page=3');
  assert.equal(listing.href(state, { q: 'elm' }), '/rentals/things?q=elm');
  assert.equal(listing.href(state, { q: '' }), '/rentals/things');
  assert.equal(listing.href(state, { sort: '-rent' }), '/rentals/things?q=oak&sort=-rent');
  assert.equal(listing.href(state, { page: 4 }), '/rentals/things?q=oak&page=4');
  assert.equal(listing.href(state, { q: 'a&b=c' }), '/rentals/things?q=a%26b%3Dc');
  assert.throws(() => listing.href(state, { color: 'red' }), /'color' is not a filter/);
});

test('href round-trips through read', () => {
  const state = at('?q=Main%20St&status=available&sort=-tenant&page=2');
  assert.deepEqual(at(listing.href(state).replace('/rentals/things', '')), state);
});

test('orderBy nests relation paths and ends with the id', () => {
  assert.deepEqual(listing.orderBy(at('?sort=-tenant')), { tenant: { user: { lastName: 'desc' } }, id: 'asc' });
  assert.deepEqual(listing.orderBy(at('')), { name: 'asc', id: 'asc' });
  assert.deepEqual(Object.keys(listing.orderBy(at('?sort=rent'))), ['monthlyRent', 'id']);
});

test('headers: the sorted column says so, and its link flips the direction', () => {
  const h = listing.headers(at('?q=oak&page=2'));
  assert.deepEqual(h.name, { href: '/rentals/things?q=oak&sort=-name', aria: 'ascending', next: 'descending' });
  assert.deepEqual(h.rent, { href: '/rentals/things?q=oak&sort=rent', aria: 'none', next: 'ascending' });
  const d = listing.headers(at('?sort=-rent'));
  assert.equal(d.rent.aria, 'descending');
  assert.equal(d.rent.href, '/rentals/things?sort=rent');
  assert.equal(listing.headers(at('?sort=-name')).name.href, '/rentals/things', 'back to the default order, which the URL leaves out');
});

test('the pager clamps the page, counts the rows shown and windows its links', () => {
  const p = listing.page(at('?page=9'), 45);
  assert.equal(p.number, 5);
  assert.equal(p.pages, 5);
  assert.equal(p.offset, 40);
  assert.deepEqual([p.start, p.end], [41, 45]);
  assert.equal(p.hasNext, false);
  assert.equal(p.previousHref, '/rentals/things?page=4');

  const many = listing.page(at('?page=10'), 200);
  assert.deepEqual(many.links.map((l) => (l ? l.number : '…')), [1, '…', 8, 9, 10, 11, 12, '…', 20]);
  assert.equal(many.links.filter((l) => l?.current).length, 1);
  assert.equal(many.links[0]?.href, '/rentals/things');

  const none = listing.page(at(''), 0);
  assert.deepEqual([none.number, none.pages, none.start, none.end, none.links.length], [1, 1, 0, 0, 1]);
});

test('a bad defaultSort or a reserved filter name is refused at once', () => {
  assert.throws(() => new Listing({ sorts: { a: 'a' }, defaultSort: 'b' as 'a' }), /defaultSort "b"/);
  assert.throws(() => new Listing({ sorts: { a: 'a' }, defaultSort: 'a', filters: ['page'] }), /'page' cannot be a filter/);
});

test('text takes the first string of a form value', () => {
  assert.equal(text(['  a ', 'b']), 'a');
  assert.equal(text(undefined), '');
  assert.equal(text(7), '');
});
