// The live stream's batch window (lib/models/batch-window.ts), on a fake clock: a quiet stream's
// changes go at once, a burst like a scale 1 → 2 too, churn is coalesced in a window that grows
// with the rate and never passes 200 ms, and the window closes again once the churn stops.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BURST_BATCHES,
  createBatchWindow,
  MAX_BATCH_MS,
  SETTLE_MS,
  type BatchWindowOptions,
} from '../../../lib/models/batch-window';

/** Feeds `perSecond` changes a second for `seconds`, sending whenever the window says so. */
function drive(perSecond: number, seconds: number, start = 0, options: BatchWindowOptions = {}) {
  const w = createBatchWindow(options);
  let sendAt: number | null = null;
  let batches = 0;
  /** batches in the second half of the run, once the estimate has caught up with the rate */
  let late = 0;
  const waits: number[] = [];
  const step = 1000 / perSecond;
  let now = start;
  for (let i = 0; i < perSecond * seconds; i++) {
    now = start + i * step;
    if (sendAt !== null && sendAt <= now) {
      w.sent(sendAt);
      batches++;
      if (i >= (perSecond * seconds) / 2) late++;
      sendAt = null;
    }
    const wait = w.arrive(now);
    if (sendAt === null) {
      sendAt = now + wait;
      waits.push(wait);
    }
  }
  return { w, batches, late, waits, now };
}

describe('the live stream’s batch window', () => {
  it('sends a lone change at once', () => {
    const w = createBatchWindow();
    assert.equal(w.arrive(5_000), 0);
    w.sent(5_000);
    assert.equal(w.arrive(9_000), 0, 'and the next one, seconds later, too');
  });

  it('sends a burst of a few changes (a scale 1 → 2) each at once', () => {
    const w = createBatchWindow();
    // the Deployment, its ReplicaSet, the new pod, its scheduling, an event: within 100 ms
    for (const t of [0, 8, 21, 40, 95]) {
      assert.equal(w.arrive(t), 0, `change at ${t} ms`);
      w.sent(t);
    }
  });

  it('sends every change of a scale at once, a scale every second (the freshness bench’s rounds)', () => {
    // each scale: 20 changes in 10 ticks over 60 ms (the Deployment, its ReplicaSet, the new pod,
    // its scheduling, statuses, events), as recorded from the feed; sent at the wait it was given
    const rounds = (w: ReturnType<typeof createBatchWindow>) => {
      const waits: number[] = [];
      for (let round = 0; round < 30; round++)
        for (const dt of [0, 3, 12, 16, 16, 28, 33, 41, 50, 60]) {
          const now = round * 1_000 + dt;
          const wait = w.arrive(now, 2);
          waits.push(wait);
          w.sent(now + wait);
        }
      return waits;
    };
    assert.deepEqual(new Set(rounds(createBatchWindow())), new Set([0]), 'no change held');
    // without the allowance the rate estimate jumps with each burst and holds its later changes
    assert.ok(Math.max(...rounds(createBatchWindow({ burst: 0 }))) > 10);
  });

  it('with the server’s settle, sends a scale as two batches: its head (the new pod in it) and its tail', () => {
    // the feed's way: the first change of a batch sets its timer, the rest join it until it fires
    const batches = (w: ReturnType<typeof createBatchWindow>, round: number) => {
      const out: number[][] = [];
      let due: number | null = null;
      for (const dt of [0, 3, 12, 16, 16, 28, 33, 41, 50, 60]) {
        const now = round * 1_000 + dt;
        if (due !== null && due <= now) {
          w.sent(due);
          due = null;
        }
        const wait = w.arrive(now, 2);
        if (due === null) {
          due = now + wait;
          out.push([]);
        }
        out.at(-1)!.push(dt);
      }
      w.sent(due!);
      return out;
    };
    const settled = createBatchWindow({ settleMs: SETTLE_MS });
    for (let round = 0; round < 30; round++)
      assert.deepEqual(
        batches(settled, round),
        [
          [0, 3, 12, 16, 16, 28],
          [33, 41, 50, 60],
        ],
        `round ${round}: the Deployment, its ReplicaSet and the new pod (at 12 ms) in the first batch`,
      );
    assert.equal(batches(createBatchWindow(), 0).length, 10, 'without it, every tick is a batch');
  });

  it('does not lengthen the churn window with the settle', () => {
    const settled = drive(100, 10, 0, { settleMs: SETTLE_MS });
    const plain = drive(100, 10);
    assert.equal(settled.waits[0], SETTLE_MS, 'a lone change waits the settle');
    assert.ok(Math.max(...settled.waits) <= MAX_BATCH_MS);
    assert.ok(
      Math.abs(settled.late - plain.late) <= 1,
      `${settled.late} against ${plain.late} batches in the last 5 s`,
    );
  });

  it('spends the allowance once at the start of churn and does not earn it back under churn', () => {
    const withAllowance = drive(100, 10);
    const without = drive(100, 10, 0, { burst: 0 });
    assert.ok(
      withAllowance.late >= 24 && withAllowance.late <= 26,
      `${withAllowance.late} batches in the last 5 s`,
    );
    const extra = withAllowance.batches - without.batches;
    assert.ok(extra > 0 && extra <= BURST_BATCHES, `${extra} batches more than without the allowance`);
  });

  it('coalesces 100 changes a second into one batch per 200 ms, as the fixed window did', () => {
    const { w, batches, late, waits, now } = drive(100, 10);
    assert.equal(Math.round(w.windowMs(now)), MAX_BATCH_MS);
    assert.ok(Math.round(w.rate(now)) >= 95 && Math.round(w.rate(now)) <= 101, `rate ${w.rate(now)}`);
    assert.ok(late >= 24 && late <= 26, `${late} batches in the last 5 s (5 a second)`);
    // the estimate needs a second or two to catch up with the churn (and the burst allowance is spent
    // once): a bounded start, then 5/s
    assert.ok(batches <= 100, `${batches} batches in 10 s`);
    assert.equal(waits[0], 0, 'the first change of the churn still goes at once');
    assert.ok(Math.max(...waits) <= MAX_BATCH_MS, 'never longer than 200 ms');
  });

  it('grows the window with the rate: shorter at 40 changes a second than at 100', () => {
    const at25 = drive(40, 10);
    const at100 = drive(100, 10);
    const w25 = at25.w.windowMs(at25.now);
    assert.ok(w25 > 0 && w25 < at100.w.windowMs(at100.now), `40/s: ${w25} ms`);
    assert.ok(at25.batches > at100.batches / 2, `${at25.batches} batches at 40/s`);
  });

  it('never waits longer than the cap, whatever the rate', () => {
    const w = createBatchWindow({ burst: 0 });
    w.arrive(0, 1_000_000);
    w.sent(0);
    assert.equal(w.arrive(1, 1_000_000), MAX_BATCH_MS - 1);
    assert.equal(w.windowMs(1), MAX_BATCH_MS);
  });

  it('closes the window again a few seconds after the churn stops', () => {
    const { w, now } = drive(100, 10);
    assert.ok(w.windowMs(now) > 0);
    assert.equal(w.windowMs(now + 5_000), 0);
    assert.equal(w.arrive(now + 5_000), 0, 'the next lone change goes at once');
  });

  it('refuses a busy rate at or below the quiet one', () => {
    assert.throws(() => createBatchWindow({ quietPerSecond: 20, busyPerSecond: 20 }), /busyPerSecond/);
  });
});
