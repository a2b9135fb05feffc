/**
 * The render context: a chain of frames (Django's Context stack), looked up innermost first.
 * Templates see names through `lookup`, so a frame can be a plain object, a Map or any object
 * whose members Django's lookup rules allow.
 */
import { isForbiddenName, lookupName, MISSING } from './lookup.js';

export class Scope {
  constructor(
    readonly vars: object,
    readonly parent: Scope | null = null,
  ) {}

  get(name: string): unknown {
    return isForbiddenName(name) ? MISSING : this.getName(name);
  }

  /** `get` for a name already checked (compiled templates check theirs at compile time). */
  getName(name: string): unknown {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const v = lookupName(s.vars, name, true);
      if (v !== MISSING) return v;
    }
    return MISSING;
  }

  /** A new innermost frame; values that are MISSING are left out so outer names show through. */
  push(values: Record<string, unknown>): Scope {
    const own: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(values)) if (values[k] !== MISSING) own[k] = values[k];
    return new Scope(own, this);
  }
}
