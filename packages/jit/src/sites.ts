/**
 * Where in the context a planned value sits, and which of the template's paths reach it. A
 * value at `shop.featured` is read through the paths of `shop` that start with `featured`; a
 * row of a list through the list's paths (loop variables map back to the list), minus indexes
 * and `.first`/`.all`; a value of a dict or Map also through `.values` loops.
 */
import { rowPath, type PathInput } from './plan.js';
import type { Position } from './encode.js';

export interface Site {
  /** The value's place as a template names it (`shop.featured`), for messages. */
  label: string;
  /** Part of the cache key: the variable, and for nested values the paths that reach them. */
  keyVariable: string;
  paths: PathInput[];
}

interface Cursor {
  input: PathInput;
  segments: string[];
}

function step(cursors: Cursor[], at: string | number): Cursor[] {
  const out: Cursor[] = [];
  for (const c of cursors) {
    if (typeof at === 'number') {
      const rest = rowPath(c.segments);
      if (rest) out.push({ input: c.input, segments: rest });
    } else if (c.segments[0] === at || c.segments[0] === 'values') {
      out.push({ input: c.input, segments: c.segments.slice(1) });
    }
  }
  return out;
}

/** The site of the value at `at` (its first step is the context variable). */
export function siteAt(variablePaths: ReadonlyMap<string, PathInput[]>, at: Position): Site {
  const variable = String(at[0]);
  const paths = variablePaths.get(variable) ?? [];
  if (at.length === 1) return { label: variable, keyVariable: variable, paths };
  let cursors: Cursor[] = paths.map((input) => ({ input, segments: input.path ? input.path.split('.') : [] }));
  for (const s of at.slice(1)) cursors = step(cursors, s);
  const below = new Map<string, PathInput>();
  for (const c of cursors) {
    const path = c.segments.join('.');
    if (!below.has(path)) below.set(path, { ...c.input, path });
  }
  const sitePaths = [...below.values()];
  return {
    label: [variable, ...at.slice(1).filter((s) => typeof s === 'string')].join('.'),
    keyVariable: `${variable}\0${JSON.stringify(sitePaths.map((p) => p.path))}`,
    paths: sitePaths,
  };
}
