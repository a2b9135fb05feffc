/**
 * Repeated log lines, counted instead of written. The first few lines of each kind in a window
 * are logged as they come; the rest are counted, and one line per kind says how many there
 * were when the window ends (or the app closes). A client hammering bad frames then costs a
 * handful of lines, not one per frame.
 */
import type { Logger } from './core.js';

export interface SummaryOptions {
  /** How long a window lasts (default 10 s). */
  windowMs?: number;
  /** Lines of each kind logged per window before counting starts (default 3). */
  logFirst?: number;
}

type Level = 'warn' | 'error';

export class LogSummary {
  private readonly windowMs: number;
  private readonly logFirst: number;
  private readonly kinds = new Map<string, { level: Level; logged: number; counted: number }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly log: Logger,
    options: SummaryOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 10_000;
    this.logFirst = options.logFirst ?? 3;
  }

  /** A warning of kind `key` (an error code, say): logged, or counted when many came before it. */
  warn(key: string, message: string, ...rest: unknown[]): void {
    this.note('warn', key, message, rest);
  }

  error(key: string, message: string, ...rest: unknown[]): void {
    this.note('error', key, message, rest);
  }

  private note(level: Level, key: string, message: string, rest: unknown[]): void {
    let kind = this.kinds.get(key);
    if (!kind) this.kinds.set(key, (kind = { level, logged: 0, counted: 0 }));
    if (kind.logged < this.logFirst) {
      kind.logged++;
      this.log[level](message, ...rest);
    } else {
      kind.counted++;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.windowMs);
      this.timer.unref();
    }
  }

  /** Ends the window: one line for each kind that was counted, then every kind starts afresh. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [key, kind] of this.kinds) {
      if (kind.counted) this.log[kind.level](`[djust] ${key}: ${kind.counted} more like this (counted, not logged)`);
    }
    this.kinds.clear();
  }
}
