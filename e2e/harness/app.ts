/** A small @djust/server app on a real port, serving the built browser client. */
import { fileURLToPath } from 'node:url';
import { App, type AppOptions, type RunningApp } from '@djust/server';

/** The bundle `npm run build -w @djust/client` writes; turbo builds it before these tests. */
const CLIENT_SCRIPT = fileURLToPath(new URL('../../packages/client/dist/client.js', import.meta.url));

const SECRET = 'e2e-secret-0123456789abcdef';

export interface TestApp {
  app: App;
  /** An absolute URL on the running app. */
  url(path: string): string;
  /** Kills the server: every socket is cut, as when the process dies. */
  stop(): Promise<void>;
  /** Listens again on the same port (same secret, so the pages' tokens stay good). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Builds an app, lets `routes` add its views, and listens on a free port of 127.0.0.1. */
export function startApp(routes: (app: App) => void, options: Partial<AppOptions> = {}): Promise<TestApp> {
  const app = new App({ secret: SECRET, clientScript: CLIENT_SCRIPT, ...options });
  routes(app);
  return serveApp(app);
}

/** Listens on a free port of 127.0.0.1 with an app built elsewhere (the rentals app, say). */
export async function serveApp(app: App): Promise<TestApp> {
  let server: RunningApp | undefined = await app.listen(0);
  const port = server.port;
  const origin = server.url;
  const stop = async (): Promise<void> => {
    const running = server;
    server = undefined;
    await running?.close();
  };
  return {
    app,
    url: (path) => new URL(path, origin).href,
    stop,
    async start() {
      if (!server) server = await app.listen(port);
    },
    close: stop,
  };
}
