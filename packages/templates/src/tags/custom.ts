/**
 * Custom tags, registered on the Engine or in a library for `{% load %}`: simple tags (a
 * function's result, autoescaped, or stored with `as name`) and inclusion tags (a function's
 * result rendered through another template).
 */
import type { TagParser } from '../parser.js';
import { parseArgs, takeAs } from './text.js';

/** What a custom tag function sees besides its arguments. */
export interface TagCallContext {
  /** Resolves a name as the template would at the tag's position. */
  get(name: string): unknown;
  autoescape: boolean;
}

export type TagFunction = (args: unknown[], kwargs: Record<string, unknown>, context: TagCallContext) => unknown;

export type CustomTagSpec =
  | { type: 'simple'; fn: TagFunction }
  | { type: 'inclusion'; template: string; fn: TagFunction };

export function customTagParser(tagName: string, spec: CustomTagSpec): TagParser {
  return (parser, token, bits) => {
    const rest = spec.type === 'simple' ? takeAs(bits.slice(1)) : { bits: bits.slice(1), asName: null };
    const { args, kwargs } = parseArgs(parser, token, rest.bits, `'${tagName}'`);
    return { kind: 'custom', pos: { line: token.line, column: token.column }, tagName, spec, args, kwargs, asName: rest.asName };
  };
}
