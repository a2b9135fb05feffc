/**
 * Declares what a method or getter reads, so the planner loads exactly that instead of every
 * scalar column of its entity: `declareReads(User, { getFullName: ['firstName', 'lastName'] })`.
 * Paths are relative to the entity and may cross relations (`'property.name'`).
 */
const declared = new WeakMap<object, Map<string, string[]>>();

export function declareReads(entity: abstract new (...args: never[]) => unknown, reads: Record<string, string[]>): void {
  const map = declared.get(entity) ?? new Map<string, string[]>();
  for (const [member, paths] of Object.entries(reads)) map.set(member, [...paths]);
  declared.set(entity, map);
}

/** The declared reads of a member, looking through the class hierarchy. */
export function readsOf(entity: unknown, member: string): string[] | undefined {
  let cls: unknown = entity;
  while (typeof cls === 'function' && cls !== Function.prototype) {
    const found = declared.get(cls)?.get(member);
    if (found) return found;
    cls = Object.getPrototypeOf(cls);
  }
  return undefined;
}
