/** Event payloads over a real socket: fields named like Object's members are data; objects have no prototype. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, LiveView } from '../src/index.js';
import { LiveClient } from '../src/testing/index.js';
import { SECRET } from './fixtures/app.js';

class ProductView extends LiveView {
  static templateSource =
    '<form id="product" dj-submit="save"><input name="constructor" value=""><input name="prototype" value=""><input name="name" value=""></form>' +
    '<p id="saved">{{ name }} / {{ kind }} / {{ model }}</p><p id="form">{{ form }}</p><p id="email">{{ form.name }}</p>';
  static events = ['save', 'fail'];
  name = '';
  kind = '';
  model = '';
  form: Record<string, unknown> = {};

  save(payload: { form: Record<string, string> }): void {
    this.form = payload.form;
    this.name = payload.form.name;
    // TypeScript types `constructor` as Object's member; here it is the submitted field.
    this.kind = String(payload.form.constructor);
    this.model = payload.form.prototype;
  }
  /** Changes the state, then fails: the prototype-less form must come back as it was. */
  fail(payload: { form: Record<string, string> }): void {
    this.form = payload.form;
    throw new Error('no');
  }
}

test("a form with fields named 'constructor' and 'prototype' can be submitted, and renders", async () => {
  const app = new App({ secret: SECRET });
  app.live('/product', ProductView);
  const server = await app.listen(0);
  try {
    const lv = await LiveClient.connect(server.url, '/product');
    const reply = await lv.submit('#product', { constructor: 'chair', prototype: 'P-1', name: 'Oak' });
    assert.equal(reply.t, 'reply', JSON.stringify(reply));
    assert.match(lv.html(), /<p id="saved">Oak \/ chair \/ P-1<\/p>/);
    assert.match(lv.html(), /<p id="form">\{&#x27;constructor&#x27;: &#x27;chair&#x27;, &#x27;prototype&#x27;: &#x27;P-1&#x27;, &#x27;name&#x27;: &#x27;Oak&#x27;\}<\/p>/);
    assert.match(lv.html(), /<p id="email">Oak<\/p>/);
    const failed = await lv.event('fail', { form: { name: 'Pine' } });
    assert.equal(failed.t === 'error' && failed.code, 'handler_failed');
    assert.match(lv.html(), /<p id="email">Oak<\/p>/);
    assert.equal(({} as Record<string, unknown>).chair, undefined);
    await lv.close();
  } finally {
    await server.close();
  }
});
