'use client';

import type { AppChartRows } from '@/lib/models/appmetrics/rows';
import { latestByLine } from '@/lib/models/appmetrics/rows';
import { TimeSeriesChart, type AxisConfig, type SeriesConfig } from './chart';

export interface AppMetricChartViewProps {
  data: AppChartRows;
  title: string;
  unit: 'per-second' | 'seconds' | 'value';
  emptyText?: string;
  testId: string;
}

const COLORS = ['#0ea5e9', '#f59e0b', '#8b5cf6', '#ec4899', '#14b8a6', '#64748b'];

function formatValue(unit: AppMetricChartViewProps['unit']) {
  if (unit === 'seconds') return (v: number) => (v < 1 ? `${Math.round(v * 1000)} ms` : `${v.toFixed(2)} s`);
  if (unit === 'per-second') return (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)}/s`;
  return (v: number) => (Math.abs(v) < 10 ? String(Number(v.toFixed(2))) : String(Math.round(v)));
}

/** One application metric over time, a line per version (per Deployment in a canary). */
export function AppMetricChartView({ data, title, unit, emptyText, testId }: AppMetricChartViewProps) {
  const format = formatValue(unit);
  const axes: AxisConfig[] = [{ id: 'v', format, width: 56 }];
  const series: SeriesConfig[] = data.lines.map((l, i) => ({
    key: l.key,
    name: l.name,
    color: COLORS[i % COLORS.length] ?? '#64748b',
    connectNulls: false,
  }));
  const latest = latestByLine(data);
  const label = latest.length
    ? `${title}; now ${latest.map((l) => `${l.name} ${format(l.value)}`).join(', ')}`
    : `${title}; no samples yet`;
  return (
    <TimeSeriesChart
      label={label}
      testId={testId}
      emptyText={emptyText}
      data={data.rows}
      axes={axes}
      series={series}
      valueFormat={format}
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
    />
  );
}
