/** A small @djust/server app on a real port, serving the built browser client. */
import { fileURLToPath } from 'node:url';
import { App, type AppOptions, type RunningApp } from '@djust/server';

/** The bundle `npm run build -w @djust/client` writes; turbo builds it before these tests. */
export const CLIENT_SCRIPT = fileURLToPath(new URL('../../packages/client/dist/client.js', import.meta.url));

const SECRET = 'e2e-secret-0123456789abcdef';

export interface TestApp {
  app: App;
  server: RunningApp;
  /** An absolute URL on the running app. */
  url(path: string): string;
  close(): Promise<void>;
}

/** Builds an app, lets `routes` add its views, and listens on a free port of 127.0.0.1. */
export async function startApp(routes: (app: App) => void, options: Partial<AppOptions> = {}): Promise<TestApp> {
  const app = new App({ secret: SECRET, clientScript: CLIENT_SCRIPT, ...options });
  routes(app);
  const server = await app.listen(0);
  return {
    app,
    server,
    url: (path) => new URL(path, server.url).href,
    close: () => server.close(),
  };
}
