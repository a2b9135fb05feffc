import type { PageContext } from '../data.js';

/** A page compiled by one engine, ready to render any number of contexts. */
export type RenderPage = (ctx: PageContext) => string;

export interface BenchEngine {
  readonly name: 'djust' | 'nunjucks' | 'liquid';
  /**
   * Builds a fresh engine and compiles the base layout and the page from source, sharing no
   * cache with earlier calls: this is what the cold-compile measurement times. `sources`
   * replaces the engine's templates (same names), for salted copies.
   */
  compile(sources?: Record<string, string>): RenderPage;
}
