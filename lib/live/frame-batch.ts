// When a tab writes what the live stream brought into its cache (lib/hooks/use-live-stream.ts): a
// lone change at once, when nothing was written in the last frame's time; else at the next animation
// frame, so the messages of one frame make one render; and under churn after the
// same growing window as the server's (lib/models/batch-window.ts), so a tab renders at most five
// batches a second however many the worker passes on. A hidden tab renders nothing (<Activity>), so
// it writes at once and keeps its cache current; a frame that never comes (the tab was hidden
// meanwhile) is replaced by a timer.
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
}

/** One frame at 60 Hz: a write at once only when none happened within it. */
const FRAME_MS = 16;
/** A frame should come within this after it was asked for; else the timer writes. */
const FRAME_GRACE_MS = 250;

export const browserFrameEnv = (): FrameEnv => ({
  now: () => Date.now(),
  frame: typeof requestAnimationFrame === 'function' ? (cb) => requestAnimationFrame(cb) : null,
  cancelFrame: (id) => cancelAnimationFrame(id),
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  setTimer: (cb, ms) => setTimeout(cb, ms),
  clearTimer: (id) => clearTimeout(id),
});

export interface FrameBatcher {
  /** `count` changes arrived: `write` runs now if quiet, else at the next frame after the window */
  add(count: number): void;
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

  const clear = () => {
    if (frameId !== null) env.cancelFrame(frameId);
    if (waitTimer !== null) env.clearTimer(waitTimer);
    if (graceTimer !== null) env.clearTimer(graceTimer);
    frameId = waitTimer = graceTimer = null;
    scheduled = false;
  };
  const run = () => {
    clear();
    lastWrite = env.now();
    batchWindow.sent(lastWrite);
    write();
  };

  return {
    add(count) {
      const wait = batchWindow.arrive(env.now(), count);
      if (scheduled) return;
      const frame = env.frame;
      if (!frame || env.hidden()) return run();
      if (wait === 0 && env.now() - lastWrite >= FRAME_MS) return run();
      scheduled = true;
      const askFrame = () => {
        waitTimer = null;
        frameId = frame(run);
      };
      if (wait > 0) waitTimer = env.setTimer(askFrame, wait);
      else askFrame();
      graceTimer = env.setTimer(run, wait + FRAME_GRACE_MS);
    },
    cancel: clear,
  };
}
