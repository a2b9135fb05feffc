/** Entities anywhere in the context (plain objects, arrays, Maps) are planned by their paths like top-level ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { Jit, encodeValue, type PlanIssue } from '../src/index.js';
import { openLibrary, Book, type TestDb } from './fixtures/library.js';

const SHOP = [
  '{{ shop.featured.title }}',
  '{% for b in shop.recent %}{{ b.title }}({{ b.reviews.count }}){% endfor %}',
  '{% for row in shop.rows %}{{ row.book.title }}:{% for r in row.book.reviews.all %}{{ r.reviewer.name }};{% endfor %}{% endfor %}',
  '{{ shop.by_key.last.title }}',
].join('|');
const engine = new Engine({ templates: { 'shop.html': SHOP } });

/** Data as text, Maps included, to look for what must not be there. */
const text = (data: unknown): string => JSON.stringify(data, (_, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v));

async function renderShop(db: TestDb, rows: number): Promise<{ html: string; data: Record<string, unknown>; queries: number; issues: PlanIssue[] }> {
  const em = db.orm.em.fork();
  const books = await em.find(Book, {}, { orderBy: { id: 'asc' } });
  const issues: PlanIssue[] = [];
  const jit = new Jit({ orm: db.orm, onIssue: (i) => issues.push(i) });
  const tpl = engine.getTemplate('shop.html');
  const shop = {
    featured: books[0],
    recent: [books[1], books[2]],
    rows: books.slice(0, rows).map((book) => ({ book })),
    by_key: new Map([['last', books[books.length - 1]]]),
  };
  db.reset();
  const data = await jit.serializeContext({ shop }, tpl, em);
  return { html: tpl.render(data), data, queries: db.queries, issues };
}

test('nested entities render what the template reads and carry nothing else', async () => {
  const db = await openLibrary(4);
  try {
    const { html, data, issues } = await renderShop(db, 2);
    assert.equal(html, 'Book 0|Book 1(2)Book 2(2)|Book 0:Reader 0;Reader 1;Book 1:Reader 1;Reader 2;|Book 3');
    assert.deepEqual(issues, []);
    assert.doesNotMatch(text(data), /note|secretNote|tok-|Summary|email/);
    const shop = data.shop as { featured: object; recent: object[]; by_key: Map<string, object> };
    assert.deepEqual(Object.keys(shop.featured).sort(), ['id', 'title']);
    assert.deepEqual(Object.keys(shop.by_key.get('last')!).sort(), ['id', 'title']);
  } finally {
    await db.close();
  }
});

test('nested entities cost the same queries for 2 rows as for 12', async () => {
  const db = await openLibrary(12);
  try {
    const counts = [(await renderShop(db, 2)).queries, (await renderShop(db, 12)).queries];
    // One for the reviews of `recent`, one for the reviews (and their reviewers) of all rows.
    assert.deepEqual(counts, [2, 2]);
  } finally {
    await db.close();
  }
});

test('entity lists and Collections inside the rows of a plain list load together: constant queries', async () => {
  const db = await openLibrary(12);
  try {
    const tpl = new Engine({
      templates: { t: '{% for row in rows %}[{% for b in row.others %}{{ b.title }}:{{ b.reviews.count }},{% endfor %}|{% for r in row.reviews %}{{ r.reviewer.name }},{% endfor %}]{% endfor %}' },
    }).getTemplate('t');
    const run = async (n: number): Promise<{ html: string; queries: number }> => {
      const em = db.orm.em.fork();
      const books = await em.find(Book, {}, { orderBy: { id: 'asc' } });
      const rows = books.slice(0, n).map((book, i) => ({ others: [books[(i + 1) % books.length]], reviews: book.reviews }));
      db.reset();
      const data = await new Jit({ orm: db.orm }).serializeContext({ rows }, tpl, em);
      return { html: tpl.render(data), queries: db.queries };
    };
    const two = await run(2);
    assert.equal(two.html, '[Book 1:2,|Reader 0,Reader 1,][Book 2:2,|Reader 1,Reader 2,]');
    const twelve = await run(12);
    assert.equal((twelve.html.match(/\[/g) ?? []).length, 12);
    assert.equal(twelve.queries, two.queries);
  } finally {
    await db.close();
  }
});

test('the default encoder alone copies only the keys of an entity', async () => {
  const db = await openLibrary(1);
  try {
    const book = await db.orm.em.fork().findOneOrFail(Book, { id: 1 });
    await db.orm.em.fork().populate(book, ['reviews']);
    assert.deepEqual(encodeValue({ shop: { featured: book, list: [book], reviews: book.reviews } }), {
      shop: { featured: { id: 1 }, list: [{ id: 1 }], reviews: [{ id: 1 }, { id: 2 }] },
    });
  } finally {
    await db.close();
  }
});
