/** A method marked with `altersData` is never called while serializing, nor by the engine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { Jit, altersData, query } from '../src/index.js';
import { openLibrary, Book } from './fixtures/library.js';

// Marked before MikroORM.init, which replaces the class's methods with wrappers of its own.
altersData(Book, 'archive');

const engine = new Engine({ templates: { 'book.html': '{{ book.title }}[{{ book.archive }}]' } });

test('the JIT never calls a method marked with altersData, for queried or loaded entities', async () => {
  const db = await openLibrary(2);
  try {
    const jit = new Jit({ orm: db.orm });
    const tpl = engine.getTemplate('book.html');
    const em = db.orm.em.fork();
    const loaded = await em.findOneOrFail(Book, { id: 2 });
    const fromQuery = await jit.serializeContext({ book: query(Book).where({ id: 1 }).one() }, tpl, em);
    const fromLoaded = await jit.serializeContext({ book: loaded }, tpl, em);
    assert.deepEqual([tpl.render(fromQuery), tpl.render(fromLoaded)], ['Book 0[]', 'Book 1[]']);
    db.reset();
    await em.flush();
    assert.deepEqual(db.sql, [], 'nothing was changed, so nothing is written');
    assert.deepEqual((await db.orm.em.fork().find(Book, {}, { orderBy: { id: 'asc' } })).map((b) => b.archived), [false, false]);
  } finally {
    await db.close();
  }
});

test('a method flagged alters_data on the function itself is not called either', async () => {
  const db = await openLibrary(1);
  try {
    class Shelf {
      static count = 0;
      clear(): string {
        Shelf.count++;
        return 'cleared';
      }
    }
    (Shelf.prototype.clear as { alters_data?: boolean }).alters_data = true;
    // A book whose class carries such a method: the flag is read from the method the entity has now.
    const proto = Book.prototype as unknown as Record<string, unknown>;
    proto.clearShelf = Shelf.prototype.clear;
    try {
      const tpl = new Engine({ templates: { t: '{{ book.title }}[{{ book.clear_shelf }}]' } }).getTemplate('t');
      const data = await new Jit({ orm: db.orm }).serializeContext({ book: query(Book).one() }, tpl, db.orm.em.fork());
      assert.equal(tpl.render(data), 'Book 0[]');
      assert.equal(Shelf.count, 0);
    } finally {
      delete proto.clearShelf;
    }
  } finally {
    await db.close();
  }
});
