/** What a connection needs from the app that accepted it. */
import type { AppCore } from './core.js';
import type { Connection } from './connection.js';
import type { ViewProcess } from './view-process.js';

export interface LiveServerOptions {
  secret: string;
  rateLimit: { perSecond: number; burst: number };
  tokenTtlSeconds: number;
  /** A socket that has not joined a view this long after the upgrade is closed. */
  joinTimeoutMs: number;
  /** Operations a view may have waiting or running; past it, client messages get rate_limited. */
  queueLimit: number;
}

export interface LiveServer {
  readonly options: LiveServerOptions;
  readonly core: AppCore;
  /** A URL from a client, resolved against the app's origin; undefined when it points elsewhere. */
  sameOriginUrl(raw: string): URL | undefined;
  track(conn: Connection, process: ViewProcess): void;
  untrack(conn: Connection): void;
}
