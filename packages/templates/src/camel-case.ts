/** The snake_case → camelCase fallback of template lookups (`end_date` finds `endDate`). */
const camelNames = new Map<string, string>();
const CAMEL_MEMO_LIMIT = 4096;

/** `end_date` → `endDate`; undefined when the name has no underscore to fold. */
export function camelCase(name: string): string | undefined {
  if (!name.includes('_') || name.startsWith('_')) return undefined;
  // Memoised: method calls such as get_full_name fold their name on every render. Names come
  // from templates, so there are few; the limit only guards against a caller passing arbitrary keys.
  let camel = camelNames.get(name);
  if (camel === undefined) {
    camel = name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelNames.size < CAMEL_MEMO_LIMIT) camelNames.set(name, camel);
  }
  return camel;
}
