/**
 * Test support: applies a built-in filter the way the engine wraps it (Django's
 * FilterExpression.resolve) and renders a value the way a variable node prints it.
 */
import { builtinFilters } from '../../src/filters/index.js';
import { SafeString, escapeHtml, isSafe, markSafe } from '../../src/safe.js';
import { Decimal, PyDate, localizeNumber, pyStr } from '../../src/values.js';

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

/** Decodes the conformance file's value markers. */
export function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$safe') return markSafe(o.$safe as string);
    if (keys.length === 1 && keys[0] === '$decimal') return Decimal.parse(o.$decimal as string);
    if (keys.length === 1 && keys[0] === '$date') return PyDate.parse(o.$date as string);
    if (keys.length === 1 && keys[0] === '$datetime') return new Date(o.$datetime as string);
    return Object.fromEntries(keys.map((k) => [k, decode(o[k])]));
  }
  return v;
}

/** Resolves a literal or a context name the way a simple template expression does. */
function operand(token: string, context: Record<string, unknown>): unknown {
  const quoted = /^"(.*)"$/s.exec(token);
  if (quoted) return markSafe(quoted[1]);
  if (/^-?\d+$/.test(token)) return Number(token);
  if (/^-?\d*\.\d+$/.test(token)) return Number(token);
  return token in context ? context[token] : '';
}

/** Splits `a|f:"x|y"|g` on the pipes outside quotes. */
function pipeline(expr: string): string[] {
  return expr.match(/(?:"[^"]*"|[^|"])+/g) ?? [];
}

/**
 * Renders the templates of simple conformance cases: text with `{{ operand|filter:arg }}`
 * chains, optionally inside one `{% autoescape off %}` block.
 */
export function renderSimple(template: string, context: Record<string, unknown>): string {
  const off = /^\{% autoescape off %\}(.*)\{% endautoescape %\}$/s.exec(template);
  const body = off ? off[1] : template;
  const autoescape = !off;
  return body.replace(/\{\{ (.*?) \}\}/g, (_, expr: string) => {
    const [head, ...filters] = pipeline(expr);
    let value = operand(head, context);
    for (const f of filters) {
      const colon = f.indexOf(':');
      const name = colon < 0 ? f : f.slice(0, colon);
      const arg = colon < 0 ? undefined : operand(f.slice(colon + 1), context);
      value = apply(name, value, arg, autoescape);
    }
    return render(value, autoescape);
  });
}
