/** Frames in: every bad frame is a decode error with a stable code, never an exception. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERR, T, decodeClientMessage, decodeServerMessage, encode, hasForbiddenKeys } from '../src/index.js';

const code = (frame: string): string | undefined => {
  const d = decodeClientMessage(frame);
  return d.ok ? undefined : d.code;
};

test('valid client messages decode as they were sent', () => {
  const msgs = [
    { t: T.JOIN, ref: 1, token: 'a.b', url: '/x?y=1', forms: { validate: { email: 'a@b', tags: ['x', 'y'] } } },
    { t: T.EVENT, ref: 2, name: 'inc', payload: { by: '5', form: { q: 'x' } } },
    { t: T.PATCH, ref: 3, url: '/list?page=2' },
    { t: T.HEARTBEAT, ref: 4 },
  ];
  for (const m of msgs) assert.deepEqual(decodeClientMessage(encode(m)), { ok: true, msg: m });
});

test('bad frames get stable codes', () => {
  assert.equal(code('{oops'), ERR.BAD_JSON);
  assert.equal(code(''), ERR.BAD_JSON);
  assert.equal(code('null'), ERR.BAD_MESSAGE);
  assert.equal(code('"join"'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"event","name":"x","payload":{}}'), ERR.BAD_MESSAGE); // no ref
  assert.equal(code('{"t":"event","ref":-1,"name":"x","payload":{}}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"event","ref":1.5,"name":"x","payload":{}}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"event","ref":1,"name":"","payload":{}}'), ERR.BAD_MESSAGE);
  assert.equal(code(`{"t":"event","ref":1,"name":"${'x'.repeat(201)}","payload":{}}`), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"event","ref":1,"name":"x","payload":"str"}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"join","ref":1,"token":5,"url":"/"}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"join","ref":1,"token":"t","url":"/","forms":{"f":{"a":1}}}'), ERR.BAD_MESSAGE);
  assert.equal(code('{"t":"warp","ref":1}'), ERR.UNKNOWN_TYPE);
});

test('keys that could pollute prototypes, and absurd nesting, are refused', () => {
  assert.equal(code('{"t":"event","ref":1,"name":"x","payload":{"__proto__":{"a":1}}}'), ERR.BAD_PAYLOAD);
  assert.equal(code('{"t":"event","ref":1,"name":"x","payload":{"a":[{"constructor":{"prototype":{}}}]}}'), ERR.BAD_PAYLOAD);
  const deep = '{"a":'.repeat(100) + '1' + '}'.repeat(100);
  assert.equal(code(`{"t":"event","ref":1,"name":"x","payload":${deep}}`), ERR.BAD_PAYLOAD);
  assert.equal(hasForbiddenKeys({ fine: { deeper: [1, { ok: true }] } }), false);
  // The error still carries the ref, so the client can match it to its request.
  const d = decodeClientMessage('{"t":"event","ref":7,"name":"x","payload":{"prototype":1}}');
  assert.deepEqual(d.ok ? null : d.ref, 7);
});

test('server frames: garbled ones are undefined, not exceptions', () => {
  assert.deepEqual(decodeServerMessage('{"t":"reply","ref":1}'), { t: 'reply', ref: 1 });
  assert.equal(decodeServerMessage('{"ref":1}'), undefined);
  assert.equal(decodeServerMessage('nope'), undefined);
});
