// When to send the live stream's next batch: at once while the stream is quiet, and coalesced only
// under churn, in a window that grows with the rate of changes, up to MAX_BATCH_MS. Used twice on
// the live path (docs/architecture.md, "The live path, step by step"): by the server's feed
// (lib/k8s/feed.ts), per scope, and by each tab before it writes into its cache
// (lib/hooks/use-live-stream.ts), which also waits for the next animation frame.
//
// A fixed window costs a quiet stream its whole length on every change (a Deployment scaled 1 → 2
// is a burst of a few changes: the scale, the ReplicaSet, the new pod). The window only pays when
// changes come faster than the page can usefully render them: then one batch per window keeps each
// viewer's work per second bounded (5 batches a second at 200 ms, whatever the namespace's churn).
// Pure: the caller gives the time, so the tests drive it with a fake clock.

/** Today's bound: under churn, at most one batch per this (the window never grows beyond it). */
export const MAX_BATCH_MS = 200;

export interface BatchWindowOptions {
  /** the longest window, reached at `busyPerSecond` (default MAX_BATCH_MS) */
  maxMs?: number;
  /** at or below this rate of changes a second, every change goes at once (default 5) */
  quietPerSecond?: number;
  /** at or above this rate the window is `maxMs` (default 20: the churn a loaded API server delivers, 30-50/s, gets today's 200 ms) */
  busyPerSecond?: number;
  /** how fast the rate estimate forgets: a change's weight halves every this many ms (default 1000) */
  halfLifeMs?: number;
}

export interface BatchWindow {
  /** `count` changes arrived at `now`; returns how long to wait before sending them (0: at once) */
  arrive(now: number, count?: number): number;
  /** a batch went out at `now` */
  sent(now: number): void;
  /** the estimated rate at `now`, in changes a second */
  rate(now: number): number;
  /** the window at `now`: the least time between two batches */
  windowMs(now: number): number;
}

export function createBatchWindow(options: BatchWindowOptions = {}): BatchWindow {
  const { maxMs = MAX_BATCH_MS, quietPerSecond = 5, busyPerSecond = 20, halfLifeMs = 1_000 } = options;
  if (!(busyPerSecond > quietPerSecond)) throw new Error('busyPerSecond must exceed quietPerSecond');
  // An exponentially decayed count of changes: at a steady r changes per ms it settles at
  // r × halfLife / ln 2, so the rate is level × ln 2 / halfLife. O(1) per arrival, no history kept.
  let level = 0;
  let levelAt = 0;
  let lastSent = -Infinity;

  const decayed = (now: number) => level * 2 ** (-Math.max(0, now - levelAt) / halfLifeMs);
  const rate = (now: number) => (decayed(now) * Math.LN2 * 1000) / halfLifeMs;
  const windowMs = (now: number) => {
    const r = rate(now);
    const share = Math.min(1, Math.max(0, (r - quietPerSecond) / (busyPerSecond - quietPerSecond)));
    return share * maxMs;
  };

  return {
    arrive(now, count = 1) {
      level = decayed(now) + count;
      levelAt = now;
      return Math.max(0, Math.min(maxMs, lastSent + windowMs(now) - now));
    },
    sent(now) {
      lastSent = now;
    },
    rate,
    windowMs,
  };
}
