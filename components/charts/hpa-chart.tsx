'use client';

import type { HpaRow } from '@/lib/models/history';
import { TimeSeriesChart, type AxisConfig, type SeriesConfig } from './chart';

export interface HpaChartViewProps {
  /** from hpaSeries(history, hpa) of lib/models/history */
  data: HpaRow[];
  /** what the chart says while it cannot draw (chartEmptyText) */
  emptyText?: string;
}

const AXES: AxisConfig[] = [
  { id: 'pct', format: (v) => `${v}%` },
  { id: 'replicas', side: 'right', decimals: false },
];

const SERIES: SeriesConfig[] = [
  {
    key: 'target',
    name: 'target %',
    axis: 'pct',
    curve: 'stepAfter',
    color: '#ef4444',
    dash: '6 4',
    width: 1.5,
  },
  { key: 'current', name: 'current %', axis: 'pct', color: '#f97316', width: 2.5 },
  { key: 'replicas', name: 'replicas', axis: 'replicas', curve: 'stepAfter', color: '#0ea5e9' },
  {
    key: 'desired',
    name: 'desired',
    axis: 'replicas',
    curve: 'stepAfter',
    color: '#64748b',
    dash: '2 3',
    width: 1.5,
  },
];

/** Current vs target utilization (left axis, %) and replicas (right axis) of one HPA. */
export function HpaChartView({ data, emptyText }: HpaChartViewProps) {
  const last = data[data.length - 1];
  const label = last
    ? `Autoscaler over time; now ${last.current ?? 'unknown'} % of target ${last.target ?? 'unknown'} %, ${last.replicas ?? 0} replicas`
    : 'Autoscaler over time; no samples yet';
  return (
    <TimeSeriesChart
      label={label}
      testId="hpa-chart"
      emptyText={emptyText}
      data={data}
      axes={AXES}
      series={SERIES}
      margin={{ top: 8, right: 0, bottom: 0, left: -16 }}
    />
  );
}
