import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Window } from 'happy-dom';
import { serializeForm } from '../src/form.js';

function form(html: string): HTMLFormElement {
  const win = new Window({ url: 'http://localhost/' });
  win.document.body.innerHTML = `<form id="f">${html}</form>`;
  return win.document.getElementById('f') as unknown as HTMLFormElement;
}

test('text fields, textareas and hidden fields give their values', () => {
  const f = form('<input name="a" value="1"><textarea name="b">two</textarea><input type="hidden" name="c" value="3"><input value="no name">');
  assert.deepEqual(serializeForm(f), { a: '1', b: 'two', c: '3' });
});

test('checkboxes: only checked ones, "on" without a value, a repeated name becomes a list', () => {
  const f = form('<input type="checkbox" name="tag" value="x" checked><input type="checkbox" name="tag" value="y"><input type="checkbox" name="tag" value="z" checked><input type="checkbox" name="agree" checked><input type="checkbox" name="off">');
  assert.deepEqual(serializeForm(f), { tag: ['x', 'z'], agree: 'on' });
});

test('radios: only the checked one of a group; none checked sends nothing', () => {
  const f = form('<input type="radio" name="size" value="s"><input type="radio" name="size" value="m" checked><input type="radio" name="color" value="red">');
  assert.deepEqual(serializeForm(f), { size: 'm' });
});

test('selects: a single select gives its choice, a multiple select every selected option', () => {
  const f = form('<select name="one"><option>a</option><option selected>b</option></select><select name="many" multiple><option value="1" selected>1</option><option value="2">2</option><option value="3" selected>3</option></select><select name="none" multiple><option>q</option></select>');
  assert.deepEqual(serializeForm(f), { one: 'b', many: ['1', '3'] });
});

test('a multiple select with one choice gives a string, as the browser sends one pair', () => {
  const f = form('<select name="many" multiple><option value="1" selected>1</option><option value="2">2</option></select>');
  assert.deepEqual(serializeForm(f), { many: '1' });
});

test('disabled fields, fields in a disabled fieldset, and disabled options are excluded', () => {
  const f = form('<input name="a" value="1" disabled><fieldset disabled><input name="b" value="2"><legend><input name="legend" value="in legend"></legend></fieldset><select name="s"><option disabled selected>x</option><option>y</option></select><input name="c" value="3">');
  const out = serializeForm(f);
  assert.equal(out.a, undefined);
  assert.equal(out.b, undefined);
  assert.equal(out.legend, 'in legend');
  assert.equal(out.c, '3');
});

test('buttons are left out except the submitter, which gives its name and value', () => {
  const f = form('<input name="q" value="x"><button name="action" value="save">Save</button><button name="action" value="delete">Delete</button><input type="submit" name="go" value="Go">');
  assert.deepEqual(serializeForm(f), { q: 'x' });
  const del = f.querySelectorAll('button')[1];
  assert.deepEqual(serializeForm(f, del), { q: 'x', action: 'delete' });
});

test('file inputs are left out (they do not travel in events)', () => {
  const f = form('<input type="file" name="upload"><input name="q" value="1">');
  assert.deepEqual(serializeForm(f), { q: '1' });
});
