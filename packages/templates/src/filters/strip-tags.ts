/**
 * django.utils.html.strip_tags: Python 3.11's html.parser.HTMLParser (convert_charrefs off)
 * keeping only text and character references, run until no more tags come off. The
 * parser is ported step by step because its quirks decide what survives: unclosed tags at
 * the end stay as text, script/style bodies stay, references get their ';' back.
 */
import { PY_SPACE, pyStrip } from './py-convert.js';
import { PyAssertionError } from './py-errors.js';

const S = `[${PY_SPACE}]`;
const STARTTAG_OPEN = /<[a-zA-Z]/y;
const CHARREF = /&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]/y;
const ENTITYREF = /&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]/y;
const INCOMPLETE = /&[a-zA-Z#]/y;
const INTERESTING_NORMAL = /[&<]/g;
const TAGFIND = new RegExp(`([a-zA-Z][^\\t\\n\\r\\f />\\x00]*)(?:${S}|/(?!>))*`, 'y');
const ATTRFIND = new RegExp(
  `((?<=['"${PY_SPACE}/])[^${PY_SPACE}/>][^${PY_SPACE}/=>]*)(${S}*=+${S}*('[^']*'|"[^"]*"|(?!['"])[^>${PY_SPACE}]*))?(?:${S}|/(?!>))*`,
  'y',
);
const LOCATE_STARTTAG_END = new RegExp(
  `<[a-zA-Z][^\\t\\n\\r\\f />\\x00]*(?:[${PY_SPACE}/]*(?:(?<=['"${PY_SPACE}/])[^${PY_SPACE}/>][^${PY_SPACE}/=>]*` +
    `(?:${S}*=+${S}*(?:'[^']*'|"[^"]*"|(?!['"])[^>${PY_SPACE}]*)${S}*)?(?:${S}|/(?!>))*)*)?${S}*`,
  'y',
);
const ENDTAGFIND = new RegExp(`</${S}*([a-zA-Z][-.a-zA-Z0-9:_]*)${S}*>`, 'y');
const COMMENT_CLOSE = new RegExp(`--${S}*>`, 'g');
const DECLNAME = new RegExp(`[a-zA-Z][-_.a-zA-Z0-9]*${S}*`, 'y');
const MARKED_CLOSE = new RegExp(`]${S}*]${S}*>`, 'g');
const MS_MARKED_CLOSE = new RegExp(`]${S}*>`, 'g');
const CDATA_ELEMENTS = new Set(['script', 'style']);

function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Start index of the first match at or after pos, or -1. */
function searchFrom(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** HTMLParser with MLStripper's handlers: text and references are collected, markup dropped. */
class Stripper {
  private rawdata = '';
  private interesting: RegExp = INTERESTING_NORMAL;
  private cdataElem: string | undefined;
  readonly fed: string[] = [];

  feed(data: string): void {
    this.rawdata += data;
    this.goahead(false);
  }

  close(): void {
    this.goahead(true);
  }

  private data(text: string): void {
    this.fed.push(text);
  }

  private goahead(end: boolean): void {
    const raw = this.rawdata;
    const n = raw.length;
    let i = 0;
    while (i < n) {
      const found = searchFrom(this.interesting, raw, i);
      let j: number;
      if (found) j = found.index;
      else if (this.cdataElem) break;
      else j = n;
      if (i < j) this.data(raw.slice(i, j));
      i = j;
      if (i === n) break;
      if (raw.startsWith('<', i)) {
        let k = this.parseMarkup(i, n);
        if (k === undefined) break;
        if (k < 0) {
          if (!end) break;
          k = this.recoverEnd(i);
        }
        i = k;
      } else if (raw.startsWith('&#', i)) {
        const m = matchAt(CHARREF, raw, i);
        if (m) {
          this.data(`&#${m[0].slice(2, -1)};`);
          i = m[0].endsWith(';') ? i + m[0].length : i + m[0].length - 1;
          continue;
        }
        if (raw.slice(i).includes(';')) {
          // bail by consuming '&#'
          this.data(raw.slice(i, i + 2));
          i += 2;
        }
        break;
      } else {
        const m = matchAt(ENTITYREF, raw, i);
        if (m) {
          this.data(`&${m[1]};`);
          i = m[0].endsWith(';') ? i + m[0].length : i + m[0].length - 1;
          continue;
        }
        const inc = matchAt(INCOMPLETE, raw, i);
        if (inc) {
          if (end && inc[0] === raw.slice(i)) i += 1;
          break;
        } else if (i + 1 < n) {
          this.data('&');
          i += 1;
        } else {
          break;
        }
      }
    }
    if (end && i < n && !this.cdataElem) {
      this.data(raw.slice(i, n));
      i = n;
    }
    this.rawdata = raw.slice(i);
  }

  /** Where a construct starting with '<' ends: -1 when unterminated, undefined to stop. */
  private parseMarkup(i: number, n: number): number | undefined {
    const raw = this.rawdata;
    if (matchAt(STARTTAG_OPEN, raw, i)) return this.parseStarttag(i);
    if (raw.startsWith('</', i)) return this.parseEndtag(i);
    if (raw.startsWith('<!--', i)) return this.parseComment(i);
    if (raw.startsWith('<?', i)) return this.parsePi(i);
    if (raw.startsWith('<!', i)) return this.parseHtmlDeclaration(i);
    if (i + 1 < n) {
      this.data('<');
      return i + 1;
    }
    return undefined;
  }

  /** At end of input an unterminated construct becomes text up to the next '>' or '<'. */
  private recoverEnd(i: number): number {
    const raw = this.rawdata;
    let k = raw.indexOf('>', i + 1);
    if (k < 0) {
      k = raw.indexOf('<', i + 1);
      if (k < 0) k = i + 1;
    } else {
      k += 1;
    }
    this.data(raw.slice(i, k));
    return k;
  }

  private parseHtmlDeclaration(i: number): number {
    const raw = this.rawdata;
    if (raw.startsWith('<![', i)) return this.parseMarkedSection(i);
    if (raw.slice(i, i + 9).toLowerCase() === '<!doctype') {
      const gt = raw.indexOf('>', i + 9);
      return gt < 0 ? -1 : gt + 1;
    }
    return this.parseBogusComment(i);
  }

  private parseBogusComment(i: number): number {
    const pos = this.rawdata.indexOf('>', i + 2);
    return pos < 0 ? -1 : pos + 1;
  }

  private parseComment(i: number): number {
    const m = searchFrom(COMMENT_CLOSE, this.rawdata, i + 4);
    return m ? m.index + m[0].length : -1;
  }

  private parsePi(i: number): number {
    const gt = this.rawdata.indexOf('>', i + 2);
    return gt < 0 ? -1 : gt + 1;
  }

  private parseMarkedSection(i: number): number {
    const raw = this.rawdata;
    const j = i + 3;
    if (j === raw.length) return -1;
    const m = matchAt(DECLNAME, raw, j);
    if (!m) throw new PyAssertionError(`expected name token at ${JSON.stringify(raw.slice(i, i + 20))}`);
    if (j + m[0].length === raw.length) return -1;
    const name = pyStrip(m[0]).toLowerCase();
    let close: RegExp;
    if (['temp', 'cdata', 'ignore', 'include', 'rcdata'].includes(name)) close = MARKED_CLOSE;
    else if (['if', 'else', 'endif'].includes(name)) close = MS_MARKED_CLOSE;
    else throw new PyAssertionError(`unknown status keyword ${JSON.stringify(raw.slice(j, j + m[0].length))} in marked section`);
    const found = searchFrom(close, raw, j);
    return found ? found.index + found[0].length : -1;
  }

  private parseStarttag(i: number): number {
    const raw = this.rawdata;
    const endpos = this.checkForWholeStartTag(i);
    if (endpos < 0) return endpos;
    const tagMatch = matchAt(TAGFIND, raw, i + 1) as RegExpExecArray;
    let k = i + 1 + tagMatch[0].length;
    const tag = tagMatch[1].toLowerCase();
    while (k < endpos) {
      const m = matchAt(ATTRFIND, raw, k);
      if (!m) break;
      k += m[0].length;
    }
    const rest = pyStrip(raw.slice(k, endpos));
    if (rest !== '>' && rest !== '/>') {
      this.data(raw.slice(i, endpos));
      return endpos;
    }
    if (!rest.endsWith('/>') && CDATA_ELEMENTS.has(tag)) {
      this.cdataElem = tag;
      this.interesting = new RegExp(`</${S}*${tag}${S}*>`, 'gi');
    }
    return endpos;
  }

  private checkForWholeStartTag(i: number): number {
    const raw = this.rawdata;
    const m = matchAt(LOCATE_STARTTAG_END, raw, i) as RegExpExecArray;
    const j = i + m[0].length;
    const next = raw.slice(j, j + 1);
    if (next === '>') return j + 1;
    if (next === '/') {
      if (raw.startsWith('/>', j)) return j + 2;
      if (raw.startsWith('/', j)) return -1;
      return j > i ? j : i + 1;
    }
    if (next === '') return -1;
    if (/[a-zA-Z=/]/.test(next)) return -1;
    return j > i ? j : i + 1;
  }

  private parseEndtag(i: number): number {
    const raw = this.rawdata;
    const gt = raw.indexOf('>', i + 1);
    if (gt < 0) return -1;
    const gtpos = gt + 1;
    const m = matchAt(ENDTAGFIND, raw, i);
    if (!m) {
      if (this.cdataElem !== undefined) {
        this.data(raw.slice(i, gtpos));
        return gtpos;
      }
      const name = matchAt(TAGFIND, raw, i + 2);
      if (!name) return raw.startsWith('</>', i) ? i + 3 : this.parseBogusComment(i);
      return raw.indexOf('>', i + 2 + name[0].length) + 1;
    }
    const elem = m[1].toLowerCase();
    if (this.cdataElem !== undefined && elem !== this.cdataElem) {
      this.data(raw.slice(i, gtpos));
      return gtpos;
    }
    this.cdataElem = undefined;
    this.interesting = INTERESTING_NORMAL;
    return gtpos;
  }
}

function stripOnce(value: string): string {
  const s = new Stripper();
  s.feed(value);
  s.close();
  return s.fed.join('');
}

function countLt(s: string): number {
  return s.split('<').length - 1;
}

/** django.utils.html.strip_tags. */
export function stripTags(input: string): string {
  let value = input;
  while (value.includes('<') && value.includes('>')) {
    const next = stripOnce(value);
    // Stop once a pass removes no more tags.
    if (countLt(value) === countLt(next)) break;
    value = next;
  }
  return value;
}
