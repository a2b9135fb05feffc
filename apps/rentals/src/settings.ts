/**
 * The start command's settings, read from the environment and checked once, so a typo in
 * PORT or RENTALS_SEED_SCALE, or a production start without ALLOWED_HOSTS or SECRET_KEY, stops
 * the start with a sentence saying what is wrong.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SQLITE_FILE, databaseKind } from './db.js';

export interface Settings {
  port: number;
  host: string;
  /** A SQLite path or a postgres:// URL. */
  databaseUrl: string;
  scale: number;
  /** NODE_ENV=production. */
  production: boolean;
  /** ALLOWED_HOSTS, comma-separated as Django's; required in production, else the app's local defaults. */
  allowedHosts: string[] | undefined;
  /** SECRET_KEY; required in production, else a random secret kept in the checkout (`developmentSecret`). */
  secretKey: string | undefined;
}

/** Shorter secrets are refused: they sign sessions, join tokens and the cached serializers. */
export const MIN_SECRET_LENGTH = 32;

// Django's ALLOWED_HOSTS entries: '*', a name or address, '.domain' for it and its subdomains, a bracketed IPv6 address.
const HOST_PATTERN = /^(\*|\.?[a-z0-9-]+(\.[a-z0-9-]+)*\.?|\[[a-f0-9:.]+\])$/i;

export class SettingsError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

function allowedHosts(env: Env, production: boolean): string[] | undefined {
  const raw = env.ALLOWED_HOSTS?.trim();
  if (!raw) {
    if (production) throw new SettingsError('ALLOWED_HOSTS is required with NODE_ENV=production: the host names the site answers, comma-separated (e.g. "rentals.example.com,.example.org")');
    return undefined;
  }
  const hosts = raw.split(',').map((h) => h.trim());
  const bad = hosts.find((h) => !HOST_PATTERN.test(h));
  if (bad !== undefined) throw new SettingsError(`ALLOWED_HOSTS must list host names separated by commas (no scheme, port or path), not ${JSON.stringify(bad)}`);
  return hosts;
}

function secretKey(env: Env, production: boolean): string | undefined {
  const raw = env.SECRET_KEY;
  if (!raw) {
    if (production) throw new SettingsError(`SECRET_KEY is required with NODE_ENV=production: a random string of at least ${MIN_SECRET_LENGTH} characters, kept out of the repository`);
    return undefined;
  }
  if (raw.length < MIN_SECRET_LENGTH) throw new SettingsError(`SECRET_KEY must be at least ${MIN_SECRET_LENGTH} characters long, not ${raw.length}`);
  return raw;
}

export function readSettings(env: Env = process.env): Settings {
  const production = env.NODE_ENV === 'production';
  return {
    port: integer(env, 'PORT', 8000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: env.DATABASE_URL?.trim() || DEFAULT_SQLITE_FILE,
    scale: integer(env, 'RENTALS_SEED_SCALE', 1, 1, 1000),
    production,
    allowedHosts: allowedHosts(env, production),
    secretKey: secretKey(env, production),
  };
}

/**
 * Outside production without SECRET_KEY: a random secret made on the first start and kept in
 * `dir` (the app's gitignored cache folder), so each checkout has its own and sessions and
 * cached serializers stay valid across restarts.
 */
export function developmentSecret(dir: string): string {
  const file = join(dir, 'secret');
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= MIN_SECRET_LENGTH) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
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
