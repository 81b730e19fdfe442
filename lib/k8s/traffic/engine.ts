import 'server-only';
import { nextRequest, type LoadBounds } from '../../models/load-stats';

// The one request loop behind the availability probe, the split sampler and the load generator:
// it starts a request when lib/models/load-stats.ts's nextRequest says so, and nothing else can
// make it send more. Bounds hold whatever the caller does: at most `concurrency` in flight, none
// started after the deadline or past the request budget, and every request still in flight at the
// deadline (or on stop) is aborted. The clock is injected so the bounds can be tested without time.

export interface Clock {
  now(): number;
  /** resolves after ms, or at once when the signal aborts */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done, { once: true });
    }),
};

export type EndReason = 'duration' | 'requests' | 'stopped';

export interface BoundedRunOptions {
  bounds: LoadBounds;
  clock?: Clock;
  /** stop from outside (a viewer, the last viewer leaving, process exit) */
  signal: AbortSignal;
  /** one request; gets a signal that aborts at the deadline or on stop. Must not throw. */
  send: (signal: AbortSignal) => Promise<void>;
  /** observed by tests: every state change */
  onState?: (s: { sent: number; inFlight: number; now: number }) => void;
}

export async function runBounded(opts: BoundedRunOptions): Promise<{ sent: number; reason: EndReason }> {
  const clock = opts.clock ?? realClock;
  const { bounds } = opts;
  const startedAt = clock.now();
  const inner = new AbortController();
  const stop = () => inner.abort();
  opts.signal.addEventListener('abort', stop, { once: true });
  // one timer for the deadline: it aborts whatever is still in flight
  void clock.sleep(bounds.durationMs, inner.signal).then(stop);
  const inflight = new Set<Promise<void>>();
  let sent = 0;
  let reason: EndReason = 'duration';
  try {
    for (;;) {
      if (opts.signal.aborted) {
        reason = 'stopped';
        break;
      }
      if (inner.signal.aborted) break; // the deadline
      const next = nextRequest(bounds, { startedAt, sent, inFlight: inflight.size }, clock.now());
      if (next.action === 'done') {
        reason = sent >= bounds.maxRequests ? 'requests' : 'duration';
        break;
      }
      if (next.action === 'wait') {
        // the rate's schedule, or a free slot (every request ends by the deadline at the latest)
        if (next.ms > 0) await clock.sleep(next.ms, inner.signal);
        else await Promise.race(inflight);
        continue;
      }
      sent++;
      const p: Promise<void> = opts
        .send(inner.signal)
        .catch(() => undefined)
        .finally(() => {
          inflight.delete(p);
          opts.onState?.({ sent, inFlight: inflight.size, now: clock.now() });
        });
      inflight.add(p);
      opts.onState?.({ sent, inFlight: inflight.size, now: clock.now() });
    }
    // a run that used its budget early lets its last requests finish, until the deadline at most
    await Promise.allSettled([...inflight]);
  } finally {
    opts.signal.removeEventListener('abort', stop);
    inner.abort();
    await Promise.allSettled([...inflight]);
  }
  return { sent, reason };
}
