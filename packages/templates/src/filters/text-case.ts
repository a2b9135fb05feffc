/** Python's str.title() and the code-point helpers the string filters share. */

/** Python's "cased" characters: those title() and friends treat as letters with case. */
const CASED = /\p{Cased}/u;

/** Characters whose titlecase differs from their uppercase (the Latin digraphs). */
const TITLECASE: Record<string, string> = {
  '\u01c4': '\u01c5',
  '\u01c5': '\u01c5',
  '\u01c6': '\u01c5',
  '\u01c7': '\u01c8',
  '\u01c8': '\u01c8',
  '\u01c9': '\u01c8',
  '\u01ca': '\u01cb',
  '\u01cb': '\u01cb',
  '\u01cc': '\u01cb',
  '\u01f1': '\u01f2',
  '\u01f2': '\u01f2',
  '\u01f3': '\u01f2',
};

/** A character's titlecase: multi-character uppercase forms keep only their first capital (ß → Ss). */
export function titleChar(ch: string): string {
  const special = TITLECASE[ch];
  if (special !== undefined) return special;
  const upper = [...ch.toUpperCase()];
  return upper[0] + upper.slice(1).join('').toLowerCase();
}

/** str.title(): a cased character after an uncased one starts a word. */
export function pyTitle(text: string): string {
  let out = '';
  let previousCased = false;
  for (const ch of text) {
    out += previousCased ? ch.toLowerCase() : titleChar(ch);
    previousCased = CASED.test(ch);
  }
  return out;
}

/** len() of a str: code points, not UTF-16 units. */
export function pyLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
