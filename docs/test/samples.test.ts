/** Runs every fenced code block of the documentation (docs/README.md, "Writing docs", has the rules). */
import { describe, it } from 'node:test';
import { checksFor, docFiles } from './samples/checker.js';
import { checkerOptions } from './samples/options.js';

const options = checkerOptions();

// Two ts samples at a time (run-ts.ts limits them); the other kinds take no time.
describe('docs samples', { concurrency: true }, () => {
  for (const file of docFiles(options.repoRoot)) {
    for (const check of checksFor(file, options)) it(check.name, check.run);
  }
});
