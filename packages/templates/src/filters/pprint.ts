/**
 * Python's pprint.pformat (width 80, indent 1, dict keys sorted) for the pprint filter:
 * containers too wide for the line are broken one item per line, long strings into
 * adjacent literals.
 */
import { pyCompare } from '../compare.js';
import { SafeString } from '../safe.js';
import { isPlainObject, pyRepr } from '../values.js';
import { pyLength } from './text-case.js';

const WIDTH = 80;

type Entries = [unknown, unknown][];

function isDict(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Set) && isPlainObject(v));
}

/** sorted() with pprint's _safe_key: values that cannot be ordered fall back to their type. */
function safeSort<T>(items: T[], key: (x: T) => unknown): T[] {
  return [...items].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    try {
      return pyCompare(ka, kb);
    } catch {
      return pyCompare(typeof ka, typeof kb);
    }
  });
}

function dictEntries(v: Map<unknown, unknown> | Record<string, unknown>): Entries {
  const entries: Entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
  return safeSort(entries, ([k]) => k);
}

/** pprint's _safe_repr: repr with dict keys sorted, all the way down. */
function safeRepr(v: unknown, context: Set<unknown>): string {
  if (Array.isArray(v) || isDict(v)) {
    if (context.has(v)) return Array.isArray(v) ? '[...]' : '{...}';
    context.add(v);
    const text = Array.isArray(v)
      ? `[${v.map((x) => safeRepr(x, context)).join(', ')}]`
      : `{${dictEntries(v)
          .map(([k, x]) => `${safeRepr(k, context)}: ${safeRepr(x, context)}`)
          .join(', ')}}`;
    context.delete(v);
    return text;
  }
  return pyRepr(v);
}

class Printer {
  out = '';

  format(v: unknown, indent: number, allowance: number, context: Set<unknown>, level: number): void {
    const rep = safeRepr(v, new Set(context));
    if (pyLength(rep) > WIDTH - indent - allowance && !context.has(v)) {
      const wide = this.wideFormatter(v);
      if (wide) {
        context.add(v);
        wide(indent, allowance, context, level + 1);
        context.delete(v);
        return;
      }
    }
    this.out += rep;
  }

  private wideFormatter(v: unknown): ((indent: number, allowance: number, context: Set<unknown>, level: number) => void) | undefined {
    if (Array.isArray(v)) return (i, a, c, l) => this.sequence('[', v, ']', i, a, c, l);
    if (v instanceof Set) return (i, a, c, l) => this.sequence('{', safeSort([...v], (x) => x), '}', i, a, c, l);
    if (isDict(v)) return (i, a, c, l) => this.dict(v, i, a, c, l);
    if (typeof v === 'string' || v instanceof SafeString) return (i, a, _c, l) => this.str(String(v), i, a, l);
    return undefined;
  }

  private sequence(open: string, items: unknown[], close: string, indent: number, allowance: number, context: Set<unknown>, level: number): void {
    this.out += open;
    const inner = indent + 1;
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      if (i > 0) this.out += ',\n' + ' '.repeat(inner);
      this.format(item, inner, last ? allowance + close.length : 1, context, level);
    });
    this.out += close;
  }

  private dict(v: Map<unknown, unknown> | Record<string, unknown>, indentIn: number, allowanceIn: number, context: Set<unknown>, level: number): void {
    this.out += '{';
    const entries = dictEntries(v);
    const indent = indentIn + 1;
    const allowance = allowanceIn + 1;
    entries.forEach(([key, value], i) => {
      const last = i === entries.length - 1;
      const rep = safeRepr(key, context);
      this.out += rep + ': ';
      this.format(value, indent + pyLength(rep) + 2, last ? allowance : 1, context, level);
      if (!last) this.out += ',\n' + ' '.repeat(indent);
    });
    this.out += '}';
  }

  /** Long strings become adjacent literals split at word boundaries and line ends. */
  private str(s: string, indentIn: number, allowanceIn: number, level: number): void {
    if (s === '') {
      this.out += "''";
      return;
    }
    const indent = level === 1 ? indentIn + 1 : indentIn;
    const allowance = level === 1 ? allowanceIn + 1 : allowanceIn;
    const chunks = stringChunks(s, WIDTH - indent, allowance);
    if (chunks.length === 1) {
      this.out += pyRepr(s);
      return;
    }
    const body = chunks.join('\n' + ' '.repeat(indent));
    this.out += level === 1 ? `(${body})` : body;
  }
}

const LINE_RE = /[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])|[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+$/g;

function stringChunks(s: string, maxWidth: number, allowance: number): string[] {
  const lines = s.match(LINE_RE) ?? [];
  const chunks: string[] = [];
  lines.forEach((line, i) => {
    const lastLine = i === lines.length - 1;
    const rep = pyRepr(line);
    if (pyLength(rep) <= maxWidth - (lastLine ? allowance : 0)) {
      chunks.push(rep);
      return;
    }
    // Alternating runs of non-space then space, as re.findall(r'\S*\s*') gives them.
    const parts = line.match(/\S*\s*/g)?.filter((p) => p !== '') ?? [];
    let current = '';
    parts.forEach((part, j) => {
      const limit = maxWidth - (lastLine && j === parts.length - 1 ? allowance : 0);
      const candidate = current + part;
      if (pyLength(pyRepr(candidate)) > limit) {
        if (current) chunks.push(pyRepr(current));
        current = part;
      } else {
        current = candidate;
      }
    });
    if (current) chunks.push(pyRepr(current));
  });
  return chunks;
}

/** pprint.pformat(value). */
export function pformat(value: unknown): string {
  const p = new Printer();
  p.format(value, 0, 0, new Set(), 0);
  return p.out;
}
