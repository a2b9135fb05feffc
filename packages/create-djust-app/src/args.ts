/** The command line: one folder and a few flags. Anything else is a usage error, not a guess. */

export type Database = 'sqlite' | 'postgres';
export const DATABASES: readonly Database[] = ['sqlite', 'postgres'];

export interface Options {
  /** The folder to create; its last segment is the app's package name. */
  target?: string;
  db?: Database;
  /** The app's default port (its PORT variable still wins). */
  port?: number;
  /** False with --no-install; undefined when not said (a prompt may ask). */
  install?: boolean;
  force: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm create djust-app <folder> [-- options]
       npx create-djust-app <folder> [options]

Creates a djust app in <folder>; the folder's name is the app's package name.
Run without a folder in a terminal, it asks for each choice.

Options:
  --db sqlite|postgres  the database (default: sqlite, a file in the app)
  --port <number>       the port npm start serves on (default: 8000)
  --no-install          do not run npm install
  --force               write into a folder that is not empty: the app's files
                        replace those of the same name, other files stay
  -h, --help            show this text`;

export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) throw new UsageError(`--port must be a whole number from 1 to 65535, not "${raw}"`);
  return port;
}

export function parseDatabase(raw: string): Database {
  const db = DATABASES.find((d) => d === raw);
  if (!db) throw new UsageError(`--db must be ${DATABASES.join(' or ')}, not "${raw}"`);
  return db;
}

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { force: false, help: false };
  const rest = [...argv];
  // A flag's value: "--db postgres" or "--db=postgres".
  const valueOf = (flag: string, inline: string | undefined): string => {
    const value = inline ?? rest.shift();
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    return value;
  };
  while (rest.length) {
    const arg = rest.shift()!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '-h' || flag === '--help') options.help = true;
    else if (flag === '--force') options.force = true;
    else if (flag === '--no-install') options.install = false;
    else if (flag === '--db') options.db = parseDatabase(valueOf(flag, inline));
    else if (flag === '--port') options.port = parsePort(valueOf(flag, inline));
    else if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
    else if (options.target !== undefined) throw new UsageError(`one folder only: got "${options.target}" and "${arg}"`);
    else options.target = arg;
  }
  return options;
}
