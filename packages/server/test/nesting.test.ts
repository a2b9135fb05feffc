/** The tokens a parent keeps for its nested views: stable while rendered, forgotten once not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Nesting } from '../src/nesting.js';

test('a parent keeps the token of each child it still renders, and only those, however often its params change', () => {
  let issued = 0;
  const nesting = new Nesting({ parent: 'dj-root', http: false, tokenFor: () => `t${++issued}` });
  const render = (room: string): string => nesting.render(() => nesting.container('ChatView', 'chat', { room }));
  const first = render('a');
  assert.equal(render('a'), first, 'the same child keeps its token');
  for (let i = 0; i < 1000; i++) render(`r${i}`);
  assert.equal(issued, 1001);
  assert.equal(nesting.kept, 1, 'one child rendered, one token kept');
  assert.notEqual(render('a'), first, 'a child no longer rendered was forgotten');
});
