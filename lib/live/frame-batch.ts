// When a tab writes what the live stream brought into its cache (lib/hooks/use-live-stream.ts): a
// lone change at once, when the tab is idle; else at the next animation frame, so the messages of
// one frame make one render; and under churn after the same growing window as the server's
// (lib/models/batch-window.ts), so a tab renders at most five batches a second however many the
// worker passes on. A hidden tab renders nothing (<Activity>), so it writes at once and keeps its
// cache current; a frame that never comes (the tab was hidden meanwhile) is replaced by a timer.
//
// The gap between two writes also follows what a write costs this tab: each write is timed to the
// end of its task (the render React runs in its microtasks included), and the next one waits at
// least COST_FACTOR times that. A tab alone on the machine renders in a few milliseconds and keeps
// the one-frame gap; twenty visible tabs on two cores each take ten times longer in wall time, so
// each writes less often, the renders stop queueing behind one another, and every tab catches up
// (docs/performance.md, "Twenty visible tabs"). A pod that appears or goes is what the page is for:
// such a batch waits for the next frame only, not for the cost gap, unless the stream churns (then
// the window holds it like any other); a tab still renders at most once a frame.
import { createBatchWindow } from '../models/batch-window';

/** What the batcher needs of the browser; the tests give their own. */
export interface FrameEnv {
  now(): number;
  /** null where there are no animation frames (a worker, a test's fake DOM): write at once */
  frame: ((cb: () => void) => number) | null;
  cancelFrame(id: number): void;
  hidden(): boolean;
  setTimer(cb: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimer(id: ReturnType<typeof setTimeout>): void;
  /** runs `cb` once the current task and its microtasks are done (null: writes are not timed) */
  afterTask: ((cb: () => void) => void) | null;
}

/** One frame at 60 Hz: a write at once only when none happened within it. */
const FRAME_MS = 16;
/** A frame should come within this after it was asked for; else the timer writes. */
const FRAME_GRACE_MS = 250;
/** The next write waits at least this many times what the last ones cost (writes take ≤ 1/3 of the tab). */
export const COST_FACTOR = 2;
/** ... but never longer than this: a slow moment (a GC, a busy machine) must not hold a change for long. */
export const MAX_COST_GAP_MS = 400;

/** A MessageChannel's message runs after the current task and its microtasks (a timer may be clamped). */
function browserAfterTask(): FrameEnv['afterTask'] {
  if (typeof MessageChannel === 'undefined') return null;
  let channel: MessageChannel | null = null;
  const queue: (() => void)[] = [];
  return (cb) => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => queue.shift()?.();
      // Node (the render tests) would otherwise stay alive for the open port; browsers have no unref
      (channel.port1 as { unref?: () => void }).unref?.();
    }
    queue.push(cb);
    channel.port2.postMessage(null);
  };
}

export const browserFrameEnv = (): FrameEnv => ({
  now: () => Date.now(),
  frame: typeof requestAnimationFrame === 'function' ? (cb) => requestAnimationFrame(cb) : null,
  cancelFrame: (id) => cancelAnimationFrame(id),
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  setTimer: (cb, ms) => setTimeout(cb, ms),
  clearTimer: (id) => clearTimeout(id),
  afterTask: browserAfterTask(),
});

export interface FrameBatcher {
  /** `count` changes arrived: `write` runs now if quiet, else at the next frame after the window;
   * `urgent` (a pod appeared or went): at the next frame, whatever the cost gap, unless churn */
  add(count: number, urgent?: boolean): void;
  /** forget what is scheduled (the stream's subscriber leaves) */
  cancel(): void;
}

export function createFrameBatcher(write: () => void, env: FrameEnv = browserFrameEnv()): FrameBatcher {
  const batchWindow = createBatchWindow();
  let frameId: number | null = null;
  let waitTimer: ReturnType<typeof setTimeout> | null = null;
  let graceTimer: ReturnType<typeof setTimeout> | null = null;
  let scheduled = false;
  let lastWrite = -Infinity;
  /** what a write costs this tab, in wall time (a moving average: half the last, half the rest) */
  let cost = 0;
  const gap = () => Math.min(MAX_COST_GAP_MS, Math.max(FRAME_MS, COST_FACTOR * cost));

  const clear = () => {
    if (frameId !== null) env.cancelFrame(frameId);
    if (waitTimer !== null) env.clearTimer(waitTimer);
    if (graceTimer !== null) env.clearTimer(graceTimer);
    frameId = waitTimer = graceTimer = null;
    scheduled = false;
  };
  const run = () => {
    clear();
    const start = (lastWrite = env.now());
    batchWindow.sent(start);
    write();
    env.afterTask?.(() => {
      cost = (cost + (env.now() - start)) / 2;
    });
  };

  const askFrame = () => {
    waitTimer = null;
    frameId = env.frame!(run);
  };

  return {
    add(count, urgent = false) {
      const wait = batchWindow.arrive(env.now(), count);
      const quick = urgent && wait === 0;
      if (scheduled) {
        // a write waiting out the cost gap: an urgent change brings it forward to the next frame
        if (quick && waitTimer !== null) {
          env.clearTimer(waitTimer);
          if (graceTimer !== null) env.clearTimer(graceTimer);
          askFrame();
          graceTimer = env.setTimer(run, FRAME_GRACE_MS);
        }
        return;
      }
      if (!env.frame || env.hidden()) return run();
      const hold = quick ? lastWrite + FRAME_MS - env.now() : Math.max(wait, lastWrite + gap() - env.now());
      if (hold <= 0) return run();
      scheduled = true;
      // within the frame's own gap, the frame is the wait; beyond it, a timer first
      if (hold > FRAME_MS) waitTimer = env.setTimer(askFrame, hold);
      else askFrame();
      graceTimer = env.setTimer(run, hold + FRAME_GRACE_MS);
    },
    cancel: clear,
  };
}
