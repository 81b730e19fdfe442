import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHUNK_RETRY_DELAYS_MS, withRetries } from '@/lib/models/retry';

/** An attempt that fails `failures` times, then answers; and the waits it was made to sit through. */
function flaky(failures: number) {
  let calls = 0;
  const waits: number[] = [];
  return {
    attempt: async () => {
      calls++;
      if (calls <= failures) throw new Error(`Failed to load chunk (attempt ${calls})`);
      return `loaded on attempt ${calls}`;
    },
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    calls: () => calls,
    waits,
  };
}

describe('withRetries', () => {
  it('answers at once when the first attempt works, without waiting', async () => {
    const f = flaky(0);
    assert.equal(await withRetries(f.attempt, [1, 2, 3], f.sleep), 'loaded on attempt 1');
    assert.deepEqual(f.waits, []);
  });

  it('asks again after each failure, waiting the next delay each time', async () => {
    const f = flaky(2);
    assert.equal(await withRetries(f.attempt, [10, 20, 30], f.sleep), 'loaded on attempt 3');
    assert.deepEqual(f.waits, [10, 20]);
  });

  it('gives up after 1 + delays attempts with the last failure', async () => {
    const f = flaky(10);
    await assert.rejects(withRetries(f.attempt, [10, 20], f.sleep), /attempt 3/);
    assert.equal(f.calls(), 3);
    assert.deepEqual(f.waits, [10, 20]);
  });

  it("a chart's chunk is asked for over about 105 s: a replica's restart or a port-forward's reconnect fits", () => {
    const total = CHUNK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    assert.ok(total >= 90_000 && total <= 120_000, `${total} ms`);
    assert.ok(CHUNK_RETRY_DELAYS_MS[0]! <= 1_000, 'the first retry is quick');
  });
});
