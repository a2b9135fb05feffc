/**
 * Starts the demo: opens (creating and seeding on first start) the database, then serves the
 * app and prints its URL. PORT (8000), HOST (127.0.0.1), DATABASE_URL, RENTALS_SEED_SCALE.
 */
import { openDatabase } from './db.js';
import { createRentalsApp } from './app.js';

const port = Number(process.env.PORT ?? 8000);
const host = process.env.HOST ?? '127.0.0.1';
const scale = Number(process.env.RENTALS_SEED_SCALE ?? 1);

const { orm, seeded } = await openDatabase({ scale });
if (seeded) console.log(`Seeded the database: ${seeded.properties} properties, ${seeded.tenants} tenants, ${seeded.leases} leases, ${seeded.payments} payments, ${seeded.requests} maintenance requests`);
const app = createRentalsApp({ orm, cacheDir: '.cache' });
const running = await app.listen(port, host);
console.log(`Rentals is running at ${running.url.replace(/\/$/, '')}/rentals`);

const stop = async (): Promise<void> => {
  await running.close();
  await orm.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
