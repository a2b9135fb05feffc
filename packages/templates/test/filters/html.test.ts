import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinFilters } from '../../src/filters/index.js';
import { isSafe, markSafe } from '../../src/safe.js';
import { Decimal, PyDate } from '../../src/values.js';
import { apply, lit, render } from './helpers.js';

test('escape escapes plain text once and leaves safe text alone', () => {
  const out = apply('escape', '<b>"x" & \'y\'</b>');
  assert.ok(isSafe(out));
  assert.equal(String(out), '&lt;b&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/b&gt;');
  assert.equal(String(apply('escape', markSafe('<b>&amp;</b>'))), '<b>&amp;</b>');
  assert.equal(String(apply('escape', apply('escape', '<'))), '&lt;');
});

test('force_escape always escapes, even safe text', () => {
  assert.equal(String(apply('force_escape', markSafe('<b>'))), '&lt;b&gt;');
  assert.equal(String(apply('force_escape', apply('force_escape', '<&>'))), '&amp;lt;&amp;amp;&amp;gt;');
  assert.ok(isSafe(apply('force_escape', 'x')));
});

test('escapejs writes the unsafe characters as \\uXXXX', () => {
  assert.equal(String(apply('escapejs', `"double quotes" and 'single quotes'`)), '\\u0022double quotes\\u0022 and \\u0027single quotes\\u0027');
  assert.equal(String(apply('escapejs', '\\ : backslashes, too')), '\\u005C : backslashes, too');
  assert.equal(
    String(apply('escapejs', 'and lots of whitespace: \r\n\t\v\f\b')),
    'and lots of whitespace: \\u000D\\u000A\\u0009\\u000B\\u000C\\u0008',
  );
  assert.equal(String(apply('escapejs', '<script>and this</script>')), '\\u003Cscript\\u003Eand this\\u003C/script\\u003E');
  assert.equal(String(apply('escapejs', 'paragraph separator:\u2029and line separator:\u2028')), 'paragraph separator:\\u2029and line separator:\\u2028');
  assert.ok(isSafe(apply('escapejs', 'x')));
});

test('safe marks text safe and safeseq marks each item', () => {
  assert.ok(isSafe(apply('safe', '<b>')));
  assert.equal(render(apply('safe', '<b>')), '<b>');
  const items = apply('safeseq', ['<b>', 1, null]) as unknown[];
  assert.deepEqual(items.map(String), ['<b>', '1', 'None']);
  assert.ok(items.every(isSafe));
});

test('striptags removes tags and comments but keeps script text', () => {
  assert.equal(
    apply('striptags', 'some <b>html</b> with <script>alert("You smell")</script> disallowed <img /> tags'),
    'some html with alert("You smell") disallowed  tags',
  );
  assert.equal(apply('striptags', 'x<!-- comment -->y'), 'xy');
  assert.equal(apply('striptags', '<p>a &amp b</p>'), 'a &amp; b');
  assert.equal(apply('striptags', 'a < b > c'), 'a < b > c');
  assert.equal(apply('striptags', '<<b>b>x</b>'), 'x');
  assert.equal(apply('striptags', '<p>unclosed'), 'unclosed');
  assert.equal(apply('striptags', 'a<b'), 'a<b');
});

test('linebreaks makes paragraphs and <br>, escaping unless safe or autoescape is off', () => {
  assert.equal(String(apply('linebreaks', 'line 1')), '<p>line 1</p>');
  assert.equal(String(apply('linebreaks', 'line 1\nline 2')), '<p>line 1<br>line 2</p>');
  assert.equal(String(apply('linebreaks', 'line 1\r\nline 2')), '<p>line 1<br>line 2</p>');
  assert.equal(String(apply('linebreaks', 'a\n\n\nb')), '<p>a</p>\n\n<p>b</p>');
  assert.equal(String(apply('linebreaks', '<a>')), '<p>&lt;a&gt;</p>');
  assert.equal(String(apply('linebreaks', '<a>', undefined, false)), '<p><a></p>');
  assert.equal(String(apply('linebreaks', markSafe('<a>'))), '<p><a></p>');
  assert.equal(String(apply('linebreaks', '')), '<p></p>');
});

test('linebreaksbr turns every newline into <br>', () => {
  assert.equal(String(apply('linebreaksbr', 'x\r\ny\rz')), 'x<br>y<br>z');
  assert.equal(String(apply('linebreaksbr', '<a>\n&')), '&lt;a&gt;<br>&amp;');
  assert.equal(String(apply('linebreaksbr', '<a>\n&', undefined, false)), '<a><br>&');
});

test('json_script escapes <, > and & inside a script element', () => {
  const out = apply('json_script', { a: 'testing\r\njson \'string" <b>escaping</b>' }, lit('test_id'));
  assert.ok(isSafe(out));
  assert.equal(
    String(out),
    '<script id="test_id" type="application/json">{"a": "testing\\r\\njson \'string\\" \\u003Cb\\u003Eescaping\\u003C/b\\u003E"}</script>',
  );
  assert.equal(
    String(apply('json_script', [1, 2.5, null, true, 'é'], '<id>')),
    '<script id="&lt;id&gt;" type="application/json">[1, 2.5, null, true, "\\u00e9"]</script>',
  );
  assert.equal(
    String(apply('json_script', { d: new PyDate(2024, 1, 5), n: Decimal.parse('1.50') }, lit('x'))),
    '<script id="x" type="application/json">{"d": "2024-01-05", "n": "1.50"}</script>',
  );
  assert.equal(builtinFilters.json_script.arg, 'required');
});

test('urlize links URLs, www. names and e-mail addresses', () => {
  assert.equal(String(apply('urlize', 'http://google.com')), '<a href="http://google.com" rel="nofollow">http://google.com</a>');
  assert.equal(String(apply('urlize', 'www.google.com')), '<a href="http://www.google.com" rel="nofollow">www.google.com</a>');
  assert.equal(String(apply('urlize', 'djangoproject.org')), '<a href="http://djangoproject.org" rel="nofollow">djangoproject.org</a>');
  assert.equal(String(apply('urlize', 'info@djangoproject.org')), '<a href="mailto:info@djangoproject.org">info@djangoproject.org</a>');
  assert.equal(String(apply('urlize', 'go to example.com.')), 'go to <a href="http://example.com" rel="nofollow">example.com</a>.');
});

test('urlize trims wrapping punctuation and quotes query strings', () => {
  assert.equal(String(apply('urlize', '(see www.example.com)')), '(see <a href="http://www.example.com" rel="nofollow">www.example.com</a>)');
  assert.equal(
    String(apply('urlize', 'http://example.com/?a=x y')),
    '<a href="http://example.com/?a=x" rel="nofollow">http://example.com/?a=x</a> y',
  );
  assert.equal(
    String(apply('urlize', 'see https://example.com/a?b=1&c=2')),
    'see <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow">https://example.com/a?b=1&amp;c=2</a>',
  );
  assert.equal(
    String(apply('urlize', 'http://例子.测试/路径')),
    '<a href="http://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84" rel="nofollow">http://例子.测试/路径</a>',
  );
});

test('urlize escapes the text around links only when autoescaping unsafe input', () => {
  assert.equal(String(apply('urlize', 'a <b> & http://x.io/', undefined, false)), 'a <b> & <a href="http://x.io/" rel="nofollow">http://x.io/</a>');
  assert.equal(String(apply('urlize', 'a <b> & http://x.io/')), 'a &lt;b&gt; &amp; <a href="http://x.io/" rel="nofollow">http://x.io/</a>');
  assert.equal(String(apply('urlize', markSafe('<i>x</i> xy.com x.com'))), '<i>x</i> <a href="http://xy.com" rel="nofollow">xy.com</a> x.com');
});

test('urlizetrunc shortens the link text with an ellipsis', () => {
  const uri = 'http://31characteruri.com/test/';
  assert.equal(String(apply('urlizetrunc', uri, 31)), `<a href="${uri}" rel="nofollow">${uri}</a>`);
  assert.equal(String(apply('urlizetrunc', uri, 30)), `<a href="${uri}" rel="nofollow">http://31characteruri.com/tes\u2026</a>`);
  assert.equal(String(apply('urlizetrunc', uri, 1)), `<a href="${uri}" rel="nofollow">\u2026</a>`);
  assert.throws(() => apply('urlizetrunc', uri, lit('x')), { name: 'ValueError' });
});

test('unordered_list nests lists that follow an item', () => {
  assert.equal(String(apply('unordered_list', ['item 1', 'item 2'])), '\t<li>item 1</li>\n\t<li>item 2</li>');
  assert.equal(String(apply('unordered_list', ['item 1', ['item 1.1']])), '\t<li>item 1\n\t<ul>\n\t\t<li>item 1.1</li>\n\t</ul>\n\t</li>');
  assert.equal(
    String(apply('unordered_list', ['item1', ['item 1.1', 'item1.2'], 'item 2'])),
    '\t<li>item1\n\t<ul>\n\t\t<li>item 1.1</li>\n\t\t<li>item1.2</li>\n\t</ul>\n\t</li>\n\t<li>item 2</li>',
  );
  assert.equal(String(apply('unordered_list', ['a', []])), '\t<li>a</li>');
});

test('unordered_list escapes items only when autoescaping', () => {
  assert.equal(String(apply('unordered_list', ['<a>item 1</a>', 'item 2'])), '\t<li>&lt;a&gt;item 1&lt;/a&gt;</li>\n\t<li>item 2</li>');
  assert.equal(String(apply('unordered_list', ['<a>item 1</a>', 'item 2'], undefined, false)), '\t<li><a>item 1</a></li>\n\t<li>item 2</li>');
  assert.equal(String(apply('unordered_list', [markSafe('<i>x</i>'), 'y'])), '\t<li><i>x</i></li>\n\t<li>y</li>');
});

test('truncatechars_html keeps tags out of the count and closes them', () => {
  const html = '<p>one <a href="#">two - three <br>four</a> five</p>';
  assert.equal(apply('truncatechars_html', html, 0), '\u2026');
  assert.equal(apply('truncatechars_html', html, 2), '<p>o\u2026</p>');
  assert.equal(apply('truncatechars_html', html, 4), '<p>one\u2026</p>');
  assert.equal(apply('truncatechars_html', html, 100), html);
  assert.equal(apply('truncatechars_html', '<b>\u00c5ngstr\u00f6m</b> was here', 3), '<b>\u00c5n\u2026</b>');
  assert.equal(apply('truncatechars_html', 'a<b>b</b>c', 3), 'a<b>b</b>c');
  assert.equal(apply('truncatechars_html', html, lit('x')), html);
});

test('truncatewords_html counts words outside tags', () => {
  const html = '<p>one <a href="#">two - three <br>four</a> five</p>';
  assert.equal(apply('truncatewords_html', html, 0), '');
  assert.equal(apply('truncatewords_html', html, 2), '<p>one <a href="#">two \u2026</a></p>');
  assert.equal(apply('truncatewords_html', html, 4), '<p>one <a href="#">two - three \u2026</a></p>');
  assert.equal(apply('truncatewords_html', html, 5), '<p>one <a href="#">two - three <br>four \u2026</a></p>');
  assert.equal(apply('truncatewords_html', html, 100), html);
  assert.equal(apply('truncatewords_html', '\u00c5ngstr\u00f6m was here', 1), '\u00c5ngstr\u00f6m \u2026');
  assert.equal(
    apply('truncatewords_html', '<i>Buenos d&iacute;as! &#x00bf;C&oacute;mo est&aacute;?</i>', 3),
    '<i>Buenos d&iacute;as! &#x00bf;C&oacute;mo \u2026</i>',
  );
});
