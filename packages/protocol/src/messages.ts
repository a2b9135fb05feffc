/**
 * The wire format. One JSON message per WebSocket frame; every key is named here once, and
 * the server, the browser client and the test client all import these definitions.
 *
 * Client → server: join (with the signed token from the page), event, patch (a live link),
 * heartbeat. Server → client: rendered (the join reply: the full tree), reply (to an event or
 * patch: the diff, if any, and what else happened), diff (a server push: pubsub, timers),
 * error, redirect, heartbeat.
 */
import type { Tree, TreeDiff } from '@djust/templates/tree';

/** Message type tags (the `t` key). */
export const T = {
  JOIN: 'join',
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

export interface JoinMessage {
  t: typeof T.JOIN;
  ref: number;
  /** The signed token the HTTP page carried (view, params, session). */
  token: string;
  /** The page's current URL (path and query), which may differ after live patches. */
  url: string;
  /** On reconnect: forms being edited, by form id, so nothing typed is lost. */
  forms?: Record<string, FormData>;
}

export interface EventMessage {
  t: typeof T.EVENT;
  ref: number;
  /** The handler's name, from dj-click="name" etc. */
  name: string;
  /** dj-value-* values, the input's value, key information, or the submitted form. */
  payload: Record<string, unknown>;
}

export interface PatchMessage {
  t: typeof T.PATCH;
  ref: number;
  /** A URL on the same live route (path and query). */
  url: string;
}

export interface HeartbeatMessage {
  t: typeof T.HEARTBEAT;
  ref: number;
}

export type ClientMessage = JoinMessage | EventMessage | PatchMessage | HeartbeatMessage;

/** Something the view asked for while handling a message. */
export type Effect =
  | { push: string; payload: Record<string, unknown> }
  | { patch: string }
  | { title: string };

export interface RenderedMessage {
  t: typeof T.RENDERED;
  ref: number;
  tree: Tree;
  effects?: Effect[];
}

export interface ReplyMessage {
  t: typeof T.REPLY;
  ref: number;
  diff?: TreeDiff;
  effects?: Effect[];
}

export interface DiffMessage {
  t: typeof T.DIFF;
  diff?: TreeDiff;
  effects?: Effect[];
}

export interface ErrorMessage {
  t: typeof T.ERROR;
  ref?: number;
  code: ErrorCode;
  message: string;
  /** The event that failed, when one did. */
  event?: string;
}

export interface RedirectMessage {
  t: typeof T.REDIRECT;
  ref?: number;
  to: string;
  /** navigate: mount another live view without a page load; redirect: a full page load. */
  kind: 'navigate' | 'redirect';
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
  NOT_JOINED: 'not_joined',
  ALREADY_JOINED: 'already_joined',
  UNKNOWN_EVENT: 'unknown_event',
  HANDLER_FAILED: 'handler_failed',
  BAD_TOKEN: 'bad_token',
  EXPIRED_TOKEN: 'expired_token',
  RATE_LIMITED: 'rate_limited',
  BAD_PAYLOAD: 'bad_payload',
  NOT_FOUND: 'not_found',
  RENDER_FAILED: 'render_failed',
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
} as const;

/** The WebSocket path the client connects to. */
export const SOCKET_PATH = '/djust/socket';
/** Where the page puts its join token and the client finds the view's container. */
export const ATTR = {
  VIEW: 'data-dj-view',
  TOKEN: 'data-dj-token',
} as const;
