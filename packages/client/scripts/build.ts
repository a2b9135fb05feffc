/**
 * Bundle the client: dist/client.js (IIFE, minified, es2020) and its source map, then hold it
 * to the size budget: the build fails when the gzipped bundle, morphdom included, is over.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** 15 KB gzipped, morphdom included. */
export const BUDGET = 15 * 1024;

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}dist/client.js`;

await build({
  entryPoints: [`${root}src/index.ts`],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  sourcemap: true,
  outfile,
  logLevel: 'warning',
});

const gzipped = gzipSync(readFileSync(outfile), { level: 9 }).length;
console.log(`dist/client.js: ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (gzipped > BUDGET) {
  console.error(`dist/client.js is over budget by ${gzipped - BUDGET} bytes`);
  process.exit(1);
}
