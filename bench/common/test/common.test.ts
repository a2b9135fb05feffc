/** The shared statistics, timing and formats the benchmarks' numbers rest on. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count, describeMachine, formatTable, kb, measureAsync, measureSync, median, ms, quantile, ratio, sinkValue, us, verdict } from '../src/index.js';

describe('median and quantile', () => {
  it('median takes the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });
  it('quantile takes the nearest rank of sorted values', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2);
    assert.equal(quantile([1, 2, 3, 4], 0.99), 4);
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });
});

describe('interleaved measurement', () => {
  const options = { budgetMs: 20, minIterations: 10, warmupMs: 3, rounds: 2 };

  it('times every sync contender at least minIterations times and folds strings in by length', () => {
    const calls = { a: 0, b: 0 };
    const before = sinkValue();
    const r = measureSync(
      [
        { name: 'a', fn: () => (calls.a++, 'xyz') },
        { name: 'b', fn: () => (calls.b++, 0) },
      ],
      options,
    );
    for (const name of ['a', 'b'] as const) {
      assert.ok(r[name].iterations >= 10, name);
      assert.ok(r[name].medianMs >= 0, name);
      assert.ok(calls[name] > r[name].iterations, `${name} was warmed up too`);
    }
    assert.equal(sinkValue() - before, 3 * calls.a);
  });

  it('awaits async contenders', async () => {
    let calls = 0;
    const r = await measureAsync([{ name: 'tick', fn: async () => (calls++, 1) }], { ...options, warmupPasses: 1, minBatchMs: 1 });
    assert.ok(r.tick.iterations >= 10);
    assert.ok(calls > r.tick.iterations);
  });
});

describe('formats', () => {
  it('aligns a table: first column left, the rest right', () => {
    assert.equal(formatTable(['name', 'ms'], [['a', '1.5'], ['bbb', '10']]), ['name    ms', '----   ---', 'a      1.5', 'bbb     10'].join('\n'));
  });
  it('prints numbers with a few significant digits', () => {
    assert.deepEqual([ms(123.46), ms(12.346), ms(1.2346), ms(0.012346), ms(NaN)], ['123.5', '12.35', '1.235', '0.0123', 'n/a']);
    assert.equal(us(0.00215), '2.15');
    assert.equal(ratio(1.5), '1.50×');
    assert.equal(count(12345.6), '12,346');
    assert.equal(kb(2048), '2.0');
    assert.deepEqual([verdict(true), verdict(false)], ['met', 'NOT met']);
  });
  it('names the machine, with the bench’s own parts before the load', () => {
    const line = describeMachine(['extra 1.0']);
    assert.match(line, /^node v\d+.* · extra 1\.0 · load [\d.]+ [\d.]+ [\d.]+$/);
  });
});
