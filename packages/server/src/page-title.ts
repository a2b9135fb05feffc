/**
 * The page's title, the same for a full load and a live navigation. The HTTP page renders the
 * whole document (a base's `{% block title %}`, or the layout's `{{ title }}`) with these values;
 * a live navigation renders the same document with the new view's context and sends the text of
 * its `<title>` as a `title` effect, since only the live block travels otherwise.
 */
import { parse } from 'node-html-parser';
import { SafeString, type Template } from '@djust/templates';

/** What the document around a live view reads besides the view's context (the context wins). */
export function documentValues(title: string, csrf: string, script: string): Record<string, unknown> {
  return { djust_script: new SafeString(script), title, csrf_token: csrf };
}

const TITLE = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i;

/** The text of a document's first `<title>`, as `document.title` reads it (entities decoded, spaces collapsed). */
export function titleOfDocument(html: string): string | undefined {
  const found = TITLE.exec(html);
  return found ? parse(found[1]).text.replace(/\s+/g, ' ').trim() : undefined;
}

/**
 * The title a full load of the view's page would show: its own document (a page written the
 * Django way, `block` not null) or the layout around it (whose content does not matter here).
 */
export function pageTitleOf(template: Template, block: string | null, layout: Template | undefined, context: Record<string, unknown>, values: Record<string, unknown>): string | undefined {
  if (block !== null) return titleOfDocument(template.render({ ...values, ...context }));
  return layout && titleOfDocument(layout.render({ ...values, content: '' }));
}
