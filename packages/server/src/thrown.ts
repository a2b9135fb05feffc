/** Whatever a handler threw, as text for the log or a debug answer; never throws itself. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  try {
    return String(e);
  } catch {
    // A prototype-less object has no toString; this one always works.
    return Object.prototype.toString.call(e);
  }
}
