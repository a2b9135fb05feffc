/** The one-answer-per-ref rule, as `checkAnswers` reads a recorded conversation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, checkAnswers, unansweredRefs, type Exchange, type ServerMessage } from '../src/index.js';

const sent = (msg: unknown): Exchange => ({ from: 'client', frame: typeof msg === 'string' ? msg : JSON.stringify(msg) });
const got = (msg: ServerMessage): Exchange => ({ from: 'server', msg });
const problems = (c: Exchange[], finished?: boolean) => checkAnswers(c, { finished }).map((v) => `${v.ref} ${v.problem}`);

const tree = { s: ['<p>', '</p>'], d: ['1'] } as unknown as Extract<ServerMessage, { t: 'rendered' }>['tree'];

test('a conversation where each ref has one answer, pushes in between, passes', () => {
  const c = [
    sent({ t: T.JOIN, ref: 1, token: 'x', url: '/' }),
    sent({ t: T.EVENT, ref: 2, name: 'inc', payload: {} }),
    got({ t: T.RENDERED, v: 'a', ref: 1, tree }),
    got({ t: T.DIFF, v: 'a', diff: {} }),
    got({ t: T.REPLY, v: 'a', ref: 2 }),
    sent({ t: T.HEARTBEAT, ref: 3 }),
    sent({ t: T.PATCH, ref: 4, url: '/elsewhere' }),
    sent('{"t":"warp","ref":5}'),
    got({ t: T.HEARTBEAT, ref: 3 }),
    got({ t: T.ERROR, code: 'unknown_type', message: 'no', ref: 5 }),
    got({ t: T.RENDERED, v: 'a', tree }),
    got({ t: T.ERROR, code: 'bad_json', message: 'no' }),
    got({ t: T.REDIRECT, ref: 4, to: '/elsewhere', kind: 'navigate' }),
    // Frames without a readable ref need no answer.
    sent('{oops'),
    sent({ t: T.EVENT, ref: -1, name: 'x', payload: {} }),
  ];
  assert.deepEqual(problems(c), []);
  assert.deepEqual(unansweredRefs(c), []);
});

test('a missing answer, a second answer, an unasked answer and a mistyped one are each reported', () => {
  const c = [
    sent({ t: T.EVENT, ref: 1, name: 'a', payload: {} }),
    sent({ t: T.EVENT, ref: 2, name: 'b', payload: {} }),
    sent({ t: T.JOIN, ref: 3, token: 'x', url: '/' }),
    got({ t: T.ERROR, code: 'render_failed', message: 'x', ref: 2 }),
    got({ t: T.RENDERED, v: 'a', ref: 2, tree }),
    got({ t: T.REPLY, v: 'a', ref: 9 }),
    got({ t: T.REPLY, v: 'a', ref: 3 }),
  ];
  assert.deepEqual(problems(c), ['2 answered twice', '2 wrong answer type', '9 answer to nothing', '3 wrong answer type', '1 unanswered']);
  assert.deepEqual(unansweredRefs(c), [1]);
});

test('leave is answered by a reply; the rule holds per ref across views on one socket', () => {
  const c = [
    sent({ t: T.JOIN, ref: 1, v: 'a', token: 'x', url: '/' }),
    sent({ t: T.JOIN, ref: 2, v: 'b', token: 'y', url: '/' }),
    got({ t: T.RENDERED, ref: 2, v: 'b', tree }),
    got({ t: T.RENDERED, ref: 1, v: 'a', tree }),
    sent({ t: T.LEAVE, ref: 3, v: 'b' }),
    sent({ t: T.LEAVE, ref: 4, v: 'a' }),
    got({ t: T.REPLY, ref: 3, v: 'b' }),
    got({ t: T.RENDERED, ref: 4, v: 'a', tree }),
    // Another view's answer to an answered ref is still a second answer.
    got({ t: T.REPLY, ref: 1, v: 'b' }),
  ];
  assert.deepEqual(problems(c), ['4 wrong answer type', '1 answered twice', '1 wrong answer type']);
});

test('an answer before its message was sent answers nothing; a reused ref is reported', () => {
  const c = [got({ t: T.REPLY, v: 'a', ref: 1 }), sent({ t: T.EVENT, ref: 1, name: 'a', payload: {} }), got({ t: T.REPLY, v: 'a', ref: 1 }), sent({ t: T.HEARTBEAT, ref: 1 }), got({ t: T.HEARTBEAT, ref: 1 })];
  assert.deepEqual(problems(c), ['1 answer to nothing', '1 ref reused']);
});

test('a conversation the server ended by closing is not faulted for what it left unanswered', () => {
  const c = [sent({ t: T.EVENT, ref: 1, name: 'a', payload: {} }), sent({ t: T.EVENT, ref: 2, name: 'a', payload: {} }), got({ t: T.REPLY, v: 'a', ref: 1 }), got({ t: T.REPLY, v: 'a', ref: 1 })];
  assert.deepEqual(problems(c, false), ['1 answered twice']);
  assert.deepEqual(problems(c), ['1 answered twice', '2 unanswered']);
});
