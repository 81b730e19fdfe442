// The per-container lines-per-second cap: a token bucket. A chatty process cannot make Podium
// queue without bound: past the cap lines are dropped at once and counted, and the lane later says
// "N lines dropped". The burst lets the first lines (the kubelet's tail) arrive whole.

export const LINES_PER_SECOND = 200;
export const BURST_LINES = 1000;

export class RateCap {
  private tokens: number;
  private last: number;
  /** lines dropped since the last report */
  dropped = 0;

  constructor(
    readonly perSecond = LINES_PER_SECOND,
    readonly burst = BURST_LINES,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Whether one more line may pass at `now`; false counts it as dropped. */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.dropped++;
    return false;
  }

  /** The dropped count to report (then reset), 0 when nothing was dropped. */
  report(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }
}
