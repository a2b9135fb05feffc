/**
 * Test support: applies a built-in filter the way the engine wraps it (Django's
 * FilterExpression.resolve) and renders a value the way a variable node prints it.
 * Whole templates go through the real Engine (test/conformance.test.ts replays the corpus).
 */
import { builtinFilters } from '../../src/filters/index.js';
import { SafeString, escapeHtml, isSafe, markSafe } from '../../src/safe.js';
import { Decimal, localizeNumber, pyStr } from '../../src/values.js';

/** Runs one filter with Django's @stringfilter / is_safe wrapping. */
export function apply(name: string, value: unknown, arg?: unknown, autoescape = true): unknown {
  const spec = builtinFilters[name];
  if (!spec) throw new Error(`no filter ${name}`);
  const input = spec.stringFilter && !isSafe(value) ? pyStr(value) : value;
  const out = spec.fn(input, arg, { autoescape });
  if (spec.isSafe && isSafe(value) && typeof out === 'string') return markSafe(out);
  return out;
}

/** What {{ value }} prints: numbers localized, everything else str(), escaped unless safe. */
export function render(value: unknown, autoescape = true): string {
  const text = typeof value === 'number' ? localizeNumber(value) : value instanceof Decimal ? value.toFixedString() : pyStr(value);
  return autoescape && !isSafe(value) ? escapeHtml(text) : text;
}

/** A string literal argument, as the template parser hands it over. */
export function lit(text: string): SafeString {
  return markSafe(text);
}
