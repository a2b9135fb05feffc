/**
 * The wire format. One JSON message per WebSocket frame; every key is named here once, and
 * the server, the browser client and the test client all import these definitions.
 *
 * Version 2: one socket carries any number of views (siblings, nested views, the next view
 * after a live navigation). The client names each view it joins with `v` (a short string unique
 * on its socket: the container's DOM id); every client message but `hb` carries it, and every
 * server message about a view carries it back.
 *
 * Client → server: join (with the signed token from the page, or a live-session `nav` claim
 * when navigating live), leave, event, patch (a live link), heartbeat. Server → client:
 * rendered (the join reply: the full tree), reply (to an event, patch or leave: the diff, if
 * any, and what else happened), diff (a server push: pubsub, timers), error, redirect, heartbeat.
 *
 * The one-answer-per-ref rule: every client message that carries a valid `ref` gets exactly one
 * server message back with that ref: its answer. A join is answered by `rendered`, `error` or
 * `redirect`; an event or a patch by `reply`, `error` or `redirect`; a heartbeat by `hb` or
 * `error`; a leave by `reply` or `error`; any other frame whose ref could be read (an unknown
 * type, a bad payload) by `error`. The rule holds per ref, whatever the view.
 * Pushes (messages without a ref: `diff`, a `rendered` after a remount, a ref-less `error` or
 * `redirect`) may come before an answer, never instead of it. A join is answered before
 * anything else about its view. The only excuse is a closed socket: messages still
 * unanswered when the server closes the connection get no answer. `checkAnswers` checks a
 * recorded conversation against this rule.
 */
import type { Tree, TreeDiff } from './tree/index.js';
import { isObject, isRef } from './shapes.js';

/** Message type tags (the `t` key). */
export const T = {
  JOIN: 'join',
  LEAVE: 'leave',
  EVENT: 'event',
  PATCH: 'patch',
  HEARTBEAT: 'hb',
  RENDERED: 'rendered',
  REPLY: 'reply',
  DIFF: 'diff',
  ERROR: 'error',
  REDIRECT: 'redirect',
} as const;

/** Form fields as the browser has them: a name maps to a value, or several for multi-selects. */
export type FormData = Record<string, string | string[]>;

/** A view's id on its socket: the client picks it (the container's DOM id). */
export type ViewId = string;

export interface JoinMessage {
  t: typeof T.JOIN;
  ref: number;
  v: ViewId;
  /** The page's current URL (path and query), which may differ after live patches. */
  url: string;
  /** The container's `data-dj-token`, signed at the HTTP render (route, params, session, CSRF). */
  token?: string;
  /** A live-session claim, sent instead of `token` when navigating live: the URL picks the view. */
  nav?: string;
  /** On reconnect: forms being edited, by form id, so nothing typed is lost. */
  forms?: Record<string, FormData>;
}

/** The view ends, and the views nested in it; answered by a `reply` without a diff, also when it was not running. */
export interface LeaveMessage {
  t: typeof T.LEAVE;
  ref: number;
  v: ViewId;
}

export interface EventMessage {
  t: typeof T.EVENT;
  ref: number;
  v: ViewId;
  /** The handler's name, from dj-click="name" etc. */
  name: string;
  /** dj-value-* values, the input's value, key information, or the submitted form. */
  payload: Record<string, unknown>;
}

export interface PatchMessage {
  t: typeof T.PATCH;
  ref: number;
  v: ViewId;
  /** A URL on the same live route (path and query). */
  url: string;
}

export interface HeartbeatMessage {
  t: typeof T.HEARTBEAT;
  ref: number;
}

export type ClientMessage = JoinMessage | LeaveMessage | EventMessage | PatchMessage | HeartbeatMessage;

/**
 * Something the view asked for while handling a message. A `patch` (the URL changed within the
 * same view) carries a fresh join token for the new URL: a reconnect joins with it, since a
 * token only admits the route and params it was issued for.
 */
export type Effect =
  | { push: string; payload: Record<string, unknown> }
  | { patch: string; token: string }
  | { title: string };

/** The whole tree: the answer to a join, or (without a ref) a push after the view was mounted afresh. */
export interface RenderedMessage {
  t: typeof T.RENDERED;
  ref?: number;
  v: ViewId;
  tree: Tree;
  effects?: Effect[];
}

export interface ReplyMessage {
  t: typeof T.REPLY;
  ref: number;
  v: ViewId;
  diff?: TreeDiff;
  effects?: Effect[];
}

export interface DiffMessage {
  t: typeof T.DIFF;
  v: ViewId;
  diff?: TreeDiff;
  effects?: Effect[];
}

export interface ErrorMessage {
  t: typeof T.ERROR;
  ref?: number;
  /** The view the error is about, when there is one. */
  v?: ViewId;
  code: ErrorCode;
  message: string;
  /** The event that failed, when one did. */
  event?: string;
}

/** An error message, with the ref it answers, the event that failed and its view when there are any. */
export function errorMessage(code: ErrorCode, message: string, ref?: number, event?: string, v?: ViewId): ErrorMessage {
  return {
    t: T.ERROR,
    ...(ref === undefined ? {} : { ref }),
    ...(v === undefined ? {} : { v }),
    code,
    message,
    ...(event === undefined ? {} : { event }),
  };
}

export interface RedirectMessage {
  t: typeof T.REDIRECT;
  ref?: number;
  v?: ViewId;
  to: string;
  /**
   * navigate with `nav`: the client joins `to` live with that claim (same socket, no page load)
   * and leaves the old view; navigate without `nav` (outside the live session) or redirect: a
   * full page load.
   */
  kind: 'navigate' | 'redirect';
  /** A fresh live-session claim for joining `to`. */
  nav?: string;
}

export interface HeartbeatReply {
  t: typeof T.HEARTBEAT;
  ref: number;
}

export type ServerMessage = RenderedMessage | ReplyMessage | DiffMessage | ErrorMessage | RedirectMessage | HeartbeatReply;

/** Stable error codes, as in ws's WS_ERR_* codes: clients and tests match on these. */
export const ERR = {
  BAD_JSON: 'bad_json',
  BAD_MESSAGE: 'bad_message',
  UNKNOWN_TYPE: 'unknown_type',
  /** No view with that `v` runs on the socket. */
  NOT_JOINED: 'not_joined',
  /** A view with that `v` already runs (or is joining) on the socket. */
  ALREADY_JOINED: 'already_joined',
  UNKNOWN_EVENT: 'unknown_event',
  HANDLER_FAILED: 'handler_failed',
  BAD_TOKEN: 'bad_token',
  EXPIRED_TOKEN: 'expired_token',
  RATE_LIMITED: 'rate_limited',
  BAD_PAYLOAD: 'bad_payload',
  NOT_FOUND: 'not_found',
  RENDER_FAILED: 'render_failed',
  /** The socket already runs as many views as the server allows on one. */
  TOO_MANY_VIEWS: 'too_many_views',
} as const;

export type ErrorCode = (typeof ERR)[keyof typeof ERR];

/** WebSocket close codes (4000-4999 are the application's). */
export const CLOSE = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  TOO_BIG: 1009,
  BAD_TOKEN: 4401,
  FORBIDDEN_ORIGIN: 4403,
  RATE_LIMITED: 4429,
  PROTOCOL_ERROR: 4400,
  /** The socket opened but joined no view in time. */
  JOIN_TIMEOUT: 4408,
  /** The view could not be mounted or rendered at all. */
  SERVER_ERROR: 1011,
} as const;

/** The default WebSocket path; the page names the one to use in `data-dj-socket`. */
export const SOCKET_PATH = '/djust/socket';
/** The attributes of a view's container in the page (its DOM `id` is the view's `v`). */
export const ATTR = {
  VIEW: 'data-dj-view',
  /** The signed join token. */
  TOKEN: 'data-dj-token',
  /** The WebSocket path to join on. */
  SOCKET: 'data-dj-socket',
  /** On a root view in a live session: the signed claim for navigating live. */
  NAV: 'data-dj-nav',
  /** On a root view in a live session: the live session's name. */
  SESSION: 'data-dj-session',
  /** On a nested view: the id of the view it is rendered in. */
  PARENT: 'data-dj-parent',
} as const;

/** Binding attributes the server's markup and the client agree on. */
export const BINDING = {
  /** On a link: navigate live to its href (or the attribute's value). */
  NAVIGATE: 'dj-navigate',
  /** On a link: patch the URL within the view. */
  PATCH: 'dj-patch',
  /** On a binding: send the event to the view with that container (`#id`). */
  TARGET: 'dj-target',
} as const;

// ------------------------------------------------------------------ the one-answer-per-ref rule

/** Which server messages may answer each client message type; other types get an `error`. */
export const ANSWERS: Readonly<Record<ClientMessage['t'], readonly ServerMessage['t'][]>> = {
  [T.JOIN]: [T.RENDERED, T.ERROR, T.REDIRECT],
  [T.LEAVE]: [T.REPLY, T.ERROR],
  [T.EVENT]: [T.REPLY, T.ERROR, T.REDIRECT],
  [T.PATCH]: [T.REPLY, T.ERROR, T.REDIRECT],
  [T.HEARTBEAT]: [T.HEARTBEAT, T.ERROR],
};

/** One frame of a conversation on one connection, in the order the client saw them. */
export type Exchange = { from: 'client'; frame: string } | { from: 'server'; msg: ServerMessage };

export interface AnswerViolation {
  ref: number;
  problem: 'unanswered' | 'answered twice' | 'answer to nothing' | 'wrong answer type' | 'ref reused';
  detail: string;
}

/** The ref a server can read from a client frame (a non-negative safe integer), and its type tag. */
export function readRef(frame: string): { ref: number; t: unknown } | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return undefined;
  }
  return isObject(raw) && isRef(raw.ref) ? { ref: raw.ref, t: raw.t } : undefined;
}

const answerTypes = (t: unknown): readonly string[] => (typeof t === 'string' && Object.hasOwn(ANSWERS, t) ? ANSWERS[t as ClientMessage['t']] : [T.ERROR]);

/**
 * Checks a recorded conversation against the one-answer-per-ref rule. With `finished` (the
 * default) every ref must have its answer; pass `finished: false` for a conversation the server
 * ended by closing the socket, where only duplicate, unasked and mistyped answers count.
 */
export function checkAnswers(conversation: readonly Exchange[], options: { finished?: boolean } = {}): AnswerViolation[] {
  const asked = new Map<number, { t: unknown; answers: string[] }>();
  const out: AnswerViolation[] = [];
  for (const x of conversation) {
    if (x.from === 'client') {
      const read = readRef(x.frame);
      if (!read) continue;
      if (asked.has(read.ref)) out.push({ ref: read.ref, problem: 'ref reused', detail: `ref ${read.ref} was sent twice; answers cannot be told apart` });
      asked.set(read.ref, { t: read.t, answers: [] });
      continue;
    }
    const ref = (x.msg as { ref?: unknown }).ref;
    if (typeof ref !== 'number') continue;
    const q = asked.get(ref);
    if (!q) {
      out.push({ ref, problem: 'answer to nothing', detail: `${x.msg.t} #${ref} answers no message sent before it` });
      continue;
    }
    q.answers.push(x.msg.t);
    if (q.answers.length === 2) out.push({ ref, problem: 'answered twice', detail: `${String(q.t)} #${ref} got ${q.answers.join(', ')}` });
    if (!answerTypes(q.t).includes(x.msg.t)) out.push({ ref, problem: 'wrong answer type', detail: `${String(q.t)} #${ref} was answered by ${x.msg.t}` });
  }
  if (options.finished ?? true) {
    for (const [ref, q] of asked) if (!q.answers.length) out.push({ ref, problem: 'unanswered', detail: `${String(q.t)} #${ref} got no answer` });
  }
  return out;
}

/** The refs sent in a conversation that have no answer yet. */
export function unansweredRefs(conversation: readonly Exchange[]): number[] {
  return checkAnswers(conversation)
    .filter((v) => v.problem === 'unanswered')
    .map((v) => v.ref);
}
