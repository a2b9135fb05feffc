/** A chain of name → value frames, looked up innermost first: the compiler's and the extractor's scopes. */
export class ScopeChain<V> {
  protected readonly own = new Map<string, V>();
  constructor(readonly parent: ScopeChain<V> | null) {}

  set(name: string, value: V): void {
    this.own.set(name, value);
  }

  /** Innermost first; a subclass may override this and its children still go through it. */
  find(name: string): V | undefined {
    return this.own.get(name) ?? this.parent?.find(name);
  }

  /** Every visible name, innermost winning. */
  entries(): Map<string, V> {
    const out = new Map<string, V>();
    for (let s: ScopeChain<V> | null = this; s; s = s.parent) {
      for (const [k, v] of s.own) if (!out.has(k)) out.set(k, v);
    }
    return out;
  }
}
