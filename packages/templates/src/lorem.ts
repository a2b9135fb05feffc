/** Lorem ipsum text for `{% lorem %}`: the standard paragraph and words come first, the rest at random. */

export const COMMON_P =
  'Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et ' +
  'dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea ' +
  'commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla ' +
  'pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';

export const COMMON_WORDS = (
  'lorem ipsum dolor sit amet consectetur adipisicing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'
).split(' ');

const WORDS = (
  'exercitationem perferendis perspiciatis laborum eveniet sunt iure nam nobis eum cum officiis excepturi odio ' +
  'consectetur quasi aut quisquam vel eligendi itaque non odit tempore quaerat dignissimos facilis neque nihil ' +
  'expedita vitae vero ipsum nisi animi cumque pariatur velit modi natus iusto eaque sequi illo sed ex et ' +
  'voluptatibus tempora veritatis ratione assumenda incidunt nostrum placeat aliquid fuga provident praesentium rem ' +
  'necessitatibus suscipit adipisci quidem possimus voluptas debitis sint accusantium unde sapiente voluptate qui ' +
  'aspernatur laudantium soluta amet quo aliquam saepe culpa libero ipsa dicta reiciendis nesciunt doloribus autem ' +
  'impedit minima maiores repudiandae ipsam obcaecati ullam enim totam delectus ducimus quis voluptates dolores ' +
  'molestiae harum dolorem quia voluptatem molestias magni distinctio omnis illum dolorum voluptatum ea quas quam ' +
  'corporis quae blanditiis atque deserunt laboriosam earum consequuntur hic cupiditate quibusdam accusamus ut rerum ' +
  'error minus eius ab ad nemo fugit officia at in id quos reprehenderit numquam iste fugiat sit inventore beatae ' +
  'repellendus magnam recusandae quod explicabo doloremque aperiam consequatur asperiores commodi optio dolor labore ' +
  'temporibus repellat veniam architecto est esse mollitia nulla a similique eos alias dolore tenetur deleniti porro ' +
  'facere maxime corrupti'
).split(' ');

function randInt(lo: number, hi: number): number {
  return lo + Math.floor(Math.random() * (hi - lo + 1));
}

/** `count` distinct words in random order (random.sample). */
function sample(count: number): string[] {
  const pool = [...WORDS];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

function sentence(): string {
  const sections = Array.from({ length: randInt(1, 5) }, () => sample(randInt(3, 12)).join(' '));
  const s = sections.join(', ');
  return s[0].toUpperCase() + s.slice(1) + (Math.random() < 0.5 ? '?' : '.');
}

function paragraph(): string {
  return Array.from({ length: randInt(1, 4) }, sentence).join(' ');
}

export function paragraphs(count: number, common: boolean): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => (common && i === 0 ? COMMON_P : paragraph()));
}

export function words(count: number, common: boolean): string {
  let list = common ? [...COMMON_WORDS] : [];
  if (count > list.length) {
    let left = count - list.length;
    while (left > 0) {
      const c = Math.min(left, WORDS.length);
      left -= c;
      list = list.concat(sample(c));
    }
  } else {
    list = list.slice(0, Math.max(0, count));
  }
  return list.join(' ');
}
