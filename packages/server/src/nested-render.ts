/**
 * The HTTP render of a view with the views it nests: each child is mounted and rendered (with
 * its own children) where its container's marker is, as the page a browser first sees.
 */
import type { AppCore } from './core.js';
import { ViewProcess, detachedOwner } from './view-process.js';

/** Nested views nesting views: past this depth the render fails (a view that nests itself). */
const MAX_DEPTH = 8;

export async function renderWithChildren(core: AppCore, process: ViewProcess, depth = 0): Promise<string> {
  if (depth > MAX_DEPTH) throw new Error(`{% live_render %} nests views more than ${MAX_DEPTH} deep (does ${process.cls.name} nest itself?)`);
  let html = await process.renderHtml();
  for (const child of [...process.nesting.children]) {
    // The tag issued the child's token only for a registered name.
    const cls = core.viewNamed(child.view)!;
    const nested = new ViewProcess(core, cls, core.templateFor(cls), process.session, process.url, child.params, false, detachedOwner(child.id));
    try {
      // A child that sends the visitor away while mounting renders nothing here; joined live, it redirects.
      const inner = (await nested.mount()) ? '' : await renderWithChildren(core, nested, depth + 1);
      html = html.replace(child.marker, () => inner);
    } finally {
      await nested.terminate('rendered');
    }
  }
  return html;
}
