/** The maintenance board through the server's test client: columns and counts, moves, filters, the form, live updates. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LiveClient } from '@djust/server/testing';
import { MaintenanceRequest, REQUEST_STATUSES } from '../src/entities.js';
import { COLUMN_LIMIT, RESOLVED_LIMIT } from '../src/views/maintenance.js';
import { startRentalsServer, type RentalsServer } from './support/rentals-server.js';

let server: RentalsServer;

before(async () => {
  server = await startRentalsServer({ today: '2026-06-15' });
});
after(() => server.close());

const board = (path = '/rentals/maintenance'): Promise<LiveClient> => server.connect(path);

const countIn = (html: string, status: string): number => Number(new RegExp(`id="column-${status}"[^>]*data-count="(\\d+)"`).exec(html)?.[1]);
const ticketsIn = (html: string, status: string): string[] => {
  const start = html.indexOf(`id="column-${status}"`);
  const end = html.indexOf('</section>', start);
  return [...html.slice(start, end).matchAll(/<article class="ticket" id="ticket-(\d+)"/g)].map((m) => m[1]);
};
const statusOf = async (id: number): Promise<string> => (await server.orm.em.fork().findOneOrFail(MaintenanceRequest, { id })).status;

test('three columns show the database counts; open and in progress are bounded, resolved shows only the most recent', async () => {
  const lv = await board();
  const html = lv.html();
  const em = server.orm.em.fork();
  for (const status of REQUEST_STATUSES) {
    const n = await em.count(MaintenanceRequest, { status });
    assert.equal(countIn(html, status), n, status);
    assert.equal(ticketsIn(html, status).length, Math.min(n, status === 'resolved' ? RESOLVED_LIMIT : COLUMN_LIMIT), status);
  }
  assert.ok((await em.count(MaintenanceRequest, { status: 'resolved' })) > RESOLVED_LIMIT, 'the seed has more resolved requests than shown');
  assert.match(html, /Showing the 8 most recently changed of \d+/);
  assert.match(html, /Filed [^<]+ ago/);
});

test('moving a request saves it, flashes, and updates another open board without a reload', async () => {
  const a = await board();
  const b = await board();
  const id = Number(ticketsIn(a.html(), 'open')[0]);
  const openBefore = countIn(b.html(), 'open');
  await a.click(`button[dj-value-id="${id}"][dj-value-status="in_progress"]`);
  assert.equal(await statusOf(id), 'in_progress');
  assert.match(a.html(), /moved to In progress/);
  assert.equal(ticketsIn(a.html(), 'in_progress')[0], String(id), 'the most recently changed comes first');
  await b.untilHtml(new RegExp(`id="column-in_progress"[\\s\\S]*?id="ticket-${id}"`));
  assert.equal(countIn(b.html(), 'open'), openBefore - 1);
  assert.ok(!ticketsIn(b.html(), 'open').includes(String(id)));
  assert.match(b.html(), /is now in progress\./, 'the other board announces the change');
  await a.click(`button[dj-value-id="${id}"][dj-value-status="open"]`);
  assert.equal(await statusOf(id), 'open');
});

test('a forged move is refused with a message and changes nothing', async () => {
  const lv = await board();
  const id = Number(ticketsIn(lv.html(), 'open')[0]);
  await lv.event('move', { id: String(id), status: 'demolished' });
  assert.match(lv.html(), /That move is not possible/);
  assert.equal(await statusOf(id), 'open');
  await lv.event('move', { id: '999999', status: 'resolved' });
  assert.match(lv.html(), /That request no longer exists/);
  assert.deepEqual(lv.errors, []);
});

test('filters go into the URL and narrow every column and count', async () => {
  const lv = await board();
  await lv.change('#board-filters', { priority: 'urgent', property: '3' });
  assert.equal(lv.path, '/rentals/maintenance?priority=urgent&property=3');
  const em = server.orm.em.fork();
  for (const status of REQUEST_STATUSES) assert.equal(countIn(lv.html(), status), await em.count(MaintenanceRequest, { status, priority: 'urgent', property: 3 }));
  assert.match(lv.html(), /Clear filters/);
  const direct = await board('/rentals/maintenance?priority=bogus&property=-1');
  assert.equal(countIn(direct.html(), 'open'), await em.count(MaintenanceRequest, { status: 'open' }), 'bad filter values are ignored');
});

test('the new-request form keeps what was typed, explains each error, and files a valid request at the top of Open for every board', async () => {
  const lv = await board();
  const other = await board();
  await lv.click('button[dj-click="open_form"]');
  await lv.submit('#new-request', { title: '  ', property: '', priority: 'medium', description: 'Water on the floor' });
  assert.match(lv.html(), /Give the request a short title/);
  assert.match(lv.html(), /Choose the property/);
  assert.match(lv.html(), /Water on the floor<\/textarea>/, 'the description is kept');
  await lv.submit('#new-request', { title: 'Dishwasher leaks', property: '2', priority: 'high', description: 'Water on the floor' });
  assert.doesNotMatch(lv.html(), /id="new-request"/, 'the form closes');
  assert.match(lv.html(), /Request “Dishwasher leaks” filed/);
  const saved = await server.orm.em.fork().findOneOrFail(MaintenanceRequest, { title: 'Dishwasher leaks' }, { populate: ['property'] });
  assert.deepEqual([saved.status, saved.priority, saved.property.id], ['open', 'high', 2]);
  assert.equal(ticketsIn(lv.html(), 'open')[0], String(saved.id));
  await other.untilHtml(new RegExp(`id="ticket-${saved.id}"`));
});
