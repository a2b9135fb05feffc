/** The first start's data: a few authors and their books, the same every time. */
import type { EntityManager } from '@mikro-orm/core';
import { Author, Book } from './entities.js';

const LIBRARY: { name: string; born: number; books: [title: string, year: number][] }[] = [
  { name: 'Ursula K. Le Guin', born: 1929, books: [['A Wizard of Earthsea', 1968], ['The Left Hand of Darkness', 1969], ['The Dispossessed', 1974]] },
  { name: 'Italo Calvino', born: 1923, books: [['Invisible Cities', 1972], ['If on a winter\u2019s night a traveler', 1979]] },
  { name: 'Toni Morrison', born: 1931, books: [['Beloved', 1987], ['Song of Solomon', 1977]] },
  { name: 'Jorge Luis Borges', born: 1899, books: [['Ficciones', 1944], ['The Aleph', 1949]] },
  { name: 'Octavia E. Butler', born: 1947, books: [['Kindred', 1979], ['Parable of the Sower', 1993]] },
];

/** Writes the seed; returns how many authors and books it wrote. */
export async function seed(em: EntityManager): Promise<{ authors: number; books: number }> {
  let books = 0;
  for (const entry of LIBRARY) {
    const author = em.create(Author, { name: entry.name, born: entry.born });
    for (const [title, year] of entry.books) {
      em.create(Book, { title, year, author });
      books += 1;
    }
  }
  await em.flush();
  return { authors: LIBRARY.length, books };
}
