/**
 * The app's name is its package.json name, so it follows npm's rules for a new package:
 * lowercase, URL-safe, at most 214 characters, not starting with . or _, not a Node built-in.
 */
import { builtinModules } from 'node:module';

const RESERVED = new Set(['node_modules', 'favicon.ico']);

/** What is wrong with the name as an npm package name, or undefined when nothing is. */
export function nameProblem(name: string): string | undefined {
  if (!name) return 'is empty';
  if (name.length > 214) return 'is longer than 214 characters';
  if (name.trim() !== name) return 'starts or ends with a space';
  if (name.toLowerCase() !== name) return 'has capital letters (npm names are lowercase)';
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name);
  if (name.startsWith('@') && !scoped) return 'is not a valid scoped name (@scope/name)';
  const parts = scoped ? [scoped[1], scoped[2]] : [name];
  for (const part of parts) {
    if (part.startsWith('.') || part.startsWith('_')) return 'starts with . or _';
    if (!/^[a-z0-9._-]+$/.test(part)) return 'may hold only letters a-z, digits, "-", "." and "_"';
  }
  if (RESERVED.has(name)) return 'is reserved by npm';
  if (builtinModules.includes(name)) return 'is the name of a Node.js built-in module';
  return undefined;
}
