/**
 * The start command's settings, read from the environment and checked once, so a typo in
 * PORT or RENTALS_SEED_SCALE stops the start with a sentence saying what is wrong.
 */
import { DEFAULT_SQLITE_FILE, databaseKind } from './db.js';

export interface Settings {
  port: number;
  host: string;
  /** A SQLite path or a postgres:// URL. */
  databaseUrl: string;
  scale: number;
}

export class SettingsError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

export function readSettings(env: Env = process.env): Settings {
  return {
    port: integer(env, 'PORT', 8000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: env.DATABASE_URL?.trim() || DEFAULT_SQLITE_FILE,
    scale: integer(env, 'RENTALS_SEED_SCALE', 1, 1, 1000),
  };
}

/** The address to print: loopback and wildcard interfaces are reached at localhost. */
export function publicUrl(host: string, port: number): string {
  const local = ['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1', '[::]', '[::1]'].includes(host);
  const name = local ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}/rentals`;
}

/** The database for the console: a SQLite path as given, a URL without its password. */
export function describeDatabase(url: string): string {
  if (databaseKind(url) === 'sqlite') return url === ':memory:' ? 'SQLite in memory' : `SQLite file ${url}`;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return `PostgreSQL ${parsed.toString()}`;
}
