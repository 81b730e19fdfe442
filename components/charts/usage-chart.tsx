'use client';

import { shortPodName } from '@/components/pods/pod-view';
import type { UsageMetric, UsageSeries } from '@/lib/models/history';
import { formatBytes, formatCpu } from '@/lib/models/quantity';
import { TimeSeriesChart } from './chart';
import { PALETTE } from './chart-frame';

export interface UsageChartViewProps {
  /** from podUsageSeries(history, metric, { pods }) of lib/models/history */
  series: UsageSeries;
  metric: UsageMetric;
  /** what the chart says while it cannot draw (chartEmptyText) */
  emptyText?: string;
}

/** One line per pod (top 10): CPU in millicores or memory in bytes, like `kubectl top pod` over time. */
export function UsageChartView({ series, metric, emptyText }: UsageChartViewProps) {
  const { pods, rows } = series;
  const formatValue = metric === 'cpu' ? formatCpu : formatBytes;
  const label = `${metric === 'cpu' ? 'CPU' : 'Memory'} per pod over time, ${pods.length} pods`;
  return (
    <TimeSeriesChart
      label={label}
      testId={`usage-chart-${metric}`}
      empty={rows.length < 2 || pods.length === 0}
      emptyText={emptyText}
      data={rows}
      axes={[{ id: 'usage', format: formatValue, width: 56 }]}
      series={pods.map((pod, i) => ({
        key: pod,
        name: shortPodName(pod),
        color: PALETTE[i % PALETTE.length]!,
        width: 1.75,
        connectNulls: false,
      }))}
      valueFormat={formatValue}
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
    />
  );
}
