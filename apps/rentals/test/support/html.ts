/** Reading the views' HTML in tests: table cells as text, dates as Django's "M d, Y" prints them. */
import assert from 'node:assert/strict';
import { find } from '@djust/server/testing';
import type { RentalsServer } from './rentals-server.js';

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Each body row of the table matching `selector`, as the text of its cells. */
export function cellTexts(html: string, selector: string): string[][] {
  return find(html, selector)
    .querySelectorAll('tbody tr')
    .map((tr) => tr.querySelectorAll('td').map((td) => squash(td.text)));
}

/** The text of the element matching `selector`, whitespace collapsed. */
export function textOf(html: string, selector: string): string {
  return squash(find(html, selector).text);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-01-05' → 'Jan 05, 2026'. */
export function djangoDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${MONTHS[Number(m) - 1]} ${d}, ${y}`;
}

/** The SQL statements it takes to load `path` over HTTP and join it (two renders). */
export async function pageQueries(s: RentalsServer, path: string): Promise<number> {
  s.queries.length = 0;
  const lv = await s.connect(path);
  await lv.close();
  return s.queries.length;
}

/** The `dt` → `dd` pairs of the definition list inside the element matching `selector`. */
export function definitions(html: string, selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  const dl = find(html, selector).querySelector('dl');
  if (!dl) return out;
  for (const dt of dl.querySelectorAll('dt')) {
    const dd = dt.nextElementSibling;
    if (dd) out[squash(dt.text)] = squash(dd.text);
  }
  return out;
}

/** An amount as the pages show it (`floatformat:2|intcomma`): '1,450.50'. */
export function money(amount: number): string {
  return amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** GETs `path` and checks it is the app's 404 page, saying `what` ('Lease not found') is missing; its HTML. */
export async function notFoundPage(base: string, path: string, what: string): Promise<string> {
  const res = await fetch(new URL(path, base));
  const html = await res.text();
  assert.equal(res.status, 404, path);
  assert.equal(textOf(html, 'main h1'), 'Page not found', path);
  assert.ok(textOf(html, 'main').includes(`${what}. It may have been removed.`), `${path}: ${textOf(html, 'main')}`);
  return html;
}
