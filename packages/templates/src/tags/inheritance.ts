/** Parsers for block, extends and include. */
import type { TagParser } from '../parser.js';
import { ExprError } from '../expr.js';
import type { Binding } from '../nodes.js';
import { tokenKwargs } from './kwargs.js';

const posOf = (t: { line: number; column: number }) => ({ line: t.line, column: t.column });

/**
 * Django's construct_relative_path: a quoted name starting with ./ or ../ is resolved against
 * the current template's name; it may not climb above the template root.
 */
export function relativeName(current: string, quoted: string): string {
  const q = quoted[0];
  if ((q !== '"' && q !== "'") || quoted[quoted.length - 1] !== q) return quoted;
  const name = quoted.slice(1, -1);
  if (!name.startsWith('./') && !name.startsWith('../')) return quoted;
  if (current === '<string>') throw new ExprError(`The relative path '${name}' cannot be used in an anonymous template.`);
  const parts = current.split('/').slice(0, -1);
  for (const seg of name.split('/')) {
    if (seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) {
        throw new ExprError(`The relative path '${name}' points outside the file hierarchy that template '${current}' is in.`);
      }
      parts.pop();
    } else parts.push(seg);
  }
  const resolved = parts.join('/');
  if (resolved === current) throw new ExprError(`The relative path '${name}' was translated to template name '${current}', the same template in which the tag appears.`);
  return q + resolved + q;
}

export const blockTag: TagParser = (parser, token) => {
  const bits = token.contents.split(/\s+/);
  if (bits.length !== 2) throw new ExprError(`'${bits[0]}' tag takes only one argument`);
  const name = bits[1];
  if (parser.blockNames.has(name)) throw new ExprError(`'${bits[0]}' tag with name '${name}' appears more than once`);
  parser.blockNames.add(name);
  const body = parser.parse(['endblock']);
  const end = parser.nextToken();
  if (end.contents !== 'endblock' && end.contents !== `endblock ${name}`) {
    throw parser.error(
      end,
      `Invalid block tag on line ${end.line}: 'endblock', expected 'endblock' or 'endblock ${name}'. Did you forget to register or load this tag?`,
    );
  }
  return { kind: 'block', pos: posOf(token), name, body };
};

export const extendsTag: TagParser = (parser, token, bits) => {
  if (bits.length !== 2) throw new ExprError(`'${bits[0]}' takes one argument`);
  if (parser.seenExtends) throw new ExprError(`'${bits[0]}' cannot appear more than once in the same template`);
  parser.seenExtends = true;
  const parent = parser.compileFilter(relativeName(parser.name, bits[1]), token);
  const body = parser.parse([]);
  return { kind: 'extends', pos: posOf(token), parent, body };
};

export const includeTag: TagParser = (parser, token, bits) => {
  if (bits.length < 2) {
    throw new ExprError(`'${bits[0]}' tag takes at least one argument: the name of the template to be included.`);
  }
  const rest = bits.slice(2);
  const seen = new Set<string>();
  let bindings: Binding[] = [];
  let only = false;
  while (rest.length) {
    const option = rest.shift()!;
    if (seen.has(option)) throw new ExprError(`The '${option}' option was specified more than once.`);
    seen.add(option);
    if (option === 'with') {
      bindings = tokenKwargs(rest, parser, token, false);
      if (!bindings.length) throw new ExprError(`"with" in '${bits[0]}' tag needs at least one keyword argument.`);
    } else if (option === 'only') {
      only = true;
    } else {
      throw new ExprError(`Unknown argument for '${bits[0]}' tag: '${option}'.`);
    }
  }
  const template = parser.compileFilter(relativeName(parser.name, bits[1]), token);
  return { kind: 'include', pos: posOf(token), template, bindings, only, site: parser.uid() };
};
