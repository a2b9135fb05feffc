/** What the tests and the bench use of the app: its builder and its database. */
export { createRentalsApp, type RentalsOptions } from './app.js';
export { openDatabase, type Database, type DatabaseOptions } from './db.js';
export { seed, type SeedCounts, type SeedOptions } from './seed.js';
export * from './entities.js';
