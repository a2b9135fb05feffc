/**
 * Turning frames into messages and back. Decoding never throws: a frame is either a valid
 * client message or a decode error with a stable code, so a connection can answer bad input
 * without trusting any of it.
 */
import { ERR, T, type ClientMessage, type ErrorCode, type ServerMessage } from './messages.js';

export type Decoded<M> = { ok: true; msg: M } | { ok: false; code: ErrorCode; message: string; ref?: number };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
const MAX_NAME = 200;

/** True when a parsed value holds a key that could pollute prototypes, or nests absurdly deep. */
export function hasForbiddenKeys(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((v) => hasForbiddenKeys(v, depth + 1));
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return true;
    if (hasForbiddenKeys((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

const isRef = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isFormData = (v: unknown): boolean =>
  isObject(v) && Object.values(v).every((x) => typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string')));

function bad(code: ErrorCode, message: string, ref?: number): Decoded<never> {
  return ref === undefined ? { ok: false, code, message } : { ok: false, code, message, ref };
}

export function decodeClientMessage(frame: string): Decoded<ClientMessage> {
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return bad(ERR.BAD_JSON, 'The frame is not valid JSON');
  }
  if (!isObject(raw)) return bad(ERR.BAD_MESSAGE, 'A message must be a JSON object');
  const ref = isRef(raw.ref) ? raw.ref : undefined;
  if (hasForbiddenKeys(raw)) return bad(ERR.BAD_PAYLOAD, 'The message holds a forbidden key (__proto__, constructor, prototype) or nests too deep', ref);
  if (ref === undefined) return bad(ERR.BAD_MESSAGE, 'A message needs a non-negative integer "ref"');
  switch (raw.t) {
    case T.JOIN:
      if (typeof raw.token !== 'string' || typeof raw.url !== 'string') return bad(ERR.BAD_MESSAGE, 'join needs "token" and "url" strings', ref);
      if (raw.forms !== undefined && !(isObject(raw.forms) && Object.values(raw.forms).every(isFormData))) {
        return bad(ERR.BAD_MESSAGE, 'join "forms" must map form ids to form data', ref);
      }
      return { ok: true, msg: raw as unknown as ClientMessage };
    case T.EVENT:
      if (typeof raw.name !== 'string' || !raw.name || raw.name.length > MAX_NAME) return bad(ERR.BAD_MESSAGE, 'event needs a "name"', ref);
      if (!isObject(raw.payload)) return bad(ERR.BAD_MESSAGE, 'event needs a "payload" object', ref);
      return { ok: true, msg: raw as unknown as ClientMessage };
    case T.PATCH:
      if (typeof raw.url !== 'string') return bad(ERR.BAD_MESSAGE, 'patch needs a "url" string', ref);
      return { ok: true, msg: raw as unknown as ClientMessage };
    case T.HEARTBEAT:
      return { ok: true, msg: { t: T.HEARTBEAT, ref } };
    default:
      return bad(ERR.UNKNOWN_TYPE, `Unknown message type ${JSON.stringify(raw.t)}`, ref);
  }
}

export function encode(msg: ServerMessage | ClientMessage): string {
  return JSON.stringify(msg);
}

/** For clients: a server frame, parsed (servers are trusted, but frames may still be garbled). */
export function decodeServerMessage(frame: string): ServerMessage | undefined {
  try {
    const msg = JSON.parse(frame) as unknown;
    return isObject(msg) && typeof msg.t === 'string' ? (msg as unknown as ServerMessage) : undefined;
  } catch {
    return undefined;
  }
}
