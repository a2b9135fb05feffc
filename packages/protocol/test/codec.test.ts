/** Frames in: every bad frame is a decode error with a stable code, never an exception. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERR, T, decodeClientMessage, decodeServerMessage, encode, withoutPrototypes } from '../src/index.js';

const code = (frame: string): string | undefined => {
  const d = decodeClientMessage(frame);
  return d.ok ? undefined : d.code;
};

test('valid client messages decode as they were sent', () => {
  const msgs = [
    { t: T.JOIN, ref: 1, v: 'dj-1', token: 'a.b', url: '/x?y=1', forms: { validate: { email: 'a@b', tags: ['x', 'y'] } } },
    { t: T.JOIN, ref: 5, v: 'dj-2', nav: 'n.c', url: '/b' },
    { t: T.EVENT, ref: 2, v: 'chat', name: 'inc', payload: { by: '5', form: { q: 'x' } } },
    { t: T.PATCH, ref: 3, v: 'dj-1', url: '/list?page=2' },
    { t: T.LEAVE, ref: 6, v: 'chat' },
    { t: T.HEARTBEAT, ref: 4 },
  ];
  for (const m of msgs) {
    const d = decodeClientMessage(encode(m));
    assert.ok(d.ok, JSON.stringify(m));
    assert.deepEqual(JSON.parse(JSON.stringify(d.msg)), m);
  }
});

test('bad frames get stable codes', () => {
  assert.equal(code('{oops'), ERR.BAD_JSON);
  assert.equal(code(''), ERR.BAD_JSON);
  assert.equal(code('null'), ERR.BAD_MESSAGE);
  assert.equal(code('"join"'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"event","v":"a","name":"x","payload":{}}'), ERR.BAD_MESSAGE); // no ref
  assert.equal(code('{"t":"event","ref":-1,"v":"a","name":"x","payload":{}}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"event","ref":1.5,"v":"a","name":"x","payload":{}}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"event","ref":1,"v":"a","name":"","payload":{}}'), ERR.BAD_MESSAGE);
  assert.equal(code(`{"t":"event","ref":1,"v":"a","name":"${'x'.repeat(201)}","payload":{}}`), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"event","ref":1,"v":"a","name":"x","payload":"str"}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"join","ref":1,"v":"a","token":5,"url":"/"}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"join","ref":1,"v":"a","token":"t","url":"/","forms":{"f":{"a":1}}}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"warp","ref":1}'), ERR.UNKNOWN_TYPE);
});

test('every message but a heartbeat needs a short string view id "v"', () => {
  for (const body of ['"t":"event","name":"x","payload":{}', '"t":"patch","url":"/"', '"t":"join","token":"t","url":"/"', '"t":"leave"']) {
    assert.equal(code(`{"ref":1,${body}}`), ERR.BAD_MESSAGE, `${body} without v`);
    assert.equal(code(`{"ref":1,"v":"",${body}}`), ERR.BAD_MESSAGE, `${body} with an empty v`);
    assert.equal(code(`{"ref":1,"v":7,${body}}`), ERR.BAD_MESSAGE, `${body} with a number v`);
    assert.equal(code(`{"ref":1,"v":"${'x'.repeat(101)}",${body}}`), ERR.BAD_MESSAGE, `${body} with a long v`);
    assert.equal(code(`{"ref":1,"v":"${'x'.repeat(100)}",${body}}`), undefined, `${body} with a 100-character v`);
  }
  assert.equal(code('{"t":"hb","ref":1}'), undefined);
  const d = decodeClientMessage('{"t":"leave","ref":3}');
  assert.deepEqual(d.ok ? null : d.ref, 3);
});

test('a join carries exactly one of "token" and "nav"', () => {
  assert.equal(code('{"t":"join","ref":1,"v":"a","url":"/"}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"join","ref":1,"v":"a","url":"/","token":"t","nav":"n"}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"join","ref":1,"v":"a","url":"/","nav":5}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"join","ref":1,"v":"a","url":"/","token":"t","nav":null}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"join","ref":1,"v":"a","url":"/","nav":"n"}'), undefined);
  assert.equal(code('{"t":"join","ref":1,"v":"a","url":"/","token":"t"}'), undefined);
});

test('a leave decodes to its type, ref and view only', () => {
  const d = decodeClientMessage('{"t":"leave","ref":2,"v":"chat","extra":{"a":1}}');
  assert.ok(d.ok);
  assert.deepEqual({ ...d.msg }, { t: T.LEAVE, ref: 2, v: 'chat' });
});

test("'__proto__' keys and absurd nesting are refused; 'constructor' and 'prototype' are ordinary keys", () => {
  assert.equal(code('{"t":"event","ref":1,"v":"a","name":"x","payload":{"__proto__":{"a":1}}}'), ERR.BAD_PAYLOAD);
  assert.equal(code('{"t":"event","ref":1,"v":"a","name":"x","payload":{"a":[{"b":{"__proto__":{}}}]}}'), ERR.BAD_PAYLOAD);
  assert.equal(code('{"t":"event","ref":1,"v":"a","name":"x","payload":{},"__proto__":{"a":1}}'), ERR.BAD_PAYLOAD);
  assert.equal(code('{"t":"join","ref":1,"v":"a","token":"t","url":"/","forms":{"f":{"__proto__":"x"}}}'), ERR.BAD_PAYLOAD);
  const deep = '{"a":'.repeat(100) + '1' + '}'.repeat(100);
  assert.equal(code(`{"t":"event","ref":1,"v":"a","name":"x","payload":${deep}}`), ERR.BAD_PAYLOAD);
  // The error still carries the ref, so the client can match it to its request.
  const d = decodeClientMessage('{"t":"event","ref":7,"v":"a","name":"x","payload":{"__proto__":1}}');
  assert.deepEqual(d.ok ? null : d.ref, 7);

  const payload = { constructor: 'c', prototype: 'p', form: { constructor: ['a', 'b'], toString: 't' }, rows: [{ hasOwnProperty: 'h' }] };
  const ok = decodeClientMessage(encode({ t: T.EVENT, ref: 2, v: 'a', name: 'save', payload }));
  assert.ok(ok.ok && ok.msg.t === T.EVENT);
  assert.deepEqual(JSON.parse(JSON.stringify(ok.msg.payload)), payload);
  assert.equal(({} as Record<string, unknown>).a, undefined);
});

test('decoded objects have no prototype, so no key a client sends can reach one', () => {
  const d = decodeClientMessage('{"t":"event","ref":1,"v":"a","name":"x","payload":{"form":{"q":"x"},"rows":[{"id":"1"}]}}');
  assert.ok(d.ok && d.msg.t === T.EVENT);
  const { payload } = d.msg;
  const form = payload.form as object;
  const rows = payload.rows as object[];
  assert.deepEqual([d.msg, payload, form, rows[0]].map((o) => Object.getPrototypeOf(o)), [null, null, null, null]);
  assert.ok(Array.isArray(rows));
  assert.equal((payload as { toString?: unknown }).toString, undefined);
});

test('withoutPrototypes copies parsed JSON deeply, and says why it refuses', () => {
  assert.deepEqual(withoutPrototypes(JSON.parse('{"fine":{"deeper":[1,{"ok":true}]}}')), {
    ok: true,
    value: Object.assign(Object.create(null) as object, { fine: Object.assign(Object.create(null) as object, { deeper: [1, Object.assign(Object.create(null) as object, { ok: true })] }) }),
  });
  assert.deepEqual(withoutPrototypes(JSON.parse('[{"__proto__":1}]')), { ok: false, reason: 'holds a "__proto__" key' });
  assert.deepEqual(withoutPrototypes(JSON.parse('['.repeat(40) + ']'.repeat(40))), { ok: false, reason: 'nests too deep' });
  assert.deepEqual(withoutPrototypes('text'), { ok: true, value: 'text' });
});

test('server frames: garbled ones are undefined, not exceptions', () => {
  assert.deepEqual(decodeServerMessage('{"t":"reply","ref":1}'), { t: 'reply', ref: 1 });
  assert.equal(decodeServerMessage('{"ref":1}'), undefined);
  assert.equal(decodeServerMessage('nope'), undefined);
});

test('an unknown type is named in the error quoted and cut short, whatever the client sent', () => {
  const d = decodeClientMessage(JSON.stringify({ t: `warp\n${'x'.repeat(10_000)}`, ref: 1 }));
  assert.ok(!d.ok && d.code === ERR.UNKNOWN_TYPE);
  assert.ok(!d.ok && d.message.length < 200, `a message of ${d.ok ? 0 : d.message.length} characters`);
  assert.ok(!d.ok && d.message.startsWith('Unknown message type "warp\\nxxx') && !d.message.includes('\n'), !d.ok ? d.message.slice(0, 80) : '');
});
