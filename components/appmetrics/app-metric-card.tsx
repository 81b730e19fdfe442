'use client';
import { useMemo } from 'react';
import { LazyAppMetricChartView } from '@/components/charts/lazy-charts';
import { useAppMetrics } from '@/lib/hooks/use-app-metrics';
import { appChartRows, unitOf } from '@/lib/models/appmetrics/rows';

export interface AppMetricCardProps {
  namespace: string;
  deployment: string;
  metricKey: string;
  range: number;
  title: string;
}

/** One chart of the panel: its own poll of the route, a line per version. */
export function AppMetricCard({ namespace, deployment, metricKey, range, title }: AppMetricCardProps) {
  const { data, error } = useAppMetrics(namespace, deployment, metricKey, range);
  const rows = useMemo(() => appChartRows(data?.series ?? []), [data]);
  // which versions have a value at the newest time (the tests read a rollout's move from these)
  const newest = rows.rows.at(-1);
  const live = rows.lines.filter((l) => newest?.[l.key] != null).map((l) => l.version);
  const emptyText = error
    ? `Could not read the metrics: ${error.message}`
    : data && data.series.length === 0
      ? 'No data for this metric yet'
      : undefined;
  return (
    <div
      className="min-w-0 space-y-1"
      data-testid="app-metric"
      data-key={metricKey}
      data-lines={rows.lines.length}
      data-versions={rows.lines.map((l) => l.version).join(' ')}
      data-live={live.join(' ')}
    >
      <h3 className="text-sm font-medium">{title}</h3>
      <LazyAppMetricChartView
        data={rows}
        title={title}
        unit={unitOf(metricKey)}
        emptyText={emptyText}
        testId={`app-metric-chart-${metricKey}`}
      />
    </div>
  );
}
