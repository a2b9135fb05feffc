/**
 * Error pages, as Django's `404.html` and `500.html`: `errorTemplates` names a template per
 * status, rendered with `status`, `message`, `path`, `title` (the status's reason) and
 * `csrf_token`, plus `stack` in debug only. A status without a template, or one whose template
 * fails to render, gets the plain page, so an error page can never fail the answer itself.
 */
import { escapeHtml, type Engine } from '@djust/templates';
import { quoted } from '@djust/protocol';
import type { Logger } from './core.js';

/** Status → template name, e.g. `{ 404: '404.html', 500: '500.html' }`. */
export type ErrorTemplates = Readonly<Partial<Record<number, string>>>;

export interface ErrorPage {
  status: number;
  /** Shown to the visitor: a NotFound's or HttpError's own text, never an unexpected exception's. */
  message: string;
  /** The request's path. */
  path: string;
  csrf: string;
  /** What was thrown; its stack reaches the page only in debug. */
  error?: unknown;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  500: 'Server Error',
};

export const reasonOf = (status: number): string => REASONS[status] ?? 'Error';

export class ErrorPages {
  constructor(
    private readonly engine: Engine,
    private readonly templates: ErrorTemplates,
    private readonly debug: boolean,
    private readonly log: Logger,
  ) {}

  /** The HTML answering `page.status`: the app's template for it, else the plain page. */
  render(page: ErrorPage): string {
    const stack = this.debug && page.error instanceof Error ? (page.error.stack ?? page.error.message) : undefined;
    const name = this.templates[page.status];
    if (name !== undefined) {
      try {
        const context = { status: page.status, message: page.message, path: page.path, title: reasonOf(page.status), csrf_token: page.csrf, djust_script: '' };
        return this.engine.getTemplate(name).render(stack === undefined ? context : { ...context, stack });
      } catch (e) {
        this.log.error(`[djust] the ${page.status} page's template ${quoted(name)} failed to render; the plain page was sent instead`, e);
      }
    }
    return plainPage(page.status, page.message, stack);
  }
}

function plainPage(status: number, message: string, stack: string | undefined): string {
  const detail = stack === undefined ? '' : `<pre>${escapeHtml(stack)}</pre>`;
  return `<!doctype html><title>${status}</title><h1>${status}</h1><p>${escapeHtml(message)}</p>${detail}`;
}
