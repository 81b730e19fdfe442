'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, ChartFrame, TOOLTIP_STYLE, timeFormatter, timeAxisProps } from './chart-frame';
import { spanMs } from '@/components/ui/time';
import type { HpaRow } from '@/lib/models/history';

export interface HpaChartViewProps {
  /** from hpaSeries(history, hpa) of lib/models/history */
  data: HpaRow[];
}

/** Current vs target utilization (left axis, %) and replicas (right axis) of one HPA. */
export function HpaChartView({ data }: HpaChartViewProps) {
  const last = data[data.length - 1];
  const format = timeFormatter(spanMs(data));
  const label = last
    ? `Autoscaler over time; now ${last.current ?? 'unknown'} % of target ${last.target ?? 'unknown'} %, ${last.replicas ?? 0} replicas`
    : 'Autoscaler over time; no samples yet';
  return (
    <ChartFrame label={label} testId="hpa-chart" empty={data.length < 2}>
      <LineChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis {...timeAxisProps(format)} />
        <YAxis
          yAxisId="pct"
          tick={AXIS_TICK}
          stroke="currentColor"
          domain={[0, 'auto']}
          tickFormatter={(v: number) => `${v}%`}
        />
        <YAxis
          yAxisId="replicas"
          orientation="right"
          allowDecimals={false}
          tick={AXIS_TICK}
          stroke="currentColor"
          domain={[0, 'auto']}
        />
        <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={format} />
        <Legend wrapperStyle={{ fontSize: '0.75rem' }} />
        <Line
          yAxisId="pct"
          name="target %"
          dataKey="target"
          type="stepAfter"
          stroke="#ef4444"
          strokeDasharray="6 4"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="pct"
          name="current %"
          dataKey="current"
          type="monotone"
          stroke="#f97316"
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="replicas"
          name="replicas"
          dataKey="replicas"
          type="stepAfter"
          stroke="#0ea5e9"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="replicas"
          name="desired"
          dataKey="desired"
          type="stepAfter"
          stroke="#64748b"
          strokeDasharray="2 3"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
