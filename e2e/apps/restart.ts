/**
 * A server that can be killed and started again on the same port, as a deploy or a crash
 * does: the second start is a fresh App (no view survives), signing with the same secret so
 * the pages already open stay valid.
 */
import { App, type RunningApp } from '@djust/server';
import { CLIENT_SCRIPT } from '../harness/index.js';

const SECRET = 'e2e-restart-0123456789abcdef';

export interface Restartable {
  /** The page URL for `path` (the port never changes). */
  url(path: string): string;
  /** Closes the server: every socket is cut and every view ends. */
  kill(): Promise<void>;
  /** A fresh App with the same routes, listening on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function restartable(routes: (app: App) => void): Promise<Restartable> {
  const listen = (port: number): Promise<RunningApp> => {
    const app = new App({ secret: SECRET, clientScript: CLIENT_SCRIPT });
    routes(app);
    return app.listen(port);
  };
  let running: RunningApp | undefined = await listen(0);
  const port = running.port;
  const origin = running.url;
  const kill = async (): Promise<void> => {
    const was = running;
    running = undefined;
    await was?.close();
  };
  return {
    url: (path) => new URL(path, origin).href,
    kill,
    async start() {
      running ??= await listen(port);
    },
    close: kill,
  };
}
