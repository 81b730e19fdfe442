'use client';

import type { ReplicaRow } from '@/lib/models/history';
import { TimeSeriesChart, type AxisConfig, type SeriesConfig } from './chart';

export interface ReplicasChartViewProps {
  /** from replicaSeries(history, deployment) of lib/models/history */
  data: ReplicaRow[];
  /** what the chart says while it cannot draw (chartEmptyText) */
  emptyText?: string;
}

const AXES: AxisConfig[] = [{ id: 'replicas', decimals: false }];

const SERIES: SeriesConfig[] = [
  { key: 'desired', name: 'desired', curve: 'stepAfter', color: '#64748b', dash: '6 4' },
  { key: 'updated', name: 'up-to-date', curve: 'stepAfter', color: '#0ea5e9', width: 1.5 },
  { key: 'ready', name: 'ready', curve: 'stepAfter', color: '#10b981', width: 2.5 },
];

/** Desired vs ready (and up-to-date) replicas of one Deployment over time, as steps. */
export function ReplicasChartView({ data, emptyText }: ReplicasChartViewProps) {
  const last = data[data.length - 1];
  const label = last
    ? `Replicas over time; now ${last.ready ?? 0} ready of ${last.desired ?? 0} desired`
    : 'Replicas over time; no samples yet';
  return (
    <TimeSeriesChart
      label={label}
      testId="replicas-chart"
      emptyText={emptyText}
      data={data}
      axes={AXES}
      series={SERIES}
    />
  );
}
