/** Plain aligned text tables and the number formats the benchmarks print. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].join('\n');
}

/** Milliseconds with about three significant digits, so 0.0123 and 123 both read well. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 100) return value.toFixed(1);
  if (value >= 10) return value.toFixed(2);
  if (value >= 1) return value.toFixed(3);
  return value.toFixed(4);
}

/** A time given in milliseconds, printed in microseconds. */
export function us(valueMs: number): string {
  return Number.isFinite(valueMs) ? (valueMs * 1000).toFixed(2) : 'n/a';
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/** Thousands separated, so 12345 reads as 12,345: objects or events per second, byte counts. */
export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

/** Bytes as KiB, one decimal. */
export function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

/** Goals are printed beside the numbers, never asserted: a busy machine should not fail a build. */
export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}
