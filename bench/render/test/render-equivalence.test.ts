/**
 * The benchmark's numbers only mean something if the three engines render the same page.
 * These tests pin that down at small N, and check that the checker itself catches an engine
 * that skips rows or forgets to escape.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertEquivalent, normalize, shapeOf } from '../src/check.js';
import { HOSTILE_NOTES, makeContext, makeLeases } from '../src/data.js';
import { engines } from '../src/engines/index.js';
import { saltedSources } from '../src/templates.js';

function renderAll(n: number) {
  const ctx = makeContext(n);
  return { ctx, pages: engines.map((e) => ({ engine: e.name, html: e.compile()(ctx) })) };
}

describe('data', () => {
  it('is deterministic and covers every branch the template has', () => {
    assert.deepEqual(makeLeases(50), makeLeases(50));
    const leases = makeLeases(200);
    for (const status of ['active', 'pending', 'ending', 'closed']) assert.ok(leases.some((l) => l.status === status), status);
    for (const note of [null, '', ...HOSTILE_NOTES]) assert.ok(leases.some((l) => l.notes === note), String(note));
  });
});

describe('the three engines render the same page', () => {
  for (const n of [10, 57]) {
    it(`N=${n}: same rows, escaping and normalised text`, () => {
      const { ctx, pages } = renderAll(n);
      assertEquivalent(pages, ctx);
      for (const { engine, html } of pages) {
        const shape = shapeOf(html);
        assert.equal(shape.rows, n, engine);
        assert.equal(shape.rawScripts, 0, engine);
        // The title and viewer name carry & < > " in every page, escaped by every engine.
        assert.ok(html.includes('Leases &amp; renewals &lt;Q3&gt;'), engine);
        assert.ok(!html.includes('<Q3>') && !html.includes('<b>later'), engine);
        assert.match(normalize(html), /Ana &quot;Ops&quot; &lt;admin&gt;/, engine);
      }
    });
  }

  it('formats the filters alike: rent with two decimals, Django "M d, Y" dates, "—" for empty notes', () => {
    const { ctx, pages } = renderAll(10);
    const first = ctx.leases[0];
    const rent = `$${first.rent.toFixed(2)}`;
    const month = first.end_date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    const date = `${month} ${String(first.end_date.getUTCDate()).padStart(2, '0')}, ${first.end_date.getUTCFullYear()}`;
    for (const { engine, html } of pages) {
      assert.ok(html.includes(rent), `${engine} rent ${rent}`);
      assert.ok(html.includes(date), `${engine} date ${date}`);
      // Called as a method, and escaped: O'Brien's apostrophe comes out as an entity.
      assert.ok(normalize(html).includes(`<td>${first.tenant.user.get_full_name().replaceAll("'", '&#39;')}</td>`), `${engine} name`);
    }
    const emptyNotes = ctx.leases.filter((l) => !l.notes).length;
    for (const { engine, html } of pages) assert.equal(html.split('<td>—</td>').length - 1, emptyNotes, engine);
  });
});

describe('the checker', () => {
  it('rejects a page that skipped a row', () => {
    const { ctx, pages } = renderAll(10);
    const idx = pages[1].html.lastIndexOf('<tr class="');
    const short = pages[1].html.slice(0, idx) + pages[1].html.slice(pages[1].html.indexOf('</tr>', idx) + 5);
    assert.throws(() => assertEquivalent([pages[0], { engine: 'short', html: short }], ctx), /rows is 9, expected 10/);
  });

  it('rejects a page that did not escape', () => {
    const { ctx, pages } = renderAll(10);
    const raw = pages[0].html.replaceAll('&lt;script&gt;', '<script>');
    assert.throws(() => assertEquivalent([pages[0], { engine: 'raw', html: raw }], ctx), /raw: escapedScripts/);
  });

  it('rejects a page whose text differs', () => {
    const { ctx, pages } = renderAll(10);
    const changed = pages[2].html.replace('Active', 'Actve');
    assert.throws(() => assertEquivalent([pages[0], { engine: 'changed', html: changed }], ctx), /changed differs from djust/);
  });
});

describe('cold-compile salting', () => {
  it('changes the compiled output of every engine and nothing else', () => {
    const ctx = makeContext(10);
    for (const e of engines) {
      const plain = e.compile()(ctx);
      const salted = e.compile(saltedSources(e.name, 'salt-123'))(ctx);
      assert.equal(salted.split('<!-- salt-123 -->').length - 1, 2, `${e.name}: salt in base and in page`);
      assert.equal(normalize(salted.replaceAll('<!-- salt-123 -->', '')), normalize(plain), e.name);
    }
  });
});
