/**
 * Turning frames into messages and back. Decoding never throws: a frame is either a valid
 * client message or a decode error with a stable code, so a connection can answer bad input
 * without trusting any of it.
 */
import { ERR, T, type ClientMessage, type ErrorCode, type ServerMessage } from './messages.js';
import { quoted } from './quoted.js';
import { isObject, isRef } from './shapes.js';

export type Decoded<M> = { ok: true; msg: M } | { ok: false; code: ErrorCode; message: string; ref?: number };

const MAX_DEPTH = 32;
const MAX_NAME = 200;
/** A view id is a DOM id the client picked: short, so it can be echoed and logged safely. */
export const MAX_VIEW_ID = 100;

const isViewId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_VIEW_ID;

export type Bare = { ok: true; value: unknown } | { ok: false; reason: string };

class Refused extends Error {}

function copyBare(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) throw new Refused('nests too deep');
  if (Array.isArray(value)) return value.map((v: unknown) => copyBare(v, depth + 1));
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    // The one key that reaches a prototype when such an object is later assigned or merged.
    if (key === '__proto__') throw new Refused('holds a "__proto__" key');
    out[key] = copyBare((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}

/**
 * Parsed JSON, copied so that every object in it has no prototype: a field may be called
 * `constructor`, `prototype` or `toString` and is only data. Refuses what could still pollute
 * (a `__proto__` key, at any depth) and absurd nesting.
 */
export function withoutPrototypes(value: unknown): Bare {
  try {
    return { ok: true, value: copyBare(value, 0) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}

const isFormData = (v: unknown): boolean =>
  isObject(v) && Object.values(v).every((x) => typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string')));

function bad(code: ErrorCode, message: string, ref?: number): Decoded<never> {
  return ref === undefined ? { ok: false, code, message } : { ok: false, code, message, ref };
}

/** The client message types about one view (all but heartbeats): each carries a view id. */
const VIEW_MESSAGES = new Set<string>([T.JOIN, T.LEAVE, T.EVENT, T.PATCH]);

export function decodeClientMessage(frame: string): Decoded<ClientMessage> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    return bad(ERR.BAD_JSON, 'The frame is not valid JSON');
  }
  if (!isObject(parsed)) return bad(ERR.BAD_MESSAGE, 'A message must be a JSON object');
  const ref = isRef(parsed.ref) ? parsed.ref : undefined;
  const bare = withoutPrototypes(parsed);
  if (!bare.ok) return bad(ERR.BAD_PAYLOAD, `The message ${bare.reason}`, ref);
  const raw = bare.value as Record<string, unknown>;
  if (ref === undefined) return bad(ERR.BAD_MESSAGE, 'A message needs a non-negative integer "ref"');
  if (VIEW_MESSAGES.has(String(raw.t)) && !isViewId(raw.v)) {
    return bad(ERR.BAD_MESSAGE, `${String(raw.t)} needs a view id "v" (a string of 1 to ${MAX_VIEW_ID} characters)`, ref);
  }
  switch (raw.t) {
    case T.JOIN:
      if (typeof raw.url !== 'string') return bad(ERR.BAD_MESSAGE, 'join needs a "url" string', ref);
      // Exactly one credential, and nothing else in the other key.
      if ([raw.token, raw.nav].filter((x) => typeof x === 'string').length !== 1 || [raw.token, raw.nav].filter((x) => x !== undefined).length !== 1) {
        return bad(ERR.BAD_MESSAGE, 'join needs exactly one of "token" and "nav", a string', ref);
      }
      if (raw.forms !== undefined && !(isObject(raw.forms) && Object.values(raw.forms).every(isFormData))) {
        return bad(ERR.BAD_MESSAGE, 'join "forms" must map form ids to form data', ref);
      }
      return { ok: true, msg: raw as unknown as ClientMessage };
    case T.LEAVE:
      return { ok: true, msg: { t: T.LEAVE, ref, v: raw.v as string } };
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
      return bad(ERR.UNKNOWN_TYPE, `Unknown message type ${quoted(raw.t)}`, ref);
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
