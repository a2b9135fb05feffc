/**
 * Proof that the engines did the same work: every engine's page, once the harmless
 * differences are normalised away, must be the same string. Without this a faster engine
 * might just be skipping rows, a filter, or the escaping.
 */
import { HOSTILE_NOTES, type PageContext } from './data.js';

/**
 * Erases what legitimately differs: the spelling of two escapes (`"` is &quot; or &#34;,
 * `'` is &#x27; or &#39;) and the whitespace left around tags, which each engine trims
 * its own way.
 */
export function normalize(html: string): string {
  return html
    .replaceAll('&#34;', '&quot;')
    .replaceAll('&#x27;', '&#39;')
    .replace(/\s+/g, ' ')
    .replace(/> </g, '><')
    .trim();
}

export interface PageShape {
  /** Body rows of the leases table (the header row has no class attribute). */
  rows: number;
  /** `<script>` notes that came out escaped, and any that came out raw (must be 0). */
  escapedScripts: number;
  rawScripts: number;
  bytes: number;
}

export function shapeOf(html: string): PageShape {
  return {
    rows: count(html, '<tr class="'),
    escapedScripts: count(html, '&lt;script&gt;'),
    rawScripts: count(html, '<script'),
    bytes: Buffer.byteLength(html),
  };
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** The shape the data says every page must have. */
export function expectedShape(ctx: PageContext): Pick<PageShape, 'rows' | 'escapedScripts' | 'rawScripts'> {
  const script = HOSTILE_NOTES.find((n) => n.startsWith('<script'));
  return {
    rows: ctx.leases.length,
    escapedScripts: ctx.leases.filter((l) => l.notes === script).length,
    rawScripts: 0,
  };
}

/**
 * Throws, naming the engine and the first difference, unless every page has the expected
 * shape and all normalise to the same string as the first one.
 */
export function assertEquivalent(pages: ReadonlyArray<{ engine: string; html: string }>, ctx: PageContext): void {
  const want = expectedShape(ctx);
  for (const { engine, html } of pages) {
    const got = shapeOf(html);
    for (const key of ['rows', 'escapedScripts', 'rawScripts'] as const) {
      if (got[key] !== want[key]) throw new Error(`${engine}: ${key} is ${got[key]}, expected ${want[key]} (N=${ctx.leases.length})`);
    }
  }
  const [ref, ...rest] = pages.map((p) => ({ engine: p.engine, text: normalize(p.html) }));
  for (const other of rest) {
    if (other.text === ref.text) continue;
    let i = 0;
    while (i < ref.text.length && ref.text[i] === other.text[i]) i++;
    const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 60), i + 60));
    throw new Error(`${other.engine} differs from ${ref.engine} at char ${i} (N=${ctx.leases.length}):\n  ${ref.engine}: ${around(ref.text)}\n  ${other.engine}: ${around(other.text)}`);
  }
}
