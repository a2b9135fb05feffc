/** The shape checks both the decoder and the answer checker read frames with, defined once. */

/** A ref a server can answer: a non-negative safe integer. */
export const isRef = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
