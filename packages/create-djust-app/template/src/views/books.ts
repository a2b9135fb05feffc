/**
 * Books, searchable by title or author. The search runs on the server as the visitor types
 * (debounced in the browser) and lives in the URL (?q=), so a search can be linked to.
 * The template reads `book.author.name`: the JIT loads the books with their authors' names in
 * one query, and nothing the template does not read.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { LiveView, query, type Params } from '@djust/server';
import { containing } from '../driver.js';
import { Book } from '../entities.js';

const MAX_QUERY = 80;

export class BookListView extends LiveView {
  static template = 'books.html';
  static events = ['search'];
  q = '';

  override handleParams(_params: Params, url: URL): void {
    this.q = (url.searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY);
  }

  /** The search form's dj-change: `{ form: { q } }`. */
  search({ form }: { form?: { q?: unknown } }): void {
    const q = typeof form?.q === 'string' ? form.q.trim().slice(0, MAX_QUERY) : '';
    if (q !== this.q) this.pushPatch(q ? `/books?q=${encodeURIComponent(q)}` : '/books');
  }

  override getContextData(): Record<string, unknown> {
    return { books: query(Book).where(matching(this.q)).orderBy({ title: 'asc' }) };
  }
}

/** Books whose title or author's name contains the text, ignoring case. */
function matching(q: string): FilterQuery<Book> {
  if (!q) return {};
  // A % or _ typed in the box is a LIKE wildcard: harmless in a search, and the text is a bound parameter.
  const pattern = containing(q);
  return { $or: [{ title: pattern }, { author: { name: pattern } }] };
}
