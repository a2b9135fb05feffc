/** Fenced code blocks of a Markdown file, with their line numbers and neighbours. */

export interface FencedBlock {
  /** The first word of the info string ('' when there is none). */
  info: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The block's text, without the fences and without the last newline. */
  body: string;
  /** The HTML comment directly above the fence (blank lines between allowed), if any. */
  commentAbove?: string;
  /** Index (in the file's block list) of the block directly below, blank lines between allowed. */
  next?: number;
  /** Index of the block directly above, blank lines between allowed. */
  previous?: number;
}

const OPEN = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;

/** Parses every fenced block; an unclosed fence runs to the end of the file, as CommonMark says. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  /** For each block: the line index after its closing fence. */
  const ends: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]); j++) body.push(stripIndent(lines[j], indent.length));
    const block: FencedBlock = { info, line: i + 1, body: body.join('\n') };
    const comment = commentEndingAt(lines, i - 1);
    if (comment !== undefined) block.commentAbove = comment;
    const prevIndex = blocks.length - 1;
    if (prevIndex >= 0 && onlyBlank(lines, ends[prevIndex], i)) {
      block.previous = prevIndex;
      blocks[prevIndex].next = blocks.length;
    }
    blocks.push(block);
    ends.push(j + 1);
    i = j;
  }
  return blocks;
}

function stripIndent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && line[n] === ' ') n++;
  return line.slice(n);
}

function onlyBlank(lines: string[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (lines[k].trim() !== '') return false;
  return true;
}

/** The text of an HTML comment whose `-->` ends the last non-blank line at or above `at`. */
function commentEndingAt(lines: string[], at: number): string | undefined {
  let end = at;
  while (end >= 0 && lines[end].trim() === '') end--;
  if (end < 0 || !lines[end].trimEnd().endsWith('-->')) return undefined;
  let start = end;
  while (start >= 0 && !lines[start].includes('<!--')) start--;
  if (start < 0) return undefined;
  const text = lines.slice(start, end + 1).join('\n');
  return text.slice(text.indexOf('<!--') + 4, text.lastIndexOf('-->')).trim();
}
