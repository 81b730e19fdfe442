// The load generator's numbers: latency percentiles per second and the run's pacing. Pure, so the
// bounds can be tested with a fake clock.
import type { LoadPoint } from './traffic';

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? null;
}

/** One second's latencies (ms, successes and failures alike) and errors → a chart point. */
export function loadPoint(t: number, latencies: readonly number[], errors: number): LoadPoint {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    t,
    requests: latencies.length,
    errors,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

export interface LoadBounds {
  concurrency: number;
  /** requests per second, null = unlimited */
  rate: number | null;
  durationMs: number;
  maxRequests: number;
}

/**
 * May another request start now? Never more than `concurrency` in flight, never past the deadline
 * or the request budget, and with a rate, never ahead of the schedule start + sent / rate.
 * Returns 'go', 'wait' (ms until it may), or 'done'.
 */
export function nextRequest(
  bounds: LoadBounds,
  state: { startedAt: number; sent: number; inFlight: number },
  now: number,
): { action: 'go' } | { action: 'wait'; ms: number } | { action: 'done' } {
  if (now >= state.startedAt + bounds.durationMs || state.sent >= bounds.maxRequests)
    return { action: 'done' };
  if (state.inFlight >= bounds.concurrency) return { action: 'wait', ms: 0 };
  if (bounds.rate !== null) {
    const due = state.startedAt + (state.sent * 1000) / bounds.rate;
    if (due > now)
      return { action: 'wait', ms: Math.min(due - now, state.startedAt + bounds.durationMs - now) };
  }
  return { action: 'go' };
}

/** The budget a run may never exceed: the configured maximum, or fewer when a rate caps it. */
export function requestBudget(rate: number | null, durationSeconds: number, hardMax: number): number {
  if (rate === null) return hardMax;
  return Math.min(hardMax, Math.ceil(rate * durationSeconds));
}

/** Requests per second over the last `seconds` complete points. */
export function recentRate(points: readonly LoadPoint[], seconds = 5): number {
  const last = points.slice(-seconds);
  if (last.length === 0) return 0;
  return last.reduce((sum, p) => sum + p.requests, 0) / last.length;
}
