#!/usr/bin/env node
/**
 * `npm run conformance -- FILE [--verbose]`: runs a conformance case file, prints passes per
 * area, each failure with what was expected, and a last line `N passed, M failed`.
 */
import { readCases, runCase, tally } from './run.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const files = args.filter((a) => !a.startsWith('-'));
if (!files.length) {
  console.error('usage: npm run conformance -- FILE.jsonl [--verbose]');
  process.exit(2);
}

const results = files.flatMap((f) => readCases(f)).map(runCase);
for (const [area, t] of tally(results)) {
  console.log(`${area.padEnd(28)} ${String(t.passed).padStart(4)} / ${t.passed + t.failed}`);
}
const failed = results.filter((r) => !r.passed);
for (const r of failed) {
  console.log(`\nFAIL ${r.case.id} (${r.case.area})`);
  if (verbose) console.log(`  template: ${JSON.stringify(r.case.template)}`);
  console.log(`  expected: ${r.case.error !== undefined ? `error ${r.case.error}` : JSON.stringify(r.case.expected)}`);
  console.log(`  actual:   ${r.thrown !== undefined ? r.thrown.split('\n')[0] : JSON.stringify(r.actual)}`);
}
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exitCode = failed.length ? 1 : 0;
