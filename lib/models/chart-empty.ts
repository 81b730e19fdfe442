// What an empty chart says. A chart needs two samples to draw a line; until then it is collecting,
// and it says since when, so a reader can tell "just opened" from "nothing is coming". Only when
// the server's last sample recorded that the metrics API failed (HistoryPoint.metricsError) does a
// usage chart blame metrics-server: a table beside it showing each pod's CPU must not be
// contradicted by a chart guessing that metrics-server is down.
import type { HistoryPoint } from './types';

export type ChartEmptiness =
  | { state: 'drawn' }
  | { state: 'failed'; message: string }
  /** since: epoch ms of the first sample the server kept (null: none yet); samples with this series' data */
  | { state: 'collecting'; since: number | null; samples: number };

/**
 * `samples`: how many of the chart's rows carry its data; `usage`: a per-pod usage chart, the one
 * that depends on metrics.k8s.io.
 */
export function chartEmptiness(
  history: readonly HistoryPoint[],
  samples: number,
  usage: boolean,
): ChartEmptiness {
  if (samples >= 2) return { state: 'drawn' };
  const latest = history.reduce<HistoryPoint | undefined>((a, p) => (a && a.t >= p.t ? a : p), undefined);
  if (usage && latest?.metricsError) return { state: 'failed', message: latest.metricsError };
  const since = history.reduce<number | null>((a, p) => (a === null || p.t < a ? p.t : a), null);
  return { state: 'collecting', since, samples };
}

/** The empty state's sentence; `clock` formats an epoch ms as the page shows times. */
export function chartEmptyText(e: ChartEmptiness, clock: (t: number) => string): string | undefined {
  if (e.state === 'drawn') return undefined;
  if (e.state === 'failed') return `The metrics API failed (is metrics-server running?): ${e.message}`;
  const got = e.samples === 1 ? '1 sample so far, a line needs 2' : 'no sample yet';
  return e.since === null ? `Collecting samples (${got})…` : `Collecting since ${clock(e.since)} (${got})…`;
}
