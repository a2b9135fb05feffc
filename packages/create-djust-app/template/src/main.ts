/**
 * `npm start`: opens the database (creating and seeding it on the first start) and serves the
 * app. PORT, HOST (127.0.0.1) and DATABASE_URL come from the environment. Ctrl-C stops it.
 */
import { createApp } from './app.js';
import { openDatabase } from './db.js';

const DEFAULT_PORT = 8000;

function port(raw = process.env.PORT?.trim()): number {
  if (!raw) return DEFAULT_PORT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${raw}"`);
  return value;
}

const host = process.env.HOST?.trim() || '127.0.0.1';
const wanted = port();
const orm = await openDatabase();
const running = await createApp({ orm })
  .listen(wanted, host)
  .catch(async (error: NodeJS.ErrnoException) => {
    await orm.close();
    throw error.code === 'EADDRINUSE' ? new Error(`port ${wanted} is in use; set PORT to another one`) : error;
  });
const shown = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(host) ? 'localhost' : host;
console.log(`Serving at http://${shown}:${running.port}/ (Ctrl-C stops it)`);

async function stop(): Promise<void> {
  await running.close();
  await orm.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
