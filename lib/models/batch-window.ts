// When to send the live stream's next batch: at once while the stream is quiet, and coalesced only
// under churn, in a window that grows with the rate of changes, up to MAX_BATCH_MS. Used twice on
// the live path (docs/architecture.md, "The live path, step by step"): by the server's feed
// (lib/k8s/feed.ts), per scope, and by each tab before it writes into its cache
// (lib/hooks/use-live-stream.ts), which also waits for the next animation frame.
//
// A fixed window costs a quiet stream its whole length on every change (a Deployment scaled 1 → 2
// is a burst of a dozen changes: the scale, the ReplicaSet, the new pod, its scheduling, statuses,
// events). The window only pays when changes come faster than the page can usefully render them:
// then one batch per window keeps each viewer's work per second bounded (5 batches a second at
// 200 ms, whatever the namespace's churn). A burst after a quiet moment is not churn: the rate
// estimate jumps with it and would hold the new pod behind the scale that came just before, so a
// quiet stream also earns a small allowance of batches sent at once (BURST_BATCHES, earned back
// only while the rate is quiet, so under churn the bound stays one batch per window).
// "At once" can mean a short settle (`settleMs`, the server's feed: SETTLE_MS): a batch leaves that
// long after its first change, so a burst's head goes as one batch. A scale's Deployment, its
// ReplicaSet and the new pod reach the API server within about 15 ms of one another; sent apart,
// each is a render in every tab, and twenty tabs rendering the scale first held the new pod behind
// it (docs/performance.md, "The burst's head in one batch").
// Pure: the caller gives the time, so the tests drive it with a fake clock.

/** Today's bound: under churn, at most one batch per this (the window never grows beyond it). */
export const MAX_BATCH_MS = 200;

/** The server's settle: a quiet stream's batch leaves this long after its first change. */
export const SETTLE_MS = 30;

/** Batches a quiet stream may send at once, ahead of the window (earned back in a second of quiet). */
export const BURST_BATCHES = 8;

export interface BatchWindowOptions {
  /** the longest window, reached at `busyPerSecond` (default MAX_BATCH_MS) */
  maxMs?: number;
  /** at or below this rate of changes a second, every change goes at once (default 20: a
   * Deployment scaled once a second is already that, with its ReplicaSet, pod, statuses and events) */
  quietPerSecond?: number;
  /** at or above this rate the window is `maxMs` (default 60: churn, such as 100 label patches a
   * second or a 10,000-pod rollout, gets today's 200 ms) */
  busyPerSecond?: number;
  /** how fast the rate estimate forgets: a change's weight halves every this many ms (default 1000) */
  halfLifeMs?: number;
  /** batches sent ahead of the window after a quiet moment (default BURST_BATCHES; 0: none) */
  burst?: number;
  /** the least wait, counted from a batch's first change: "at once" gathers what follows within
   * it (default 0; the server's feed: SETTLE_MS) */
  settleMs?: number;
}

export interface BatchWindow {
  /** `count` changes arrived at `now`; returns how long to wait before sending them (0: at once;
   * never less than `settleMs`) */
  arrive(now: number, count?: number): number;
  /** a batch went out at `now` */
  sent(now: number): void;
  /** the estimated rate at `now`, in changes a second */
  rate(now: number): number;
  /** the window at `now`: the least time between two batches */
  windowMs(now: number): number;
}

export function createBatchWindow(options: BatchWindowOptions = {}): BatchWindow {
  const {
    maxMs = MAX_BATCH_MS,
    quietPerSecond = 20,
    busyPerSecond = 60,
    halfLifeMs = 1_000,
    burst = BURST_BATCHES,
    settleMs = 0,
  } = options;
  if (!(busyPerSecond > quietPerSecond)) throw new Error('busyPerSecond must exceed quietPerSecond');
  // An exponentially decayed count of changes: at a steady r changes per ms it settles at
  // r × halfLife / ln 2, so the rate is level × ln 2 / halfLife. O(1) per arrival, no history kept.
  let level = 0;
  let levelAt = 0;
  let lastSent = -Infinity;
  // the burst allowance: spent by a batch sent before the window allows, earned back at `burst`
  // a second while the rate is quiet (never under churn)
  let allowance = burst;
  let allowanceAt = 0;

  const decayed = (now: number) => level * 2 ** (-Math.max(0, now - levelAt) / halfLifeMs);
  const rate = (now: number) => (decayed(now) * Math.LN2 * 1000) / halfLifeMs;
  const windowMs = (now: number) => {
    const r = rate(now);
    const share = Math.min(1, Math.max(0, (r - quietPerSecond) / (busyPerSecond - quietPerSecond)));
    return share * maxMs;
  };

  const earn = (now: number) => {
    if (now > allowanceAt && rate(now) <= quietPerSecond)
      allowance = Math.min(burst, allowance + ((now - allowanceAt) * burst) / 1_000);
    allowanceAt = Math.max(allowanceAt, now);
  };
  const windowWait = (now: number) => Math.max(0, Math.min(maxMs, lastSent + windowMs(now) - now));

  return {
    arrive(now, count = 1) {
      earn(now);
      level = decayed(now) + count;
      levelAt = now;
      const wait = windowWait(now);
      return Math.max(settleMs, wait > 0 && allowance >= 1 ? 0 : wait);
    },
    sent(now) {
      earn(now);
      if (windowWait(now) > 0) allowance = Math.max(0, allowance - 1);
      lastSent = now;
    },
    rate,
    windowMs,
  };
}
