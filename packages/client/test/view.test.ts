import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTrees } from '@djust/protocol/tree';
import { page, container, tree, settle } from './support.js';

test('the join carries the view id, the page URL and the container token, on the page socket path', async () => {
  const p = await page(container('<p>0</p>'));
  assert.equal(p.ws().url, 'ws://localhost:3000/djust/socket');
  const join = p.ws().last('join');
  assert.deepEqual({ v: join.v, url: join.url, token: join.token }, { v: 'dj-1', url: '/counter', token: 'tok-dj-1' });
  assert.ok(p.doc.getElementById('dj-1')!.classList.contains('dj-loading'));
});

test('a diff merges into the view tree and the DOM shows the merged HTML', async () => {
  const p = await page(container('<p>0</p><button dj-click="inc">+</button>'));
  const first = tree(['<p>', '</p><button dj-click="inc">+</button>'], ['0']);
  await p.render('dj-1', first);
  const el = p.doc.getElementById('dj-1')!;
  assert.ok(el.classList.contains('dj-connected'));
  (el.querySelector('button') as HTMLButtonElement).click();
  const event = p.ws().last('event');
  assert.deepEqual({ v: event.v, name: event.name }, { v: 'dj-1', name: 'inc' });
  const next = tree(['<p>', '</p><button dj-click="inc">+</button>'], ['1']);
  p.ws().receive({ t: 'reply', ref: event.ref, v: 'dj-1', diff: diffTrees(first, next)! });
  await settle();
  assert.equal(el.querySelector('p')!.textContent, '1');
  assert.equal(p.live.views.get('dj-1')!.tree!.d[0], '1');
});

test('a pushed diff for one view leaves a sibling view alone', async () => {
  const p = await page(container('<p>a</p>', 'one') + container('<p>b</p>', 'two'));
  const a = tree(['<p>', '</p>'], ['a']);
  await p.render('one', a);
  await p.render('two', tree(['<p>', '</p>'], ['b']));
  p.ws().receive({ t: 'diff', v: 'one', diff: { '0': 'A' } });
  await settle();
  assert.equal(p.doc.querySelector('#one p')!.textContent, 'A');
  assert.equal(p.doc.querySelector('#two p')!.textContent, 'b');
});

test('the focused input keeps its value, caret and selection while a diff arrives', async () => {
  const s = ['<input id="q" name="q" value="', '"><p>', '</p>'];
  const p = await page(container('<input id="q" name="q" value=""><p>0</p>'));
  await p.render('dj-1', tree(s, ['', '0']));
  const input = p.doc.getElementById('q') as HTMLInputElement;
  input.focus();
  input.value = 'hello';
  input.setSelectionRange(1, 3);
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'server', '1': '1' } });
  await settle();
  assert.equal(p.doc.getElementById('q'), input);
  assert.equal(input.value, 'hello');
  assert.deepEqual([input.selectionStart, input.selectionEnd], [1, 3]);
  assert.equal(p.doc.querySelector('#dj-1 p')!.textContent, '1');
});

for (const multiple of [false, true]) test(`the focused ${multiple ? 'multiple ' : ''}select keeps the user's choice while a diff rewrites its options`, async () => {
  const s = [`<select id="s" name="s"${multiple ? ' multiple' : ''}><option value="a" selected>a</option><option value="b">b</option><option value="c">`, '</option></select><p>', '</p>'];
  const p = await page(container(''));
  await p.render('dj-1', tree(s, ['c', '0']));
  const select = p.doc.getElementById('s') as HTMLSelectElement;
  select.focus();
  select.options[0].selected = false;
  select.options[2].selected = true;
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'C (3)', '1': '1' } });
  await settle();
  assert.equal(p.doc.querySelector('#dj-1 p')!.textContent, '1');
  assert.equal(select.options[2].textContent, 'C (3)');
  assert.deepEqual([...select.selectedOptions].map((o) => o.value), ['c']);
});

test('a select rendered with no selected option keeps the user\'s choice, or shows its first option once that choice is gone', async () => {
  const s = ['<select id="s" name="s"><option value="a">a</option><option value="b">', '</option>', '</select>'];
  const p = await page(container(''));
  await p.render('dj-1', tree(s, ['b', '<option value="c">c</option>']));
  const select = p.doc.getElementById('s') as HTMLSelectElement;
  select.value = 'c';
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'B (2)' } });
  await settle();
  assert.equal(select.value, 'c');
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '1': '' } });
  await settle();
  assert.equal(select.value, 'a');
});

test('a field that kept the user value over the server one gets the server one with the first patch after blur', async () => {
  const s = ['<input id="q" name="q" value="', '"><p>', '</p>'];
  const p = await page(container('<input id="q" name="q" value=""><p>0</p>'));
  await p.render('dj-1', tree(s, ['', '0']));
  const input = p.doc.getElementById('q') as HTMLInputElement;
  input.focus();
  input.value = 'hello';
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'HELLO', '1': '1' } });
  await settle();
  assert.equal(input.value, 'hello');
  input.blur();
  // This render leaves the field as it was rendered last: its value is still owed.
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '1': '2' } });
  await settle();
  assert.equal(input.value, 'HELLO');
});

test('an unfocused input takes the server value', async () => {
  const s = ['<input id="q" name="q" value="', '">'];
  const p = await page(container('<input id="q" name="q" value="">'));
  await p.render('dj-1', tree(s, ['']));
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'server' } });
  await settle();
  assert.equal((p.doc.getElementById('q') as HTMLInputElement).value, 'server');
});

test('dj-update="ignore" subtrees are left alone; append and prepend containers keep their children', async () => {
  const s = ['<div id="ig" dj-update="ignore">', '</div><ul id="log" dj-update="append">', '</ul><ul id="top" dj-update="prepend">', '</ul>'];
  const p = await page(container(''));
  await p.render('dj-1', tree(s, ['server', '<li id="m1">1</li>', '<li id="t1">1</li>']));
  p.doc.getElementById('ig')!.textContent = 'client';
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'server 2', '1': '<li id="m2">2</li>', '2': '<li id="t2">2</li>' } });
  await settle();
  assert.equal(p.doc.getElementById('ig')!.textContent, 'client');
  assert.deepEqual([...p.doc.querySelectorAll('#log li')].map((li) => li.id), ['m1', 'm2']);
  assert.deepEqual([...p.doc.querySelectorAll('#top li')].map((li) => li.id), ['t2', 't1']);
});

test('an appended child that comes again is updated in place, not duplicated', async () => {
  const s = ['<ul id="log" dj-update="append">', '</ul>'];
  const p = await page(container(''));
  await p.render('dj-1', tree(s, ['<li id="m1">1</li>']));
  const m1 = p.doc.getElementById('m1');
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': '<li id="m1">one</li><li id="m2">2</li>' } });
  await settle();
  assert.deepEqual([...p.doc.querySelectorAll('#log li')].map((li) => li.textContent), ['one', '2']);
  assert.equal(p.doc.getElementById('m1'), m1);
});

test('rows keyed by dj-key keep their elements (and a row input its typed value) when reordered', async () => {
  const row = (k: string) => `<li dj-key="${k}"><input name="n${k}"></li>`;
  const s = ['<ul>', '</ul>'];
  const p = await page(container(''));
  await p.render('dj-1', tree(s, [row('a') + row('b') + row('c')]));
  const [a, b, c] = [...p.doc.querySelectorAll('li')];
  (a.querySelector('input') as HTMLInputElement).value = 'typed';
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': row('c') + row('a') + row('b') } });
  await settle();
  const after = [...p.doc.querySelectorAll('li')];
  assert.deepEqual(after.map((li) => li.getAttribute('dj-key')), ['c', 'a', 'b']);
  assert.ok(after[0] === c && after[1] === a && after[2] === b);
  assert.equal((a.querySelector('input') as HTMLInputElement).value, 'typed');
});

test('<details open> and a scroll position survive a patch', async () => {
  const s = ['<details id="d"><summary>', '</summary>x</details><div id="box" style="overflow:auto;height:10px">', '</div>'];
  const p = await page(container(''));
  await p.render('dj-1', tree(s, ['a', 'tall']));
  const details = p.doc.getElementById('d') as HTMLDetailsElement;
  details.open = true;
  const box = p.doc.getElementById('box')!;
  box.scrollTop = 40;
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': 'b', '1': 'taller' } });
  await settle();
  assert.equal(p.doc.getElementById('d'), details);
  assert.equal(details.open, true);
  assert.equal(details.querySelector('summary')!.textContent, 'b');
  assert.equal(p.doc.getElementById('box'), box);
  assert.equal(box.scrollTop, 40);
});

test("a nested view's container keeps its children when the parent patches, and is joined as its own view", async () => {
  const child = '<div id="chat" data-dj-view="ChatView" data-dj-token="tok-chat" data-dj-parent="dj-1"><p>child</p></div>';
  const p = await page(container(`<h1>0</h1>${child}`));
  const parentTree = tree(['<h1>', '</h1><div id="chat" data-dj-view="ChatView" data-dj-token="tok-chat" data-dj-parent="dj-1"></div>'], ['0']);
  await p.render('dj-1', parentTree);
  assert.equal(p.doc.querySelector('#chat p')!.textContent, 'child');
  assert.equal(p.ws().last('join').v, 'chat');
  await p.render('chat', tree(['<p>', '</p>'], ['child 2']));
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': '1' } });
  await settle();
  assert.equal(p.doc.querySelector('#dj-1 h1')!.textContent, '1');
  assert.equal(p.doc.querySelector('#chat p')!.textContent, 'child 2');
});

test("a nested view's container keeps its status class when the parent patches", async () => {
  const child = '<div id="chat" data-dj-view="ChatView" data-dj-token="tok-chat" data-dj-parent="dj-1"></div>';
  const p = await page(container(`<h1>0</h1>${child}`));
  await p.render('dj-1', tree(['<h1>', `</h1>${child}`], ['0']));
  await p.render('chat', tree(['<p>child</p>']));
  assert.ok(p.doc.getElementById('chat')!.classList.contains('dj-connected'));
  p.ws().receive({ t: 'diff', v: 'dj-1', diff: { '0': '1' } });
  await settle();
  assert.equal(p.doc.querySelector('#dj-1 h1')!.textContent, '1');
  assert.ok(p.doc.getElementById('chat')!.classList.contains('dj-connected'));
});

test('dj-target sends the event to the named view', async () => {
  const p = await page(container('<button dj-click="ping" dj-target="#chat">x</button><div id="chat" data-dj-view="ChatView" data-dj-token="t" data-dj-parent="dj-1"></div>'));
  p.doc.querySelector('button')!.click();
  assert.equal(p.ws().last('event').v, 'chat');
});
