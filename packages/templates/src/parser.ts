/**
 * Tokens → AST, as Django's Parser: `parse(until)` reads up to one of the given end tags and
 * leaves it for the caller; a stack of open tags names the unclosed one; the innermost token
 * is the one an error points at.
 */
import { tokenize, splitContents, type Token } from './lexer.js';
import { TemplateSyntaxError } from './errors.js';
import { ExprError, parseFilterExpression } from './expr.js';
import type { FilterExpr, Node, Pos } from './nodes.js';
import type { FilterSpec, FilterTable } from './filters/types.js';
import { closest } from './suggest.js';

/** A tag's compile function: reads its own token (and, through the parser, its body). */
export type TagParser = (parser: Parser, token: Token, bits: string[]) => Node | null;

export interface Library {
  filters?: FilterTable;
  tags?: Record<string, TagParser>;
}

export interface ParserOptions {
  name: string;
  source: string;
  filters: FilterTable;
  tags: Record<string, TagParser>;
  /** Libraries `{% load %}` can bring in, by name. */
  libraries: Record<string, Library>;
}

/** Deeper nesting than this is refused rather than risking the stack. */
export const MAX_DEPTH = 256;

/** Ids unique across templates: per-render state (cycles, ifchanged) is keyed by them. */
let nextUid = 0;

export class Parser {
  readonly name: string;
  readonly source: string;
  private readonly tokens: Token[];
  private index = 0;
  private readonly filters: FilterTable;
  private readonly tags: Record<string, TagParser>;
  private readonly libraries: Record<string, Library>;
  private readonly commandStack: { command: string; token: Token }[] = [];
  /** Block names seen so far, to refuse duplicates. */
  readonly blockNames = new Set<string>();
  /** Names of `{% cycle ... as name %}` seen so far. */
  readonly namedCycles = new Set<string>();
  seenExtends = false;

  constructor(options: ParserOptions) {
    this.name = options.name;
    this.source = options.source;
    this.tokens = tokenize(options.source);
    this.filters = { ...options.filters };
    this.tags = { ...options.tags };
    this.libraries = options.libraries;
  }

  /** A number unique within this template (for per-render state such as cycles). */
  uid(): number {
    return nextUid++;
  }

  error(token: Pick<Token, 'line' | 'column'> | Pos, message: string): TemplateSyntaxError {
    return new TemplateSyntaxError(
      message,
      { template: this.name, line: token.line, column: token.column },
      this.source,
    );
  }

  parseTemplate(): Node[] {
    const nodes = this.parse([]);
    return nodes;
  }

  parse(until: readonly string[]): Node[] {
    if (this.commandStack.length > MAX_DEPTH) {
      const top = this.commandStack[this.commandStack.length - 1];
      throw this.error(top.token, `Tags are nested more than ${MAX_DEPTH} deep`);
    }
    const nodes: Node[] = [];
    let hasNonText = false;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++];
      const pos = { line: token.line, column: token.column };
      if (token.type === 'text') {
        nodes.push({ kind: 'text', pos, text: token.contents });
      } else if (token.type === 'var') {
        if (!token.contents) throw this.error(token, `Empty variable tag on line ${token.line}`);
        nodes.push({ kind: 'var', pos, expr: this.compileFilter(token.contents, token) });
        hasNonText = true;
      } else if (token.type === 'block') {
        const bits = splitContents(token.contents);
        const command = token.contents.split(/\s+/)[0];
        if (!command) throw this.error(token, `Empty block tag on line ${token.line}`);
        if (until.includes(command)) {
          this.index--;
          return nodes;
        }
        this.commandStack.push({ command, token });
        const compile = Object.prototype.hasOwnProperty.call(this.tags, command) ? this.tags[command] : undefined;
        if (!compile) throw this.invalidBlockTag(token, command, until);
        let node: Node | null;
        try {
          node = compile(this, token, bits);
        } catch (e) {
          throw this.wrap(e, token);
        }
        if (node?.kind === 'extends' && hasNonText) {
          throw this.error(token, `'extends' must be the first tag in the template.`);
        }
        if (node) nodes.push(node);
        // Every block tag is a node in Django ({% load %} and {% comment %} too), so any of them
        // before {% extends %} is an error; {# #} comments and text are not.
        hasNonText = true;
        this.commandStack.pop();
      }
    }
    if (until.length) {
      const open = this.commandStack.pop();
      if (open) {
        throw this.error(
          open.token,
          `Unclosed tag on line ${open.token.line}: '${open.command}'. Looking for one of: ${until.join(', ')}.`,
        );
      }
      throw this.error({ line: 1, column: 1 }, `Unclosed tag. Looking for one of: ${until.join(', ')}.`);
    }
    return nodes;
  }

  /** Consumes the end tag `parse(until)` stopped at. */
  nextToken(): Token {
    return this.tokens[this.index++];
  }

  /** Skips tokens up to (not including) the given end tag, as `{% comment %}` does. */
  skipPast(endTag: string): void {
    while (this.index < this.tokens.length) {
      const t = this.tokens[this.index++];
      if (t.type === 'block' && t.contents === endTag) return;
    }
    const open = this.commandStack[this.commandStack.length - 1];
    throw this.error(open.token, `Unclosed tag on line ${open.token.line}: '${open.command}'. Looking for one of: ${endTag}.`);
  }

  /** Parses a filter expression, pointing any error at the given token. */
  compileFilter(text: string, token: Pick<Token, 'line' | 'column'>): FilterExpr {
    try {
      return parseFilterExpression(text, (name) => this.findFilter(name), { line: token.line, column: token.column });
    } catch (e) {
      throw this.wrap(e, token);
    }
  }

  findFilter(name: string): FilterSpec {
    if (Object.prototype.hasOwnProperty.call(this.filters, name)) return this.filters[name];
    const near = closest(name, Object.keys(this.filters));
    throw new ExprError(`Invalid filter: '${name}'` + (near ? ` (did you mean '${near}'?)` : ''));
  }

  /** `{% load lib %}` and `{% load name other from lib %}`. */
  load(bits: string[]): void {
    if (bits.length >= 4 && bits[bits.length - 2] === 'from') {
      const libName = bits[bits.length - 1];
      const lib = this.library(libName);
      for (const name of bits.slice(1, -2)) {
        const hasFilter = !!lib.filters && Object.prototype.hasOwnProperty.call(lib.filters, name);
        const hasTag = !!lib.tags && Object.prototype.hasOwnProperty.call(lib.tags, name);
        if (!hasFilter && !hasTag) throw new ExprError(`'${name}' is not a valid tag or filter in tag library '${libName}'`);
        if (hasFilter) this.filters[name] = lib.filters![name];
        if (hasTag) this.tags[name] = lib.tags![name];
      }
      return;
    }
    for (const libName of bits.slice(1)) {
      const lib = this.library(libName);
      Object.assign(this.filters, lib.filters ?? {});
      Object.assign(this.tags, lib.tags ?? {});
    }
  }

  private library(name: string): Library {
    if (Object.prototype.hasOwnProperty.call(this.libraries, name)) return this.libraries[name];
    const known = Object.keys(this.libraries);
    throw new ExprError(
      `'${name}' is not a registered tag library. Must be one of:\n${known.join('\n')}`,
    );
  }

  private invalidBlockTag(token: Token, command: string, until: readonly string[]): TemplateSyntaxError {
    const near = closest(command, [...Object.keys(this.tags), ...until]);
    const hint = near ? ` Did you mean '${near}'?` : '';
    if (until.length) {
      return this.error(
        token,
        `Invalid block tag on line ${token.line}: '${command}', expected ${until.map((u) => `'${u}'`).join(' or ')}.${hint} Did you forget to register or load this tag?`,
      );
    }
    return this.error(token, `Invalid block tag on line ${token.line}: '${command}'.${hint} Did you forget to register or load this tag?`);
  }

  /** Innermost token wins: an error that already has a position keeps it. */
  private wrap(e: unknown, token: Pick<Token, 'line' | 'column'>): Error {
    if (e instanceof TemplateSyntaxError) return e;
    if (e instanceof ExprError) return this.error(token, e.message);
    if (e instanceof RangeError) return this.error(token, `Template too deeply nested: ${e.message}`);
    return e instanceof Error ? e : new Error(String(e));
  }
}
