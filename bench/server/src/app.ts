/** The app every measurement runs against, in the server child process or (for tests) in-process. */
import { App, type Logger } from '@djust/server';
import { CounterView, TableView } from './views.js';

export const COUNTER_PATH = '/counter';
export const TABLE_PATH = '/table';

/** Warnings and errors are counted, not printed: a benchmark full of log lines measures the console. */
export interface CountingLogger extends Logger {
  counts: { warn: number; error: number };
  /** The first few messages, so a failing run can say why. */
  samples: string[];
}

export function countingLogger(): CountingLogger {
  const counts = { warn: 0, error: 0 };
  const samples: string[] = [];
  const keep = (m: string) => void (samples.length < 5 && samples.push(m));
  return {
    counts,
    samples,
    info: () => undefined,
    warn: (m) => (counts.warn++, keep(m)),
    error: (m) => (counts.error++, keep(m)),
  };
}

export function createBenchApp(logger: Logger): App {
  const app = new App({
    secret: 'bench-secret-0123456789abcdef',
    logger,
    // The default limit (50 events/s per connection, burst 100) protects production servers
    // from abusive clients; a load generator is one by design, so it is lifted here.
    rateLimit: { perSecond: 1e9, burst: 1e9 },
    // Measured as production runs: no development panel (recording, and a push per operation).
    devPanel: false,
  });
  app.live(COUNTER_PATH, CounterView);
  app.live(TABLE_PATH, TableView);
  return app;
}
