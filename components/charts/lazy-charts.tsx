'use client';

// The charts as the rest of Podium uses them. recharts is loaded on demand (lazy-view.tsx, retried),
// and only when a chart nears the viewport (onceVisible), so it stays out of the first load of a
// page whose charts are below the fold; a skeleton of the same height holds the place.
// Each *Chart takes the raw history and shapes it with lib/models/history.ts; the
// Lazy*View exports take already-shaped rows.
import { useMemo } from 'react';
import type { HistoryPoint } from '@/lib/models/types';
import { lazyView } from './lazy-view';
import { onceVisible } from './when-visible';
import { chartEmptiness, chartEmptyText } from '@/lib/models/chart-empty';
import { hpaSeries, podUsageSeries, replicaSeries, type UsageMetric } from '@/lib/models/history';

const clock = (t: number) =>
  new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The empty state of a history chart: collecting since when, or the metrics API's failure. */
function useEmptyText(history: readonly HistoryPoint[], samples: number, usage = false): string | undefined {
  return useMemo(
    () => chartEmptyText(chartEmptiness(history, samples, usage), clock),
    [history, samples, usage],
  );
}

export const LazyReplicasChartView = onceVisible(
  lazyView(() => import('./replicas-chart').then((m) => m.ReplicasChartView)),
);
export const LazyHpaChartView = onceVisible(
  lazyView(() => import('./hpa-chart').then((m) => m.HpaChartView)),
);
export const LazyUsageChartView = onceVisible(
  lazyView(() => import('./usage-chart').then((m) => m.UsageChartView)),
);
/** Expected vs measured canary split; takes `data: SplitRow[]` (percent). */
export const SplitChart = onceVisible(lazyView(() => import('./split-chart').then((m) => m.SplitChartView)));

/** One application metric, a line per version; takes `AppChartRows` (lib/models/appmetrics/rows). */
export const LazyAppMetricChartView = onceVisible(
  lazyView(() => import('./app-metric-chart').then((m) => m.AppMetricChartView)),
);

/** Desired / up-to-date / ready replicas of one Deployment over time. */
export function ReplicasChart({
  history,
  deployment,
}: {
  history: readonly HistoryPoint[];
  deployment: string;
}) {
  const data = useMemo(() => replicaSeries(history, deployment), [history, deployment]);
  const emptyText = useEmptyText(history, data.filter((r) => r.desired !== null).length);
  return <LazyReplicasChartView data={data} emptyText={emptyText} />;
}

/** Current vs target utilization and replicas of one HPA over time. */
export function HpaChart({ history, hpa }: { history: readonly HistoryPoint[]; hpa: string }) {
  const data = useMemo(() => hpaSeries(history, hpa), [history, hpa]);
  const emptyText = useEmptyText(history, data.filter((r) => r.replicas !== null).length);
  return <LazyHpaChartView data={data} emptyText={emptyText} />;
}

export interface UsageChartProps {
  history: readonly HistoryPoint[];
  metric: UsageMetric;
  /** restrict to these pods (e.g. one Deployment's); all pods of the namespace otherwise */
  pods?: readonly string[];
  /** how many of the busiest pods to draw; 10 by default */
  limit?: number;
}

/** Per-pod CPU or memory over time, the busiest `limit` pods. */
export function UsageChart({ history, metric, pods, limit = 10 }: UsageChartProps) {
  const series = useMemo(
    () => podUsageSeries(history, metric, { pods, limit }),
    [history, metric, pods, limit],
  );
  const samples = series.rows.filter((r) => series.pods.some((pod) => r[pod] != null)).length;
  const emptyText = useEmptyText(history, samples, true);
  return <LazyUsageChartView series={series} metric={metric} emptyText={emptyText} />;
}
