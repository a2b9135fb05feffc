/**
 * Nested live views: `{% live_render "ChildView" id="chat" room=room.id %}`. The tag renders
 * the child's container: in the HTTP render with a marker inside that the page assembly
 * replaces with the child's own HTML, in the parent's live tree with no children at all (the
 * child has its own tree, joined separately with `v` = its id). Each container carries a
 * signed token for the child (its class, params, session), issued once per parent instance so
 * the parent's diffs do not churn.
 *
 * Templates render synchronously, so the view being rendered is kept in one slot for the tag
 * to find while its render runs.
 */
import { randomBytes } from 'node:crypto';
import { ATTR, quoted, type ViewId } from '@djust/protocol';
import { SafeString, escapeHtml, type CustomTagSpec } from '@djust/templates';
import type { NestedView } from './nest-token.js';
import type { Params } from './router.js';

/** A child the HTTP render met: where its HTML goes, and what to mount. */
export interface NestedChild {
  id: ViewId;
  view: string;
  params: Params;
  marker: string;
}

export interface NestingOptions {
  /** The id of the view being rendered: the children's `data-dj-parent`. */
  parent: ViewId;
  /** True in the HTTP render (children's HTML follows), false for the live tree. */
  http: boolean;
  /** A signed token for a child, or an error when no such view may be nested. */
  tokenFor(child: NestedView): string;
}

/** The DOM id (and so the `v`) of a page's root view container. */
export const ROOT_VIEW_ID = 'dj-root';

const VIEW_ID = /^[A-Za-z][\w:.-]{0,99}$/;

/** The children of one view's renders. One per view process: its tokens outlive each render. */
export class Nesting {
  /** The children met by the latest HTTP render, in order. */
  readonly children: NestedChild[] = [];
  /** Tokens of the children the current (or last) render met; the render before's, while one runs. */
  private tokens = new Map<string, string>();
  private previous = new Map<string, string>();
  /** Random per nesting, so no rendered text can pass for a marker. */
  private readonly nonce = randomBytes(9).toString('base64url');

  constructor(private readonly options: NestingOptions) {}

  /** The container markup for a child. */
  container(view: string, id: ViewId, params: Params): string {
    if (!VIEW_ID.test(id)) throw new Error(`live_render needs an id="..." that is a DOM id (a letter, then up to 99 letters, digits, _ : . -), not ${quoted(id)}`);
    const key = JSON.stringify([view, id, params]);
    const token = this.tokens.get(key) ?? this.previous.get(key) ?? this.options.tokenFor({ view, params, parent: this.options.parent });
    this.tokens.set(key, token);
    const attrs = `id="${escapeHtml(id)}" ${ATTR.VIEW}="${escapeHtml(view)}" ${ATTR.TOKEN}="${escapeHtml(token)}" ${ATTR.PARENT}="${escapeHtml(this.options.parent)}"`;
    if (!this.options.http) return `<div ${attrs}></div>`;
    const marker = `<!--dj-nested:${this.nonce}:${id}-->`;
    this.children.push({ id, view, params, marker });
    return `<div ${attrs}>${marker}</div>`;
  }

  /** Runs a render with this nesting as the one `{% live_render %}` uses. */
  render<R>(run: () => R): R {
    const outer = current;
    current = this;
    if (this.options.http) this.children.length = 0;
    // Only the children this render meets keep their tokens, so changing params cannot pile them up.
    this.previous = this.tokens;
    this.tokens = new Map();
    try {
      const out = run();
      this.previous = new Map();
      return out;
    } catch (e) {
      // A failed render met only some children: the others keep the tokens they had.
      this.tokens = new Map([...this.previous, ...this.tokens]);
      this.previous = new Map();
      throw e;
    } finally {
      current = outer;
    }
  }

  /** How many children's tokens are kept. */
  get kept(): number {
    return this.tokens.size;
  }
}

let current: Nesting | undefined;

/** A tag argument as text: string literals arrive as SafeString. */
const paramValue = (v: unknown): string => (v instanceof SafeString ? v.value : v === null || v === undefined ? '' : String(v));

/** The `{% live_render "ViewName" id="..." key=value ... %}` tag: the app registers it in its engine. */
export const liveRenderTag: CustomTagSpec = {
  type: 'simple',
  fn: (args, kwargs) => {
    if (!current) throw new Error('{% live_render %} works only in a live view\'s template');
    const view = args[0] instanceof SafeString ? args[0].value : args[0];
    if (typeof view !== 'string' || args.length !== 1) throw new Error('{% live_render %} takes the view\'s class name, as a string, then key=value params');
    const { id, ...rest } = kwargs;
    const params: Params = {};
    for (const [k, v] of Object.entries(rest)) params[k] = paramValue(v);
    return new SafeString(current.container(view, paramValue(id), params));
  },
};
