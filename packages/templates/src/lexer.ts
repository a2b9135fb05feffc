/**
 * Splits template source into tokens exactly as Django's Lexer does: `{{ }}`, `{% %}` and
 * `{# #}` tags never span lines, and everything between `{% verbatim %}` and its end tag is text.
 */

export type TokenType = 'text' | 'var' | 'block' | 'comment';

export interface Token {
  type: TokenType;
  /** For tags: the content between the delimiters, stripped. For text: the raw text. */
  contents: string;
  /** Offset of the token's first character in the source. */
  offset: number;
  line: number;
  column: number;
}

const CLOSERS: Record<string, string> = { '{%': '%}', '{{': '}}', '{#': '#}' };

/**
 * Finds tags as Django's regex `{%.*?%}|{{.*?}}|{#.*?#}` does (a tag ends at the first closing
 * delimiter and never spans a line), in linear time: for each kind of tag the next closing
 * delimiter is remembered, so a line full of unclosed openers is not rescanned for each one.
 */
function* findTags(source: string): Generator<{ index: number; end: number }> {
  const nextClose: Record<string, number> = { '%}': -2, '}}': -2, '#}': -2 };
  let lineEnd = -1;
  for (let i = source.indexOf('{'); i !== -1 && i < source.length - 1; ) {
    const closer = CLOSERS[source.substr(i, 2)];
    if (closer) {
      if (i > lineEnd) {
        lineEnd = source.indexOf('\n', i);
        if (lineEnd === -1) lineEnd = source.length;
      }
      if (nextClose[closer] !== -1 && nextClose[closer] < i + 2) nextClose[closer] = source.indexOf(closer, i + 2);
      const close = nextClose[closer];
      if (close !== -1 && close < lineEnd) {
        yield { index: i, end: close + 2 };
        i = source.indexOf('{', close + 2);
        continue;
      }
    }
    i = source.indexOf('{', i + 1);
  }
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let verbatimEnd: string | false = false;
  let upto = 0;

  const push = (type: TokenType, contents: string, offset: number, raw: string): void => {
    tokens.push({ type, contents, offset, line, column: offset - lineStart + 1 });
    // Advance the line counter past the raw text of this token.
    for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) {
      line++;
      lineStart = offset + i + 1;
    }
  };

  const pushTag = (raw: string, offset: number): void => {
    const inner = raw.slice(2, -2).trim();
    if (raw.startsWith('{%') && verbatimEnd && inner === verbatimEnd) verbatimEnd = false;
    if (verbatimEnd) return push('text', raw, offset, raw);
    if (raw.startsWith('{{')) return push('var', inner, offset, raw);
    if (raw.startsWith('{%')) {
      if (inner === 'verbatim' || inner.startsWith('verbatim ')) verbatimEnd = 'end' + inner;
      return push('block', inner, offset, raw);
    }
    return push('comment', inner, offset, raw);
  };

  for (const { index, end } of findTags(source)) {
    if (index > upto) push('text', source.slice(upto, index), upto, source.slice(upto, index));
    pushTag(source.slice(index, end), index);
    upto = end;
  }
  if (upto < source.length) push('text', source.slice(upto), upto, source.slice(upto));
  return tokens;
}

/**
 * Django's smart_split as used by Token.split_contents: splits on whitespace, keeping quoted
 * strings (with backslash escapes) together, and re-joining `_("...")` translation markers.
 */
export function splitContents(contents: string): string[] {
  const bits: string[] = [];
  const re = /((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+)|\S+)/g;
  for (let m = re.exec(contents); m !== null; m = re.exec(contents)) bits.push(m[0]);
  // split_contents re-joins a translated string that smart_split cut at a space.
  const out: string[] = [];
  for (let i = 0; i < bits.length; i++) {
    let bit = bits[i];
    if (bit.startsWith('_("') || bit.startsWith("_('")) {
      const sentinel = bit[2] + ')';
      const parts = [bit];
      while (!bit.endsWith(sentinel) && i + 1 < bits.length) {
        bit = bits[++i];
        parts.push(bit);
      }
      bit = parts.join(' ');
    }
    out.push(bit);
  }
  return out;
}
