import 'server-only';
import type { AppMetricsResult } from '../../models/appmetrics/types';
import { appMetricNamesMatch, appMetricQuery } from '../../models/prometheus/promql';
import { parseNames, toAppSeries } from '../../models/prometheus/results';
import { prometheusGet } from './client';
import { configuredServer, queryRange, rangeWindow, refused } from './queries';

// An application's own metrics (request and error rates, p50/p95 latency, or any metric by name)
// per pod and version, over a chart's range, from Prometheus.

export type PrometheusAppMetrics = { ok: true; result: AppMetricsResult } | { ok: false; note: string };

/**
 * One key (`requests`, `errors`, `p50`, `p95` or a metric name) of one Deployment's pods over the
 * last `rangeMs`, with the metric names they expose for the picker. `ok: false` when Prometheus is
 * not configured, unreachable, or answers an error: `note` says which, and the caller reads the pods
 * directly instead. A name that fails its check (never pasted into PromQL) is `ok: false` too.
 */
export async function prometheusAppMetrics(
  namespace: string,
  deployment: string,
  key: string,
  rangeMs: number,
  now = Date.now(),
): Promise<PrometheusAppMetrics> {
  const server = configuredServer();
  if (!server.ok) return { ok: false, note: server.error };
  const w = rangeWindow(rangeMs, now);
  let query: string;
  let match: string;
  try {
    query = appMetricQuery(key, namespace, deployment, w.step);
    match = appMetricNamesMatch(namespace, deployment);
  } catch (err) {
    return { ok: false, note: refused(err).error };
  }
  const [range, names] = await Promise.all([
    queryRange(server.data, query, w),
    prometheusGet(server.data, {
      path: '/api/v1/label/__name__/values',
      params: { 'match[]': match, start: String(w.start), end: String(w.end) },
    }),
  ]);
  if (!range.ok) return { ok: false, note: range.error };
  const { series, capped } = toAppSeries(key, deployment, range.data);
  const notes: string[] = [];
  if (capped > 0) notes.push(`${capped} more series of ${key} left out (at most ${series.length} are drawn)`);
  if (!names.ok) notes.push(`the metric names could not be read: ${names.error}`);
  return {
    ok: true,
    result: { source: 'prometheus', notes, series, metrics: names.ok ? parseNames(names.data) : [] },
  };
}
