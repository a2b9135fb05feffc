/** What a connection needs from the app that accepted it. */
import type { AppCore } from './core.js';
import type { Connection } from './connection.js';
import type { ViewClass } from './live-view.js';
import type { ViewProcess } from './view-process.js';

export interface LiveServerOptions {
  secret: string;
  rateLimit: { perSecond: number; burst: number };
}

export interface LiveServer {
  readonly options: LiveServerOptions;
  readonly core: AppCore;
  /** The live route registered under this pattern. */
  liveRoute(pattern: string): { cls: ViewClass } | undefined;
  /** A URL from a client, resolved against the app's origin; undefined when it points elsewhere. */
  sameOriginUrl(raw: string): URL | undefined;
  track(conn: Connection, process: ViewProcess): void;
  untrack(conn: Connection): void;
}
