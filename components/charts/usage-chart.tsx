'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes, formatCpu } from '@/lib/models/quantity';
import { shortPodName } from '@/components/pods/pod-view';
import { AXIS_TICK, ChartFrame, PALETTE, TOOLTIP_STYLE, timeFormatter, timeAxisProps } from './chart-frame';
import { spanMs } from '@/components/ui/time';
import type { UsageMetric, UsageSeries } from '@/lib/models/history';

export interface UsageChartViewProps {
  /** from podUsageSeries(history, metric, { pods }) of lib/models/history */
  series: UsageSeries;
  metric: UsageMetric;
}

/** One line per pod (top 10): CPU in millicores or memory in bytes, like `kubectl top pod` over time. */
export function UsageChartView({ series, metric }: UsageChartViewProps) {
  const { pods, rows } = series;
  const format = timeFormatter(spanMs(rows));
  const formatValue = metric === 'cpu' ? formatCpu : formatBytes;
  const label = `${metric === 'cpu' ? 'CPU' : 'Memory'} per pod over time, ${pods.length} pods`;
  return (
    <ChartFrame
      label={label}
      testId={`usage-chart-${metric}`}
      empty={rows.length < 2 || pods.length === 0}
      emptyText={pods.length === 0 ? 'No pod metrics yet (is metrics-server running?)' : undefined}
    >
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis {...timeAxisProps(format)} />
        <YAxis
          tick={AXIS_TICK}
          stroke="currentColor"
          domain={[0, 'auto']}
          tickFormatter={(v: number) => formatValue(v)}
          width={56}
        />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={format}
          formatter={(v) => (typeof v === 'number' ? formatValue(v) : '—')}
        />
        <Legend wrapperStyle={{ fontSize: '0.75rem' }} />
        {pods.map((pod, i) => (
          <Line
            key={pod}
            name={shortPodName(pod)}
            dataKey={pod}
            type="monotone"
            stroke={PALETTE[i % PALETTE.length]}
            strokeWidth={1.75}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
