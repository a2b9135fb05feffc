/**
 * `npm start`: opens the database (migrating and seeding it on first start), serves the app and
 * says what it did. PORT (8000), HOST (127.0.0.1), DATABASE_URL (the app's SQLite file, or a
 * postgres:// URL), RENTALS_SEED_SCALE (1); with NODE_ENV=production also ALLOWED_HOSTS and
 * SECRET_KEY (required there; elsewhere the local hosts and a per-checkout random secret).
 * Ctrl-C stops it cleanly.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from './db.js';
import { createRentalsApp } from './app.js';
import { User } from './entities.js';
import { describeDatabase, developmentSecret, publicUrl, readSettings, SettingsError, type Settings } from './settings.js';

const CACHE_DIR = fileURLToPath(new URL('../.cache', import.meta.url));

function fail(message: string): never {
  console.error(`Rentals did not start: ${message}`);
  process.exit(1);
}

async function report({ orm, migrated, seeded }: Database): Promise<void> {
  console.log(migrated.length ? `Migrated: applied ${migrated.join(', ')}` : 'Migrations: none pending, the schema is up to date');
  if (seeded) {
    const n = (value: number): string => value.toLocaleString('en-US');
    const rows = Object.values(seeded).reduce((a, b) => a + b, 0);
    console.log(
      `Seeded ${n(rows)} rows: ${n(seeded.properties)} properties, ${n(seeded.tenants)} tenants (with their users), ${n(seeded.leases)} leases, ${n(seeded.payments)} payments, ${n(seeded.requests)} maintenance requests`,
    );
  } else {
    const users = await orm.em.fork().count(User);
    console.log(`Reused the existing data (${users.toLocaleString('en-US')} users): nothing seeded`);
  }
}

function loadSettings(): Settings {
  try {
    return readSettings();
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }
}

const settings = loadSettings();

console.log(`Database: ${describeDatabase(settings.databaseUrl)}`);
const database = await openDatabase({ url: settings.databaseUrl, scale: settings.scale }).catch((error: Error) => fail(`the database could not be opened: ${error.message}`));
await report(database);

const app = createRentalsApp({
  orm: database.orm,
  cacheDir: CACHE_DIR,
  secret: settings.secretKey ?? developmentSecret(CACHE_DIR),
  ...(settings.allowedHosts ? { allowedHosts: settings.allowedHosts } : {}),
});
const running = await app.listen(settings.port, settings.host).catch(async (error: NodeJS.ErrnoException) => {
  await database.orm.close();
  fail(error.code === 'EADDRINUSE' ? `port ${settings.port} is in use on ${settings.host}; set PORT to another one` : error.message);
});
// performance.now() counts from the process's start: loading the code is part of the wait.
const seconds = (performance.now() / 1000).toFixed(1);
console.log(`Rentals is running at ${publicUrl(settings.host, running.port)} (ready in ${seconds} s; Ctrl-C stops it)`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  // A second Ctrl-C while closing means "now".
  if (stopping) process.exit(130);
  stopping = true;
  console.log(`\n${signal}: stopping...`);
  await running.close();
  await database.orm.close();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
