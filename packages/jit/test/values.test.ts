/** Collections and References handed to the template go through the plan like entities do. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ref } from '@mikro-orm/core';
import { Engine } from '@djust/templates';
import { Jit, encodeValue } from '../src/index.js';
import { openDb, Lease, Property } from './fixtures/db.js';

const engine = new Engine({
  templates: {
    'payments.html': '{% for p in payments %}{{ p.amount }}@{{ p.lease.property.name }};{% endfor %}',
    'property.html': '{{ property.name }}, {{ property.city }}',
  },
});

test('a Collection not loaded yet: its items and what they reach, in one query, only the columns read', async () => {
  const db = await openDb(6);
  try {
    const em = db.orm.em.fork();
    const lease = await em.findOneOrFail(Lease, { id: 3 }); // the third lease has two payments
    db.reset();
    const jit = new Jit({ orm: db.orm });
    const tpl = engine.getTemplate('payments.html');
    const html = tpl.render(await jit.serializeContext({ payments: lease.payments }, tpl, em));
    assert.equal(html, '100.25@Unit 2 &lt;Main &amp; 5th&gt;;101.25@Unit 2 &lt;Main &amp; 5th&gt;;');
    assert.equal(db.sql.length, 1, db.sql.join('\n'));
    assert.doesNotMatch(db.sql[0], /paid_at|`address`|`city`|`rent`|\*/);
  } finally {
    await db.close();
  }
});

test('a Collection the view loaded, from another fork: nothing is loaded twice', async () => {
  const db = await openDb(6);
  try {
    const lease = await db.orm.em.fork().findOneOrFail(Lease, { id: 3 }, { populate: ['payments', 'property'] });
    db.reset();
    const jit = new Jit({ orm: db.orm });
    const tpl = engine.getTemplate('payments.html');
    const html = tpl.render(await jit.serializeContext({ payments: lease.payments }, tpl, db.orm.em.fork()));
    assert.equal(html, '100.25@Unit 2 &lt;Main &amp; 5th&gt;;101.25@Unit 2 &lt;Main &amp; 5th&gt;;');
    assert.equal(db.sql.length, 0, db.sql.join('\n'));
  } finally {
    await db.close();
  }
});

test('a Reference not loaded yet is loaded with only the columns read', async () => {
  const db = await openDb(4);
  try {
    const em = db.orm.em.fork();
    const property = em.getReference(Property, 2, { wrapped: true });
    db.reset();
    const jit = new Jit({ orm: db.orm });
    const tpl = engine.getTemplate('property.html');
    assert.equal(tpl.render(await jit.serializeContext({ property }, tpl, em)), 'Unit 1 &lt;Main &amp; 5th&gt;, Springfield');
    assert.equal(db.sql.length, 1);
    assert.doesNotMatch(db.sql[0], /`address`|\*/, db.sql[0]);
  } finally {
    await db.close();
  }
});

test('a Reference to a loaded entity is serialized without a query', async () => {
  const db = await openDb(4);
  try {
    const em = db.orm.em.fork();
    const property = ref(await em.findOneOrFail(Property, { id: 3 }));
    db.reset();
    const jit = new Jit({ orm: db.orm });
    const tpl = engine.getTemplate('property.html');
    const data = await jit.serializeContext({ property }, tpl, em);
    assert.equal(tpl.render(data), 'Unit 2 &lt;Main &amp; 5th&gt;, Springfield');
    assert.equal(db.sql.length, 0);
    assert.deepEqual(Object.keys(data.property as object).sort(), ['city', 'id', 'name']);
  } finally {
    await db.close();
  }
});

test('an own __proto__ key in a context or a value is data, never the prototype of the copy', async () => {
  const db = await openDb(1);
  try {
    // What a view may hand over from parsed JSON: JSON.parse makes "__proto__" an own key.
    const context = JSON.parse('{"__proto__": {"injected": "root"}, "name": "x", "payload": {"__proto__": {"injected": "nested"}, "a": 1}}') as Record<string, unknown>;
    const tpl = new Engine({ templates: { t: '{{ name }}|{{ injected }}|{{ payload.a }}|{{ payload.injected }}' } }).getTemplate('t');
    const data = await new Jit({ orm: db.orm }).serializeContext(context, tpl, db.orm.em.fork());
    assert.equal(tpl.render(data), 'x||1|');
    assert.equal(Object.getPrototypeOf(data), Object.prototype);
    const copy = encodeValue(context.payload) as object;
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal((copy as { injected?: unknown }).injected, undefined);
  } finally {
    await db.close();
  }
});
