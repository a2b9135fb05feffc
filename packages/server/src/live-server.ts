/** What a connection needs from the app that accepted it. */
import type { AppCore } from './core.js';
import type { Connection } from './connection.js';

export interface LiveServerOptions {
  secret: string;
  rateLimit: { perSecond: number; burst: number };
  tokenTtlSeconds: number;
  /** A socket that has not joined a view this long after the upgrade is closed. */
  joinTimeoutMs: number;
  /** Operations a view may have waiting or running; past it, client messages get rate_limited. */
  queueLimit: number;
  /** Views one socket may run at once; past it, a join gets too_many_views. */
  viewsPerSocket: number;
}

export interface LiveServer {
  readonly options: LiveServerOptions;
  readonly core: AppCore;
  /** The connection has closed and everything it ran has ended. */
  untrack(conn: Connection): void;
}
