// The split real traffic got: the requests each member Deployment's pods counted themselves over
// the last minute (assemble.ts: requestsServed), set beside the expected share (ready pods) with the
// binomial range of split-stats.ts. The count is an extrapolated increase, so it is rounded; past
// MAX_SAMPLE requests the counts are scaled down to it for the range (a wider, safe range: the exact
// interval is computed term by term).
import { splitShares, type ExpectedMember } from '../split-stats';
import type { SplitShare } from '../traffic';

export const OBSERVED_WINDOW_MS = 60_000;
const MAX_SAMPLE = 20_000;

export interface ObservedSplit {
  /** requests in the window, over all members */
  requests: number;
  shares: SplitShare[];
}

export function observedSplit(
  members: readonly ExpectedMember[],
  served: Readonly<Record<string, number>>,
): ObservedSplit {
  const counts: Record<string, number> = {};
  for (const m of members) counts[m.deployment] = Math.max(0, Math.round(served[m.deployment] ?? 0));
  const requests = Object.values(counts).reduce((a, b) => a + b, 0);
  const scale = requests > MAX_SAMPLE ? MAX_SAMPLE / requests : 1;
  const sample =
    scale === 1
      ? counts
      : Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round(v * scale)]));
  const shares = splitShares(members, sample).map((s) => ({ ...s, responses: counts[s.deployment] ?? 0 }));
  return { requests, shares };
}
