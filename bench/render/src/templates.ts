/**
 * The page in each engine's own syntax: a base layout plus a page that extends it. The files
 * live under templates/<engine>/ so they read as templates; they are loaded into memory here
 * because every engine is then compiled from in-memory source, with no file I/O in the timings.
 */
import { readFileSync } from 'node:fs';

export type EngineName = 'djust' | 'nunjucks' | 'liquid';

export interface PageTemplates {
  /** Name of the page template (the one rendered); it extends `base`. */
  page: string;
  base: string;
  /** Name to source, as each engine's in-memory loader wants it. */
  sources: Record<string, string>;
}

const EXT: Record<EngineName, string> = { djust: 'html', nunjucks: 'njk', liquid: 'liquid' };

function load(engine: EngineName): PageTemplates {
  const page = `page.${EXT[engine]}`;
  const base = `base.${EXT[engine]}`;
  const read = (name: string) => readFileSync(new URL(`./templates/${engine}/${name}`, import.meta.url), 'utf8');
  return { page, base, sources: { [page]: read(page), [base]: read(base) } };
}

export const templates: Record<EngineName, PageTemplates> = {
  djust: load('djust'),
  nunjucks: load('nunjucks'),
  liquid: load('liquid'),
};

/**
 * The same templates with `salt` written into both, as an HTML comment the compiled code
 * must carry. Every cold-compile run uses a new salt, so no cache can serve it: not the
 * engine's (each run builds a fresh engine anyway) and not V8's, which would otherwise hand
 * back the already-compiled function for a `new Function` body it has seen before.
 */
export function saltedSources(engine: EngineName, salt: string): Record<string, string> {
  const { page, base, sources } = templates[engine];
  const comment = `<!-- ${salt} -->`;
  return {
    // Inside the page's last block, since text outside blocks in a child is never compiled into output.
    [page]: sources[page].replace(/\{% endblock %\}\s*$/, `${comment}{% endblock %}\n`),
    [base]: sources[base] + comment + '\n',
  };
}
