import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinFilters } from '../../src/filters/index.js';
import { isSafe, markSafe } from '../../src/safe.js';
import { apply, lit } from './helpers.js';

test('addslashes escapes backslashes and both quotes', () => {
  assert.equal(apply('addslashes', `"double quotes" and 'single quotes'`), `\\"double quotes\\" and \\'single quotes\\'`);
  assert.equal(apply('addslashes', '\\ : backslashes, too'), '\\\\ : backslashes, too');
});

test('capfirst upper-cases only the first character', () => {
  assert.equal(apply('capfirst', 'hello world'), 'Hello world');
  assert.equal(apply('capfirst', 'hELLO'), 'HELLO');
  assert.equal(apply('capfirst', ''), '');
  assert.equal(apply('capfirst', 'ßx'), 'SSx');
});

test('center, ljust and rjust follow the Python str methods', () => {
  assert.equal(apply('center', 'test', 6), ' test ');
  assert.equal(apply('center', 'abc', 6), ' abc  ');
  assert.equal(apply('center', 'ab', 7), '   ab  ');
  assert.equal(apply('center', 'abcdef', 2), 'abcdef');
  assert.equal(apply('ljust', 'test', 10), 'test      ');
  assert.equal(apply('rjust', 'test', lit('6')), '  test');
  assert.equal(apply('ljust', 7, 4), '7   ');
  assert.equal(apply('rjust', 'é', 3), '  é');
});

test('the padding filters raise on a bad width, as Django does', () => {
  assert.throws(() => apply('ljust', 'x', lit('wide')), { name: 'ValueError' });
  assert.throws(() => apply('center', 'x', null), { name: 'TypeError' });
});

test('cut removes every occurrence and keeps safety unless ";" is cut', () => {
  assert.equal(apply('cut', 'a string to be mangled', lit('a')), ' string to be mngled');
  assert.equal(apply('cut', 'a string to be mangled', lit('ng')), 'a stri to be maled');
  const safe = apply('cut', markSafe('<b>x</b>'), lit('x'));
  assert.ok(isSafe(safe));
  assert.equal(String(safe), '<b></b>');
  assert.equal(isSafe(apply('cut', markSafe('&amp;'), lit(';'))), false);
});

test('lower and upper; only lower keeps a safe string safe', () => {
  assert.equal(apply('lower', 'HeLLo WORLD'), 'hello world');
  assert.equal(apply('lower', '\u0130'), 'i\u0307');
  assert.equal(apply('upper', 'Mixed case input'), 'MIXED CASE INPUT');
  assert.equal(apply('upper', '\u00eb'), '\u00cb');
  assert.ok(isSafe(apply('lower', markSafe('<B>'))));
  assert.equal(isSafe(apply('upper', markSafe('<b>'))), false);
});

test('title fixes apostrophes and ordinals after str.title()', () => {
  assert.equal(apply('title', "a nice title, isn't it?"), "A Nice Title, Isn't It?");
  assert.equal(apply('title', 'discoth\u00e8que'), 'Discoth\u00e8que');
  assert.equal(apply('title', '1st 2nd 3rd'), '1st 2nd 3rd');
  assert.equal(apply('title', "o'neil mcdonald's"), "O'Neil Mcdonald's");
  assert.equal(apply('title', 'x_y z-w'), 'X_Y Z-W');
});

test('make_list splits str() of the value into characters', () => {
  assert.deepEqual(apply('make_list', 'abc'), ['a', 'b', 'c']);
  assert.deepEqual(apply('make_list', 1234), ['1', '2', '3', '4']);
  assert.deepEqual(apply('make_list', 'a😀'), ['a', '😀']);
});

test('slugify transliterates, lower-cases and hyphenates', () => {
  assert.equal(
    apply('slugify', ' Jack & Jill like numbers 1,2,3 and 4 and silly characters ?%.$!/'),
    'jack-jill-like-numbers-123-and-4-and-silly-characters',
  );
  assert.equal(apply('slugify', "Un \u00e9l\u00e9phant \u00e0 l'or\u00e9e du bois"), 'un-elephant-a-loree-du-bois');
  assert.equal(apply('slugify', '__x--y__'), 'x-y');
  assert.equal(apply('slugify', '\u00bd ﬁne'), '12-fine');
});

test('stringformat applies one Python % conversion', () => {
  assert.equal(apply('stringformat', 1, lit('03d')), '001');
  assert.equal(apply('stringformat', [1, null], lit('s')), '[1, None]');
  assert.equal(apply('stringformat', 3.14159, lit('.2f')), '3.14');
  assert.equal(apply('stringformat', 0.125, lit('.2f')), '0.12');
  assert.equal(apply('stringformat', 255, lit('#x')), '0xff');
  assert.equal(apply('stringformat', 12345.678, lit('e')), '1.234568e+04');
  assert.equal(apply('stringformat', 'ab', lit('r')), "'ab'");
  assert.equal(apply('stringformat', 'x', lit('5s')), '    x');
  assert.equal(apply('stringformat', 'x', lit('-5s|')), 'x    |');
  assert.equal(apply('stringformat', 0.0001, lit('g')), '0.0001');
  assert.equal(apply('stringformat', 1e-5, lit('g')), '1e-05');
});

test('stringformat gives "" where Python raises ValueError or TypeError', () => {
  assert.equal(apply('stringformat', 1, lit('z')), '');
  assert.equal(apply('stringformat', 'text', lit('d')), '');
  assert.equal(apply('stringformat', 2.5, lit('x')), '');
  assert.equal(apply('stringformat', 1, lit('s %s')), '');
  assert.equal(apply('stringformat', 1, lit('%')), '');
});

test('wordcount counts whitespace-separated words', () => {
  assert.equal(apply('wordcount', ''), 0);
  assert.equal(apply('wordcount', 'oneword'), 1);
  assert.equal(apply('wordcount', 'lots of words'), 3);
  assert.equal(apply('wordcount', 'a\u3000b\u00a0c'), 3);
});

test('wordwrap breaks at spaces and leaves long words whole', () => {
  assert.equal(
    apply('wordwrap', "this is a long paragraph of text that really needs to be wrapped I'm afraid", 14),
    "this is a long\nparagraph of\ntext that\nreally needs\nto be wrapped\nI'm afraid",
  );
  assert.equal(apply('wordwrap', 'abcdefgh ij', 3), 'abcdefgh\nij');
  assert.equal(apply('wordwrap', 'line one\nline two words', 6), 'line\none\nline\ntwo\nwords');
  assert.equal(apply('wordwrap', 'a\r\nbb cc', 2), 'a\r\nbb\ncc');
});

test('phone2numeric maps letters to keypad digits and needs a str', () => {
  assert.equal(apply('phone2numeric', '0800 flowers'), '0800 3569377');
  assert.equal(apply('phone2numeric', 'ABC-xyz'), '222-999');
  assert.throws(() => apply('phone2numeric', 5), { name: 'AttributeError' });
});

test('iriencode quotes only what an IRI cannot hold', () => {
  assert.equal(apply('iriencode', 'S\u00f8r-Tr\u00f8ndelag'), 'S%C3%B8r-Tr%C3%B8ndelag');
  assert.equal(apply('iriencode', 'fran\u00e7ois & jill'), 'fran%C3%A7ois%20&%20jill');
  assert.equal(apply('iriencode', 'http://x.com/?q="quoted"#frag'), 'http://x.com/?q=%22quoted%22#frag');
});

test('urlencode keeps "/" by default and takes another safe set', () => {
  assert.equal(apply('urlencode', 'fran\u00e7ois & jill'), 'fran%C3%A7ois%20%26%20jill');
  assert.equal(apply('urlencode', 1), '1');
  assert.equal(apply('urlencode', '/test&"/me?/', lit('')), '%2Ftest%26%22%2Fme%3F%2F');
  assert.equal(apply('urlencode', '/test/escape/', lit('/')), '/test/escape/');
  assert.equal(apply('urlencode', 'a&b=c', lit('&=')), 'a&b=c');
  assert.equal(builtinFilters.urlencode.arg, 'optional');
});

test('linenumbers zero-pads to the widest number and escapes when autoescaping', () => {
  assert.equal(String(apply('linenumbers', 'line 1\nline 2')), '1. line 1\n2. line 2');
  const ten = String(apply('linenumbers', Array(10).fill('x').join('\n')));
  assert.ok(ten.startsWith('01. x\n02. x'));
  assert.ok(ten.endsWith('\n10. x'));
  assert.equal(String(apply('linenumbers', '<a>\n&', undefined, true)), '1. &lt;a&gt;\n2. &amp;');
  assert.equal(String(apply('linenumbers', '<a>', undefined, false)), '1. <a>');
  assert.equal(String(apply('linenumbers', markSafe('<a>'), undefined, true)), '1. <a>');
  assert.ok(isSafe(apply('linenumbers', 'x')));
});

test('truncatechars counts the ellipsis in the length', () => {
  assert.equal(apply('truncatechars', 'Testing, testing', 7), 'Testin\u2026');
  assert.equal(apply('truncatechars', 'Testing', 7), 'Testing');
  assert.equal(apply('truncatechars', 'Testing', 0), '\u2026');
  assert.equal(apply('truncatechars', 'Testing', lit('x')), 'Testing');
  // Combining characters are not counted, and the text is NFC-normalized.
  assert.equal(apply('truncatechars', 'cafe\u0301 noir', 5), 'caf\u00e9\u2026');
  assert.equal(apply('truncatechars', 'e\u0301', 5), '\u00e9');
});

test('truncatewords keeps whole words and appends " …"', () => {
  assert.equal(apply('truncatewords', 'A sentence with a few words in it', 1), 'A \u2026');
  assert.equal(apply('truncatewords', 'A sentence with a few words in it', 5), 'A sentence with a few \u2026');
  assert.equal(apply('truncatewords', 'A sentence with a few words in it', 100), 'A sentence with a few words in it');
  assert.equal(apply('truncatewords', 'A sentence with a few words in it', lit('not a number')), 'A sentence with a few words in it');
  assert.equal(apply('truncatewords', 'a  b\nc', 5), 'a b c');
});

test('argument counts match Django', () => {
  const required = ['center', 'cut', 'ljust', 'rjust', 'stringformat', 'truncatechars', 'truncatewords', 'wordwrap'];
  for (const name of required) assert.equal(builtinFilters[name].arg, 'required', name);
  const none = ['addslashes', 'capfirst', 'iriencode', 'linenumbers', 'lower', 'make_list', 'phone2numeric', 'slugify', 'title', 'upper', 'wordcount'];
  for (const name of none) assert.equal(builtinFilters[name].arg, 'none', name);
});
