/**
 * How a live view's page is put together. Two ways:
 * - the Django way: the view's template extends a base holding the whole document (or names
 *   its live part with `static liveBlock`); the document is rendered once, with the view's
 *   container around exactly the live block, and only that block is ever rendered live;
 * - the layout way: the template is only the live part; the app's layout wraps its container.
 */
import type { Template, Tree } from '@djust/templates';
import type { ViewClass } from './live-view.js';
import { timedTemplate } from './dev-recorder.js';

/** The block a page written the Django way makes live when the view names none. */
export const DEFAULT_LIVE_BLOCK = 'content';

/** Markup around the live part, and what the document reads besides the view's context. */
export interface PageFrame {
  /** The view's container, opened and closed. */
  container: { before: string; after: string };
  /** `title`, `djust_script`...: the view's own context wins over these. */
  values: Record<string, unknown>;
}

/** The live block of a view's template, or null when the whole template is live (the layout way). */
export function liveBlockOf(cls: ViewClass, template: Template): string | null {
  if (cls.liveBlock !== undefined) return cls.liveBlock;
  return template.extendsParent ? DEFAULT_LIVE_BLOCK : null;
}

/** What is diffed and sent: the live block's tree, or the whole template's. */
export function renderLiveTree(template: Template, block: string | null, context: object): Tree {
  return timedTemplate(() => (block === null ? template.renderTree(context) : template.renderBlockTree(block, context)));
}

/**
 * The HTTP render: the whole document with the container around the live block (Django way),
 * or the container around the whole template, for the layout to take in (layout way). Without
 * a frame (a nested view, whose container the parent's tag writes), only the live part.
 */
export function renderLiveHtml(template: Template, block: string | null, context: Record<string, unknown>, frame?: PageFrame): string {
  return timedTemplate(() => renderHtmlOf(template, block, context, frame));
}

function renderHtmlOf(template: Template, block: string | null, context: Record<string, unknown>, frame?: PageFrame): string {
  if (!frame) return block === null ? template.render(context) : template.renderBlock(block, context);
  const { before, after } = frame.container;
  if (block === null) return before + template.render(context) + after;
  return template.render({ ...frame.values, ...context }, { wrapBlock: { name: block, before, after } });
}

/**
 * The client's script tag, for a document that did not write `{{ djust_script }}` itself:
 * before its last `</body>`, or at its end when it has none.
 */
export function withClientScript(document: string, script: string): string {
  if (!script || document.includes(script)) return document;
  return beforeBodyEnd(document, script);
}

/** `html` inserted before the document's last `</body>`, or at its end when it has none. */
export function beforeBodyEnd(document: string, html: string): string {
  const at = document.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? document + html : document.slice(0, at) + html + document.slice(at);
}
