'use client';

import { CartesianGrid, ComposedChart, Bar, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { spanMs } from '@/components/ui/time';
import type { LoadPoint } from '@/lib/models/traffic';
import { AXIS_TICK, ChartFrame, TOOLTIP_STYLE, timeAxisProps, timeFormatter } from './chart-frame';

/** The latency percentiles, on the right axis: p50 bold, p99 dashed. */
const LATENCY_LINES: readonly {
  dataKey: 'p50' | 'p95' | 'p99';
  stroke: string;
  strokeWidth: number;
  strokeDasharray?: string;
}[] = [
  { dataKey: 'p50', stroke: '#10b981', strokeWidth: 2 },
  { dataKey: 'p95', stroke: '#f97316', strokeWidth: 1.5 },
  { dataKey: 'p99', stroke: '#a855f7', strokeWidth: 1.5, strokeDasharray: '4 3' },
];

const LOAD_NAMES = { what: 'requests', ok: 'ok', errors: 'errors' };

/** A load run second by second: requests/s and errors/s (left axis), latency p50/p95/p99 in ms (right axis). */
export function LoadChartView({
  points,
  names = LOAD_NAMES,
}: {
  points: readonly LoadPoint[];
  /** what a request and an error are called (a WebSocket run: echoes and failed handshakes) */
  names?: { what: string; ok: string; errors: string };
}) {
  const data = points.map((p) => ({ ...p, ok: p.requests - p.errors }));
  const last = points[points.length - 1];
  const format = timeFormatter(spanMs(points));
  const label = last
    ? `Load: ${last.requests} ${names.what} in the last second, ${last.errors} ${names.errors}, p50 ${last.p50 ?? '-'} ms, p95 ${last.p95 ?? '-'} ms, p99 ${last.p99 ?? '-'} ms`
    : 'Load: no second measured yet';
  return (
    <ChartFrame
      label={label}
      testId="load-chart"
      empty={points.length < 1}
      emptyText="The first second is being measured…"
    >
      <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        {/* half a second of room on each side, so the first and last bars are not cut in half */}
        <XAxis {...timeAxisProps(format)} domain={[(min: number) => min - 600, (max: number) => max + 600]} />
        <YAxis
          yAxisId="rps"
          tick={AXIS_TICK}
          stroke="currentColor"
          domain={[0, 'auto']}
          allowDecimals={false}
        />
        <YAxis
          yAxisId="ms"
          orientation="right"
          tick={AXIS_TICK}
          stroke="currentColor"
          domain={[0, 'auto']}
          tickFormatter={(v: number) => `${v}ms`}
        />
        <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={format} />
        <Legend wrapperStyle={{ fontSize: '0.75rem' }} />
        <Bar
          yAxisId="rps"
          name={`${names.ok}/s`}
          dataKey="ok"
          stackId="r"
          fill="#0ea5e9"
          maxBarSize={14}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="rps"
          name={`${names.errors}/s`}
          dataKey="errors"
          stackId="r"
          fill="#dc2626"
          maxBarSize={14}
          isAnimationActive={false}
        />
        {LATENCY_LINES.map((l) => (
          <Line
            key={l.dataKey}
            yAxisId="ms"
            name={l.dataKey}
            dataKey={l.dataKey}
            stroke={l.stroke}
            strokeWidth={l.strokeWidth}
            strokeDasharray={l.strokeDasharray}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </ComposedChart>
    </ChartFrame>
  );
}
