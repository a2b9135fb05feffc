/**
 * The app's data: authors and their books. Plain classes, mapped with `defineEntity` (no
 * decorators, so tsx, tsc and node --test all see the same code).
 */
import { defineEntity, p, type Collection } from '@mikro-orm/core';

export class Author {
  id!: number;
  name!: string;
  born!: number;
  books!: Collection<Book>;
}

export class Book {
  id!: number;
  title!: string;
  year!: number;
  author!: Author;
}

export const AuthorSchema = defineEntity({
  class: Author,
  tableName: 'authors',
  properties: {
    id: p.integer().primary(),
    name: p.string(),
    born: p.integer(),
    books: () => p.oneToMany(Book).mappedBy('author'),
  },
});

export const BookSchema = defineEntity({
  class: Book,
  tableName: 'books',
  properties: {
    id: p.integer().primary(),
    title: p.string(),
    year: p.integer(),
    author: () => p.manyToOne(Author),
  },
});

export const entities = [AuthorSchema, BookSchema];
