/** The loggers an app uses when it is given none: silent under NODE_ENV=test, else the console. */
import { inspect } from 'node:util';
import type { Logger } from './core.js';

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * One call, one entry: the message and its values (an Error as its stack), with every further
 * line indented, so an exception whose text holds a newline cannot pass for a line of its own.
 */
export function logEntry(message: string, rest: readonly unknown[]): string {
  const parts = [message, ...rest.map((r) => (typeof r === 'string' ? r : inspect(r)))];
  return parts.join(' ').replace(/\r\n|\r|\n/g, '\n    ');
}

export const consoleLogger: Logger = {
  info: (m, ...r) => console.log(logEntry(m, r)),
  warn: (m, ...r) => console.warn(logEntry(m, r)),
  error: (m, ...r) => console.error(logEntry(m, r)),
};
