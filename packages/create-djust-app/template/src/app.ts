/** The app: its two live views in one live session, its templates and static files. */
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/core';
import { App, type AppOptions } from '@djust/server';
import { CounterView } from './views/counter.js';
import { BookListView } from './views/books.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export interface AppSetup extends Partial<AppOptions> {
  orm: MikroORM;
}

/** Signs sessions and join tokens. Production must set its own; elsewhere a fixed one will do. */
function secret(env = process.env): string {
  if (env.DJUST_SECRET) return env.DJUST_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('DJUST_SECRET is not set: give it a long random value');
  return 'development-secret-not-for-production';
}

/** The host names the app answers (Django's ALLOWED_HOSTS): required in production, localhost by default elsewhere. */
function allowedHosts(env = process.env): string[] | undefined {
  const hosts = env.ALLOWED_HOSTS?.split(',').map((h) => h.trim()).filter(Boolean);
  return hosts?.length ? hosts : undefined;
}

export function createApp(setup: AppSetup): App {
  const app = new App({
    secret: secret(),
    allowedHosts: allowedHosts(),
    templates: [here('../templates')],
    static: { '/static': here('../static') },
    clientScript: fileURLToPath(import.meta.resolve('@djust/client/dist/client.js')),
    cacheDir: here('../.cache'),
    ...setup,
  });
  app.liveSession('main', [
    ['/', CounterView, { name: 'counter', title: 'Counter' }],
    ['/books', BookListView, { name: 'books', title: 'Books' }],
  ]);
  return app;
}
