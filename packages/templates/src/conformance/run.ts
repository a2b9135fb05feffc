/** Runs Django conformance cases (JSON Lines) through the public Engine API. */
import { readFileSync } from 'node:fs';
import { Engine } from '../engine.js';
import { decodeValue } from './decode.js';

export interface ConformanceCase {
  id: string;
  area: string;
  template: string;
  templates?: Record<string, string>;
  context: Record<string, unknown>;
  expected?: string;
  error?: string;
}

export interface CaseResult {
  case: ConformanceCase;
  passed: boolean;
  actual?: string;
  thrown?: string;
}

export function readCases(file: string): ConformanceCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ConformanceCase);
}

export function runCase(c: ConformanceCase): CaseResult {
  try {
    const engine = new Engine({ templates: c.templates ?? {}, autoescape: true });
    const actual = engine.renderString(c.template, decodeValue(c.context) as Record<string, unknown>);
    return { case: c, passed: c.error === undefined && actual === c.expected, actual };
  } catch (e) {
    const name = e instanceof Error ? e.name : typeof e;
    const message = e instanceof Error ? e.message : String(e);
    return { case: c, passed: c.error !== undefined && name === c.error, thrown: `${name}: ${message}` };
  }
}

export interface AreaTally {
  passed: number;
  failed: number;
}

export function tally(results: CaseResult[]): Map<string, AreaTally> {
  const byArea = new Map<string, AreaTally>();
  for (const r of results) {
    const t = byArea.get(r.case.area) ?? { passed: 0, failed: 0 };
    if (r.passed) t.passed++;
    else t.failed++;
    byArea.set(r.case.area, t);
  }
  return new Map([...byArea].sort(([a], [b]) => a.localeCompare(b)));
}
