/**
 * The errors the engine throws. Each sets `name` to the exact Django exception name, so a
 * caller (and the conformance runner) can tell them apart without instanceof.
 */

export interface SourcePosition {
  /** Template name, or `<string>` for an anonymous template. */
  template: string;
  line: number;
  column: number;
}

/** Builds the two-line excerpt with a caret under the offending column. */
export function excerpt(source: string, line: number, column: number): string {
  const text = source.split(/\r\n|\r|\n/)[line - 1] ?? '';
  const shown = text.length > 160 ? text.slice(0, 160) + '…' : text;
  const pad = ' '.repeat(Math.max(0, Math.min(column - 1, shown.length)));
  return `${String(line).padStart(4)} | ${shown}\n     | ${pad}^`;
}

import { closest } from './suggest.js';

class PositionedError extends Error {
  position?: SourcePosition;
  /** The bare message without position or excerpt. */
  readonly reason: string;

  constructor(reason: string, position?: SourcePosition, source?: string) {
    super(PositionedError.format(reason, position, source));
    this.reason = reason;
    this.position = position;
  }

  static format(reason: string, position?: SourcePosition, source?: string): string {
    if (!position) return reason;
    const where = `${position.template}, line ${position.line}, column ${position.column}`;
    const shown = source === undefined ? '' : '\n' + excerpt(source, position.line, position.column);
    return `${reason} (${where})${shown}`;
  }
}

/** Bad syntax, an unknown tag or filter, a wrong number of arguments, an unclosed block. */
export class TemplateSyntaxError extends PositionedError {
  override name = 'TemplateSyntaxError';
}

/** `include`/`extends`/`getTemplate` of a name no loader knows. */
export class TemplateDoesNotExist extends Error {
  override name = 'TemplateDoesNotExist';
  constructor(readonly templateName: string, readonly tried: string[] = []) {
    super(`Template '${templateName}' does not exist` + (tried.length ? ` (tried: ${tried.join(', ')})` : ''));
  }
}

/** A filter argument names a variable that does not exist. */
export class VariableDoesNotExist extends PositionedError {
  override name = 'VariableDoesNotExist';
}

/** Anything else that goes wrong while rendering, wrapped with the template position. */
export class TemplateRuntimeError extends PositionedError {
  override name = 'TemplateRuntimeError';
  override cause?: unknown;
}

/** A block asked for by name that no template of the chain defines. */
export function noSuchBlock(template: string, block: string, known: Iterable<string>): TemplateRuntimeError {
  const near = closest(block, known);
  return new TemplateRuntimeError(`Template '${template}' has no block '${block}'${near ? ` (did you mean '${near}'?)` : ''}`);
}
