// The load generator's bounds, with a fake clock: whatever the requests do (answer fast, slowly or
// never), the engine never has more than `concurrency` in flight, never starts one after the
// deadline or past the budget, keeps to the rate, and ends by the deadline.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runBounded, type Clock } from '../../../lib/k8s/traffic/engine';
import { nextRequest, requestBudget } from '../../../lib/models/load-stats';

class FakeClock implements Clock {
  t = 0;
  private waiters: { at: number; resolve: () => void }[] = [];
  now = () => this.t;
  sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const w = { at: this.t + Math.max(0, ms), resolve };
      this.waiters.push(w);
      signal.addEventListener(
        'abort',
        () => {
          this.waiters = this.waiters.filter((x) => x !== w);
          resolve();
        },
        { once: true },
      );
    });
  /** Runs until `p` settles: lets microtasks and I/O run, then jumps to the next timer. */
  async drive<T>(p: Promise<T>, maxSteps = 1_000_000): Promise<T> {
    let settled = false;
    void p.finally(() => (settled = true));
    for (let i = 0; i < maxSteps && !settled; i++) {
      await new Promise((r) => setImmediate(r));
      if (settled) break;
      this.waiters.sort((a, b) => a.at - b.at);
      const w = this.waiters.shift();
      if (!w) continue;
      this.t = Math.max(this.t, w.at);
      w.resolve();
    }
    return p;
  }
}

function harness(clock: FakeClock, latency: (i: number) => number | 'hang') {
  const starts: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let aborted = 0;
  const send = async (signal: AbortSignal) => {
    const i = starts.length;
    starts.push(clock.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const l = latency(i);
    await clock.sleep(l === 'hang' ? 1e12 : l, signal);
    if (signal.aborted) aborted++;
    inFlight--;
  };
  return { send, starts, stats: () => ({ maxInFlight, aborted, inFlight }) };
}

describe('load generator bounds (fake clock)', () => {
  it('unlimited rate: never more than `concurrency` in flight, nothing starts after the deadline', async () => {
    const clock = new FakeClock();
    const h = harness(clock, () => 100);
    const r = await clock.drive(
      runBounded({
        bounds: { concurrency: 5, rate: null, durationMs: 10_000, maxRequests: 1e6 },
        clock,
        signal: new AbortController().signal,
        send: h.send,
      }),
    );
    assert.equal(r.reason, 'duration');
    assert.equal(h.stats().maxInFlight, 5);
    assert.ok(h.starts.every((t) => t < 10_000));
    assert.ok(r.sent >= 495 && r.sent <= 505, `sent ${r.sent}`);
    assert.ok(clock.t <= 10_000 + 100);
  });

  it('a request budget is never exceeded, even with room for more', async () => {
    const clock = new FakeClock();
    const h = harness(clock, () => 10);
    const r = await clock.drive(
      runBounded({
        bounds: { concurrency: 100, rate: null, durationMs: 60_000, maxRequests: 250 },
        clock,
        signal: new AbortController().signal,
        send: h.send,
      }),
    );
    assert.deepEqual([r.reason, r.sent, h.starts.length], ['requests', 250, 250]);
  });

  it('a rate of 20/s over 5 s sends 100 requests on schedule', async () => {
    const clock = new FakeClock();
    const h = harness(clock, () => 5);
    const r = await clock.drive(
      runBounded({
        bounds: { concurrency: 10, rate: 20, durationMs: 5_000, maxRequests: requestBudget(20, 5, 1e6) },
        clock,
        signal: new AbortController().signal,
        send: h.send,
      }),
    );
    assert.equal(r.sent, 100);
    h.starts.forEach((t, i) => assert.ok(t >= i * 50, `request ${i} at ${t} is ahead of schedule`));
  });

  it('an app that hangs: requests pile up to the concurrency, then all are aborted at the deadline', async () => {
    const clock = new FakeClock();
    const h = harness(clock, () => 'hang');
    const r = await clock.drive(
      runBounded({
        bounds: { concurrency: 7, rate: null, durationMs: 3_000, maxRequests: 1e6 },
        clock,
        signal: new AbortController().signal,
        send: h.send,
      }),
    );
    assert.deepEqual(
      [r.reason, r.sent, h.stats().maxInFlight, h.stats().aborted, h.stats().inFlight],
      ['duration', 7, 7, 7, 0],
    );
    assert.ok(clock.t <= 3_000);
  });

  it('a stop (viewer, last viewer gone, process exit) ends the run at once and aborts what is in flight', async () => {
    const clock = new FakeClock();
    const h = harness(clock, () => 1_000);
    const stop = new AbortController();
    void clock.sleep(2_500, new AbortController().signal).then(() => stop.abort());
    const r = await clock.drive(
      runBounded({
        bounds: { concurrency: 4, rate: null, durationMs: 600_000, maxRequests: 1e6 },
        clock,
        signal: stop.signal,
        send: h.send,
      }),
    );
    assert.equal(r.reason, 'stopped');
    assert.equal(r.sent, 12);
    assert.ok(h.starts.every((t) => t <= 2_500));
    assert.equal(h.stats().inFlight, 0);
  });

  it('nextRequest: the decisions themselves', () => {
    const b = { concurrency: 2, rate: 10, durationMs: 1_000, maxRequests: 5 };
    assert.deepEqual(nextRequest(b, { startedAt: 0, sent: 0, inFlight: 0 }, 0), { action: 'go' });
    assert.deepEqual(nextRequest(b, { startedAt: 0, sent: 1, inFlight: 1 }, 0), { action: 'wait', ms: 100 });
    assert.deepEqual(nextRequest(b, { startedAt: 0, sent: 1, inFlight: 2 }, 500), { action: 'wait', ms: 0 });
    assert.deepEqual(nextRequest(b, { startedAt: 0, sent: 5, inFlight: 0 }, 500), { action: 'done' });
    assert.deepEqual(nextRequest(b, { startedAt: 0, sent: 1, inFlight: 0 }, 1_000), { action: 'done' });
    assert.equal(requestBudget(null, 600, 500_000), 500_000);
    assert.equal(requestBudget(100, 600, 500_000), 60_000);
  });
});
