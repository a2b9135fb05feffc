/**
 * The client's size beside Phoenix LiveView's: each bundled by esbuild (IIFE, es2020) in this
 * run, raw and minified, then the minified bundle compressed at gzip level 9.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeMachine, formatTable, kb, ratio, verdict } from '@djust/bench-common';

interface Sizes {
  raw: number;
  min: number;
  gzip: number;
}

const GOAL = 3;

async function bundle(entry: string, minify: boolean): Promise<Uint8Array> {
  const out = await build({ entryPoints: [entry], bundle: true, minify, format: 'iife', target: 'es2020', write: false, logLevel: 'error' });
  return out.outputFiles[0].contents;
}

async function measure(entry: string): Promise<Sizes> {
  const min = await bundle(entry, true);
  return { raw: (await bundle(entry, false)).length, min: min.length, gzip: gzipSync(min, { level: 9 }).length };
}

const require = createRequire(import.meta.url);
const djustEntry = fileURLToPath(new URL('src/index.ts', pathToFileURL(require.resolve('@djust/client/package.json'))));
const phoenixEntry = fileURLToPath(new URL('./phoenix-entry.js', import.meta.url));

const djust = await measure(djustEntry);
const phoenix = await measure(phoenixEntry);
const row = (name: string, s: Sizes) => [name, kb(s.raw), kb(s.min), kb(s.gzip)];

console.log(describeMachine(['esbuild 0.28.2', 'phoenix 1.8.16 + phoenix_live_view 1.2.12']));
console.log(formatTable(['bundle (KB)', 'raw', 'min', 'gzip -9'], [row('@djust/client (with morphdom)', djust), row('phoenix + phoenix_live_view', phoenix)]));
const smaller = phoenix.gzip / djust.gzip;
console.log(`Phoenix / djust, gzipped: ${ratio(smaller)} (goal: ${GOAL}× smaller: ${verdict(smaller >= GOAL)})`);
