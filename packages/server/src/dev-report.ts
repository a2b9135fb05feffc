/** What the development panel shows for one view operation (see dev-recorder.ts). */
import type { VariableReport } from '@djust/jit';

/** The HTTP render, the join, an event, a live patch, a pubsub message or timer ('info'). */
export type OperationKind = 'http' | 'join' | 'event' | 'patch' | 'info' | 'leave';

export interface DevStatement {
  /** As MikroORM logs it: with `?` placeholders unless query-params logging is on. */
  sql: string;
  /** Milliseconds, as MikroORM measures them (whole). */
  ms: number;
  results?: number;
  affected?: number;
  failed?: true;
}

export interface DevReport {
  /** Increasing per app: a later operation has a larger id. */
  id: number;
  kind: OperationKind;
  /** The view class. */
  view: string;
  /** The view's id on its socket; null for the HTTP render. */
  v: string | null;
  /** The event's name, for kind 'event'. */
  event?: string;
  /** The view's URL (path and query) once the operation ran. */
  path: string;
  /** When it started (ISO). */
  at: string;
  /** Every statement the operation ran, in order (at most `MAX_STATEMENTS` kept; `sqlCount` is the true number). */
  sql: DevStatement[];
  sqlCount: number;
  sqlMs: number;
  /** What the JIT planned for each context value, and where each serializer came from. */
  jit: VariableReport[];
  cache: { hits: number; misses: number };
  /** Time in the JIT (loading and serializing) and in the template engine, and the whole operation. */
  serializeMs: number;
  templateMs: number;
  totalMs: number;
  /** Bytes of what the operation sent (its WebSocket frames, or the HTTP page), the panel's own report left out. */
  bytes: number;
}

/** Statements kept per report; past it they are only counted. */
export const MAX_STATEMENTS = 200;

/** The push the panel listens to: the browser gets it on `window` as a `djust:djust_dev` event. */
export const DEV_PUSH = 'djust_dev';
