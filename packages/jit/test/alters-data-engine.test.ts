/**
 * The altersData mark without a Jit: MikroORM's init replaces entity methods with wrappers of
 * its own, and a template engine rendering entities itself must still refuse the marked ones.
 * (A file of its own: a Jit created in the same process would put the mark back on the wrappers.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@djust/templates';
import { altersData } from '../src/index.js';
import { openLibrary, Book } from './fixtures/library.js';

// Marked before MikroORM.init, as an application marks its entities where it defines them.
altersData(Book, 'archive');

test('an engine-only render after MikroORM init does not call a method marked with altersData', async () => {
  const db = await openLibrary(1);
  try {
    const book = await db.orm.em.fork().findOneOrFail(Book, { id: 1 });
    const engine = new Engine({ templates: { 'book.html': '{{ book.title }}[{{ book.archive }}]' } });
    assert.equal(engine.getTemplate('book.html').render({ book }), 'Book 0[]');
    assert.equal(book.archived, false);
  } finally {
    await db.close();
  }
});
