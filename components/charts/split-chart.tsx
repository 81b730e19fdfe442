'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, ChartFrame, TOOLTIP_STYLE } from './chart-frame';

export interface SplitRow {
  /** the member Deployment */
  name: string;
  /** expected share in percent (ready pods / all ready pods behind the Service) */
  expected: number;
  /** measured share in percent, null when nothing was measured */
  measured: number | null;
}

const BARS = [
  { key: 'expected', color: '#94a3b8' },
  { key: 'measured', color: '#0ea5e9' },
] as const;

/** Expected vs measured traffic share per canary member, side by side. */
export function SplitChartView({ data }: { data: SplitRow[] }) {
  const label = `Traffic split: ${data
    .map(
      (r) =>
        `${r.name} expected ${Math.round(r.expected)} %${r.measured !== null ? `, measured ${Math.round(r.measured)} %` : ''}`,
    )
    .join('; ')}`;
  const hasMeasured = data.some((r) => r.measured !== null);
  return (
    <ChartFrame label={label} testId="split-chart" empty={data.length === 0} emptyText="No members">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barGap={2} maxBarSize={64}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis dataKey="name" tick={AXIS_TICK} stroke="currentColor" />
        <YAxis
          tick={AXIS_TICK}
          stroke="currentColor"
          domain={[0, 100]}
          tickFormatter={(v: number) => `${v}%`}
        />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          cursor={{ fill: 'currentColor', fillOpacity: 0.08 }}
          formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} %` : '—')}
        />
        <Legend wrapperStyle={{ fontSize: '0.75rem' }} />
        {(hasMeasured ? BARS : BARS.slice(0, 1)).map((b) => (
          <Bar
            key={b.key}
            name={b.key}
            dataKey={b.key}
            fill={b.color}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
