'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, ChartFrame, TOOLTIP_STYLE, timeFormatter, timeAxisProps } from './chart-frame';
import { spanMs } from '@/components/ui/time';
import type { ReplicaRow } from '@/lib/models/history';

export interface ReplicasChartViewProps {
  /** from replicaSeries(history, deployment) of lib/models/history */
  data: ReplicaRow[];
}

/** Desired vs ready (and up-to-date) replicas of one Deployment over time, as steps. */
export function ReplicasChartView({ data }: ReplicasChartViewProps) {
  const last = data[data.length - 1];
  const format = timeFormatter(spanMs(data));
  const label = last
    ? `Replicas over time; now ${last.ready ?? 0} ready of ${last.desired ?? 0} desired`
    : 'Replicas over time; no samples yet';
  return (
    <ChartFrame label={label} testId="replicas-chart" empty={data.length < 2}>
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis {...timeAxisProps(format)} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} stroke="currentColor" domain={[0, 'auto']} />
        <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={format} />
        <Legend wrapperStyle={{ fontSize: '0.75rem' }} />
        <Line
          name="desired"
          dataKey="desired"
          type="stepAfter"
          stroke="#64748b"
          strokeDasharray="6 4"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          name="up-to-date"
          dataKey="updated"
          type="stepAfter"
          stroke="#0ea5e9"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          name="ready"
          dataKey="ready"
          type="stepAfter"
          stroke="#10b981"
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
