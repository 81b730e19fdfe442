// A tab's writes into its cache (lib/live/frame-batch.ts), on a fake clock, frames and timers: the
// messages of one frame make one write, a quiet stream's change is written at the next frame, churn
// waits the growing window, a hidden tab writes at once, and a frame that never comes is replaced
// by the timer. And the messages a frame gathered become one batch (stream-state.ts: joinChanges).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  COST_FACTOR,
  createFrameBatcher,
  MAX_COST_GAP_MS,
  type FrameEnv,
} from '../../../lib/live/frame-batch';
import { joinChanges } from '../../../lib/live/stream-state';
import type { StreamMessage } from '../../../lib/live/protocol';
import { pods } from './fakes';

function fakeEnv() {
  let now = 0;
  let id = 0;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { at: number; cb: () => void }>();
  const state = { hidden: false };
  const env: FrameEnv = {
    now: () => now,
    frame: (cb) => (frames.set(++id, cb), id),
    cancelFrame: (i) => void frames.delete(i),
    hidden: () => state.hidden,
    setTimer: (cb, ms) =>
      (timers.set(++id, { at: now + ms, cb }), id) as unknown as ReturnType<typeof setTimeout>,
    clearTimer: (i) => void timers.delete(i as unknown as number),
    afterTask: null,
  };
  /** time passes: due timers fire; then, every 16 ms, the pending frames */
  const advance = (ms: number, paint = true) => {
    const end = now + ms;
    while (now < end) {
      now = Math.min(end, now + 16);
      for (const [i, t] of [...timers]) if (t.at <= now && timers.delete(i)) t.cb();
      if (paint) for (const [i, cb] of [...frames]) if (frames.delete(i)) cb();
    }
  };
  return { env, advance, state, frames };
}

describe('a tab’s cache writes', () => {
  it('writes a quiet stream’s change at once, and what follows within a frame at the next frame', () => {
    const { env, advance } = fakeEnv();
    let writes = 0;
    const b = createFrameBatcher(() => writes++, env);
    b.add(1);
    assert.equal(writes, 1, 'the lone change: at once');
    b.add(3);
    b.add(2);
    assert.equal(writes, 1, 'the rest of the burst waits for the frame');
    advance(16);
    assert.equal(writes, 2, 'one write for both messages');
    advance(2_000);
    b.add(1);
    assert.equal(writes, 3, 'a lone change later: at once again');
  });

  it('under churn (100 changes a second, one message each) writes about five times a second', () => {
    const { env, advance } = fakeEnv();
    let writes = 0;
    const b = createFrameBatcher(() => writes++, env);
    for (let i = 0; i < 500; i++) {
      b.add(1);
      advance(10);
    }
    const before = writes;
    for (let i = 0; i < 300; i++) {
      b.add(1);
      advance(10);
    }
    const perSecond = (writes - before) / 3;
    assert.ok(perSecond >= 4 && perSecond <= 6, `${perSecond} writes a second`);
  });

  it('writes at once while the tab is hidden (it renders nothing, its cache stays current)', () => {
    const { env, state } = fakeEnv();
    state.hidden = true;
    let writes = 0;
    const b = createFrameBatcher(() => writes++, env);
    b.add(1);
    b.add(1);
    assert.equal(writes, 2);
  });

  it('writes by the timer when the frame never comes (hidden after it was asked for)', () => {
    const { env, advance } = fakeEnv();
    let writes = 0;
    const b = createFrameBatcher(() => writes++, env);
    b.add(1);
    b.add(1);
    assert.equal(writes, 1);
    advance(200, false);
    assert.equal(writes, 1);
    advance(100, false);
    assert.equal(writes, 2, 'within 250 ms of the frame asked for');
  });

  it('spaces its writes by what they cost: a slow render (a busy machine) makes the next write wait', () => {
    const { env, advance } = fakeEnv();
    // each write "renders" for `cost` ms: the end of its task comes that much later
    let cost = 100;
    const afterTasks: (() => void)[] = [];
    env.afterTask = (cb) => afterTasks.push(cb);
    const writes: number[] = [];
    const b = createFrameBatcher(() => writes.push(env.now()), env);
    const endTask = () => {
      advance(cost);
      for (const cb of afterTasks.splice(0)) cb();
    };
    b.add(1);
    endTask();
    b.add(1);
    endTask();
    assert.equal(writes.length, 2, 'a lone change, and the next after the first cost was known');
    // the average cost is now 75 ms (50, then 75): the next write comes no sooner than twice that
    // after the last one began (at 100 ms; now is 200 ms)
    const last = writes[1]!;
    b.add(1);
    advance(40);
    assert.equal(writes.length, 2, 'held: within the gap');
    advance(40);
    assert.equal(writes.length, 3, 'written once the gap (and its frame) passed');
    assert.ok(writes[2]! - last >= COST_FACTOR * 75, `${writes[2]! - last} ms after the last`);

    // cheap renders again: the gap shrinks back to a frame
    cost = 1;
    for (let i = 0; i < 8; i++) {
      endTask();
      advance(500);
      b.add(1);
    }
    endTask();
    advance(20);
    const n = writes.length;
    b.add(1);
    assert.equal(writes.length, n + 1, 'at once: the tab is quick again');
  });

  it('writes a pod that appears or goes at the next frame, not after the cost gap', () => {
    const { env, advance } = fakeEnv();
    const afterTasks: (() => void)[] = [];
    env.afterTask = (cb) => afterTasks.push(cb);
    const writes: number[] = [];
    const b = createFrameBatcher(() => writes.push(env.now()), env);
    // a busy tab: its writes take 150 ms, so the gap is 300 ms
    for (let i = 0; i < 4; i++) {
      b.add(1);
      advance(150);
      for (const cb of afterTasks.splice(0)) cb();
      advance(1_000);
    }
    const n = writes.length;
    b.add(3); // the scale: written at once (quiet for a second)
    advance(150);
    for (const cb of afterTasks.splice(0)) cb();
    b.add(1); // a status: waits the gap
    advance(16);
    assert.equal(writes.length, n + 1, 'the status is held');
    const t = env.now();
    b.add(1, true); // the new pod: brings the held write forward
    advance(16);
    assert.equal(writes.length, n + 2, 'the pod at the next frame');
    assert.ok(writes.at(-1)! - t <= 16, `${writes.at(-1)! - t} ms`);
    // and with nothing held: a pod that goes, right after a write, waits only for a frame
    for (const cb of afterTasks.splice(0)) cb();
    b.add(1, true);
    assert.equal(writes.length, n + 2, 'not twice in one frame');
    advance(16);
    assert.equal(writes.length, n + 3);
  });

  it('keeps the churn window for pods that appear under churn: about five writes a second', () => {
    const { env, advance } = fakeEnv();
    let writes = 0;
    const b = createFrameBatcher(() => writes++, env);
    // 100 new pods a second (a 10,000-pod Deployment scaling up), one message each
    for (let i = 0; i < 500; i++) {
      b.add(1, true);
      advance(10);
    }
    const before = writes;
    for (let i = 0; i < 300; i++) {
      b.add(1, true);
      advance(10);
    }
    const perSecond = (writes - before) / 3;
    assert.ok(perSecond >= 4 && perSecond <= 6, `${perSecond} writes a second`);
  });

  it('never holds a change longer than MAX_COST_GAP_MS for its cost', () => {
    const { env, advance } = fakeEnv();
    const afterTasks: (() => void)[] = [];
    env.afterTask = (cb) => afterTasks.push(cb);
    const writes: number[] = [];
    const b = createFrameBatcher(() => writes.push(env.now()), env);
    for (let i = 0; i < 3; i++) {
      b.add(1);
      advance(5_000); // a frozen moment: the task "took" 5 s
      for (const cb of afterTasks.splice(0)) cb();
      advance(MAX_COST_GAP_MS + 20);
    }
    assert.equal(writes.length, 3);
    const t = env.now();
    b.add(1);
    advance(MAX_COST_GAP_MS + 20);
    assert.equal(writes.length, 4, 'written within the bound');
    assert.ok(writes[3]! - t <= MAX_COST_GAP_MS + 16, `${writes[3]! - t} ms`);
  });

  it('writes nothing after cancel', () => {
    const { env, advance } = fakeEnv();
    let writes = 0;
    const b = createFrameBatcher(() => writes++, env);
    b.add(1);
    b.add(1);
    b.cancel();
    advance(1_000);
    assert.equal(writes, 1, 'only the first, written at once');
  });
});

describe('joinChanges', () => {
  it('joins consecutive batches into one, keeping order and what lies between', () => {
    const [a, b, c] = pods as [(typeof pods)[0], (typeof pods)[0], (typeof pods)[0]];
    const ch = (o: typeof a): StreamMessage => ({
      event: 'changes',
      data: [{ kind: 'pods', type: 'MODIFIED', object: o }],
    });
    const snap: StreamMessage = { event: 'snapshot', data: { kind: 'pods', namespace: 'shop', items: [a] } };
    const joined = joinChanges([ch(a), ch(b), snap, ch(c)]);
    assert.deepEqual(
      joined.map((m) => (m.event === 'changes' ? m.data.map((x) => x.object.uid) : m.event)),
      [[a.uid, b.uid], 'snapshot', [c.uid]],
    );
  });
});
