/** The questions asked when the command runs bare in a terminal, each with its default. */
import { createInterface, type Interface } from 'node:readline/promises';
import { DATABASES, parseDatabase, parsePort, UsageError, type Database } from './args.js';
import { nameProblem } from './name.js';

export interface Answers {
  name: string;
  db: Database;
  port: number;
  install: boolean;
}

/** Asks until `parse` accepts the answer (an empty answer is the default), printing why not. */
async function ask<T>(rl: Interface, question: string, fallback: string, parse: (answer: string) => T): Promise<T> {
  for (;;) {
    const answer = (await rl.question(`${question} (${fallback}): `)).trim() || fallback;
    try {
      return parse(answer);
    } catch (error) {
      process.stdout.write(`  ${(error as Error).message}\n`);
    }
  }
}

function parseName(answer: string): string {
  const problem = nameProblem(answer);
  if (problem) throw new Error(`"${answer}" cannot be a package name: it ${problem}`);
  return answer;
}

function parseYes(answer: string): boolean {
  if (/^y(es)?$/i.test(answer)) return true;
  if (/^no?$/i.test(answer)) return false;
  throw new Error('answer y or n');
}

export async function askAnswers(defaults: Partial<Answers> = {}): Promise<Answers> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const closed = new Promise<never>((_, reject) => rl.once('close', () => reject(new UsageError('cancelled: nothing was written'))));
  closed.catch(() => undefined);
  const asking = (async (): Promise<Answers> => ({
    name: await ask(rl, 'App name, also its folder', defaults.name ?? 'my-djust-app', parseName),
    db: await ask(rl, `Database, ${DATABASES.join(' or ')}`, defaults.db ?? 'sqlite', parseDatabase),
    port: await ask(rl, 'Port for npm start', String(defaults.port ?? 8000), parsePort),
    install: defaults.install ?? (await ask(rl, 'Run npm install now? y/n', 'y', parseYes)),
  }))();
  try {
    return await Promise.race([asking, closed]);
  } finally {
    rl.close();
  }
}
