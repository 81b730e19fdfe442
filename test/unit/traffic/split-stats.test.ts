import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { binomialInterval, describeSplit, splitShares } from '../../../lib/models/split-stats';

describe('binomialInterval (95 % of Binomial(n, p), as shares)', () => {
  it('75 % of 200 requests: about 69 %..81 %, symmetric around the expectation', () => {
    const { low, high } = binomialInterval(200, 0.75);
    assert.ok(low >= 0.68 && low <= 0.7, `low ${low}`);
    assert.ok(high >= 0.8 && high <= 0.82, `high ${high}`);
    assert.ok(Math.abs(0.75 - low - (high - 0.75)) <= 0.011);
  });

  it('narrows as the sample grows: 2,000 requests at 50 % give about ±2.2 points', () => {
    const small = binomialInterval(200, 0.5);
    const big = binomialInterval(2000, 0.5);
    assert.ok(big.high - big.low < small.high - small.low);
    assert.ok(Math.abs(big.high - 0.522) < 0.003, `high ${big.high}`);
  });

  it('does not underflow for large n and small p, and covers about 95 % by simulation', () => {
    const { low, high } = binomialInterval(2000, 0.01);
    assert.ok(low > 0 && low < 0.01 && high > 0.01 && high < 0.02);
    // a deterministic pseudo-random check of the coverage for n = 100, p = 0.25
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const iv = binomialInterval(100, 0.25);
    let inside = 0;
    for (let trial = 0; trial < 2000; trial++) {
      let k = 0;
      for (let i = 0; i < 100; i++) if (rand() < 0.25) k++;
      if (k / 100 >= iv.low && k / 100 <= iv.high) inside++;
    }
    assert.ok(inside / 2000 > 0.93 && inside / 2000 <= 0.99, `coverage ${inside / 2000}`);
  });

  it('is exact at the edges: p = 0 only allows 0, p = 1 only allows 1, no sample allows anything', () => {
    assert.deepEqual(binomialInterval(200, 0), { low: 0, high: 0 });
    assert.deepEqual(binomialInterval(200, 1), { low: 1, high: 1 });
    assert.deepEqual(binomialInterval(0, 0.5), { low: 0, high: 1 });
  });
});

describe('splitShares: measured vs expected per member', () => {
  it('story 003, 3 stable + 1 canary: 148/52 of 200 is inside 75/25; 120/80 flags both', () => {
    const members = [
      { deployment: 'stable', expected: 0.75 },
      { deployment: 'canary', expected: 0.25 },
    ];
    const ok = splitShares(members, { stable: 148, canary: 52 });
    assert.deepEqual(
      ok.map((s) => [s.deployment, s.responses, s.measured, s.outside]),
      [
        ['stable', 148, 0.74, false],
        ['canary', 52, 0.26, false],
      ],
    );
    const off = splitShares(members, { stable: 120, canary: 80 });
    assert.deepEqual(
      off.map((s) => s.outside),
      [true, true],
    );
    assert.match(describeSplit(off, 200, 0), /stable, canary outside the 95 % range/);
    assert.equal(describeSplit(ok, 200, 3), '200 answers, 3 failed: every member within its 95 % range');
  });

  it('uneven replicas, three members (5 + 2 + 1): each share tested against its own expectation', () => {
    const members = [
      { deployment: 'a', expected: 5 / 8 },
      { deployment: 'b', expected: 2 / 8 },
      { deployment: 'c', expected: 1 / 8 },
    ];
    const s = splitShares(members, { a: 520, b: 210, c: 70 });
    assert.deepEqual(
      s.map((x) => x.outside),
      [false, false, true],
    );
    assert.ok(s[2]!.low > 0.1 && s[2]!.measured < s[2]!.low);
  });

  it('an unready member expects 0 %: any answer from it is flagged', () => {
    const members = [
      { deployment: 'stable', expected: 1 },
      { deployment: 'canary', expected: 0 },
    ];
    assert.deepEqual(
      splitShares(members, { stable: 200 }).map((s) => s.outside),
      [false, false],
    );
    const late = splitShares(members, { stable: 198, canary: 2 });
    assert.deepEqual(
      late.map((s) => [s.low, s.high, s.outside]),
      [
        [1, 1, true],
        [0, 0, true],
      ],
    );
  });

  it('nothing ready, nothing answered: no flag and a sentence that says so', () => {
    const members = [
      { deployment: 'stable', expected: 0 },
      { deployment: 'canary', expected: 0 },
    ];
    const s = splitShares(members, {});
    assert.deepEqual(
      s.map((x) => [x.measured, x.outside]),
      [
        [0, false],
        [0, false],
      ],
    );
    assert.equal(describeSplit(s, 0, 200), 'no answer from any member (200 requests failed)');
    assert.equal(describeSplit(s, 0, 0), 'nothing measured yet');
  });

  it('answers from pods of no member are not in the sample; negative or missing counts are 0', () => {
    const s = splitShares(
      [
        { deployment: 'x', expected: 0.5 },
        { deployment: 'y', expected: 0.5 },
      ],
      { x: 10, y: -5, other: 99 },
    );
    assert.deepEqual(
      s.map((v) => v.responses),
      [10, 0],
    );
    assert.equal(s[0]!.measured, 1);
  });
});
