'use client';

// The charts as the rest of Podium uses them. recharts is loaded on demand (next/dynamic, no SSR),
// and only when a chart nears the viewport (onceVisible), so it stays out of the first load of a
// page whose charts are below the fold; a skeleton of the same height holds the place.
// Each *Chart takes the raw history and shapes it with lib/models/history.ts; the
// Lazy*View exports take already-shaped rows.
import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import type { HistoryPoint } from '@/lib/models/types';
import { ChartSkeleton } from './chart-skeleton';
import { onceVisible } from './when-visible';
import { hpaSeries, podUsageSeries, replicaSeries, type UsageMetric } from '@/lib/models/history';

const loading = () => <ChartSkeleton />;

export const LazyReplicasChartView = onceVisible(
  dynamic(() => import('./replicas-chart').then((m) => m.ReplicasChartView), {
    ssr: false,
    loading,
  }),
);
export const LazyHpaChartView = onceVisible(
  dynamic(() => import('./hpa-chart').then((m) => m.HpaChartView), {
    ssr: false,
    loading,
  }),
);
export const LazyUsageChartView = onceVisible(
  dynamic(() => import('./usage-chart').then((m) => m.UsageChartView), {
    ssr: false,
    loading,
  }),
);
/** Expected vs measured canary split; takes `data: SplitRow[]` (percent). */
export const SplitChart = onceVisible(
  dynamic(() => import('./split-chart').then((m) => m.SplitChartView), {
    ssr: false,
    loading,
  }),
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
  return <LazyReplicasChartView data={data} />;
}

/** Current vs target utilization and replicas of one HPA over time. */
export function HpaChart({ history, hpa }: { history: readonly HistoryPoint[]; hpa: string }) {
  const data = useMemo(() => hpaSeries(history, hpa), [history, hpa]);
  return <LazyHpaChartView data={data} />;
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
  return <LazyUsageChartView series={series} metric={metric} />;
}
