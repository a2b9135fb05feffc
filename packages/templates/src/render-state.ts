/**
 * Per-render state (Django's render_context): cycle positions, ifchanged memories, and the
 * block context an {% extends %} chain fills; plus the shapes compiled templates have.
 */
import type { Runtime } from './runtime.js';
import type { Scope } from './scope.js';
import type { Tree } from '@djust/protocol/tree';

/** One block body, in both output modes. `blk` is the template's `block` variable. */
export interface BlockFn {
  s(rt: Runtime, c: Scope, st: RenderState, ae: boolean, blk: BlockVar): string;
  t(rt: Runtime, c: Scope, st: RenderState, ae: boolean, blk: BlockVar): Tree;
}

export interface BlockVar {
  name: string;
  super: () => unknown;
}

/** Django's BlockContext: per block name, the overriding bodies, most derived last. */
export class BlockContext {
  private readonly blocks = new Map<string, BlockFn[]>();

  add(blocks: Record<string, BlockFn>): void {
    for (const name of Object.keys(blocks)) {
      const list = this.blocks.get(name);
      if (list) list.unshift(blocks[name]);
      else this.blocks.set(name, [blocks[name]]);
    }
  }

  pop(name: string): BlockFn | undefined {
    return this.blocks.get(name)?.pop();
  }

  push(name: string, fn: BlockFn): void {
    const list = this.blocks.get(name);
    if (list) list.push(fn);
    else this.blocks.set(name, [fn]);
  }

  peek(name: string): BlockFn | undefined {
    const list = this.blocks.get(name);
    return list && list.length ? list[list.length - 1] : undefined;
  }

  names(): string[] {
    return [...this.blocks.keys()];
  }
}

/**
 * The one block a render is about (a page's live part). Without `wrap`, only that block is
 * rendered, the chain's root rendering it instead of its own body; with `wrap`, the whole
 * document is, the block's output placed between `before` and `after`. Either way the block
 * renders with `scope`, the page's context, so the two renders agree on its output.
 */
export interface BlockTarget {
  /** The template the render was asked of (named in errors). */
  readonly template: string;
  readonly name: string;
  readonly scope: Scope;
  readonly wrap?: { readonly before: string; readonly after: string };
  /** The block's output, once rendered (block-only renders). */
  result?: string | Tree;
  /** How many times the document reached the block (wrapped renders). */
  count: number;
  /** True while the block's own body renders, so its block.super is not wrapped again. */
  active: boolean;
}

/** State for one template render (Django's render_context): cycles, ifchanged, blocks. */
export class RenderState {
  readonly cycles = new Map<number, number>();
  readonly changed = new Map<string, unknown>();
  blocks: BlockContext | null = null;
  /** Templates already visited by this extends chain (Django skips them when looking up). */
  history: string[] = [];
  /** Set for block renders; an extends chain hands it on, an include does not (Django's blocks end there). */
  target: BlockTarget | null = null;
  constructor(
    readonly depth = 0,
    /** Which include site this render is (ifchanged state is per included instance). */
    readonly instance = '',
  ) {}
}

/** A loaded, compiled template as the runtime sees it. */
export interface CompiledTemplate {
  readonly name: string;
  /** Where the source came from: `mem:<name>`, a file path, or `<string>:<hash>`. */
  readonly origin: string;
  readonly extendsParent: boolean;
  readonly blocks: Record<string, BlockFn>;
  renderInto(rt: Runtime, c: Scope, st: RenderState, ae: boolean): string;
  treeInto(rt: Runtime, c: Scope, st: RenderState, ae: boolean): Tree;
}

