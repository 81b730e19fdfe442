'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { spanMs } from '@/components/ui/time';
import {
  AXIS_TICK,
  ChartFrame,
  TOOLTIP_STYLE,
  timeAxisProps,
  timeFormatter,
  type ChartFrameProps,
} from './chart-frame';

// The one scaffold of Podium's history charts, in the spirit of shadcn/ui's chart.tsx: a chart is
// a config (its series and axes, with names and colours) over rows from lib/models/history.ts; the
// frame, grid, shared time axis and domain, tooltip and legend are written here once. Recharts
// wants its axes and lines as direct children of the chart, so they are built here from the config
// rather than wrapped in components of their own.

/** A Y axis: `id` is what series name in `axis`; the first axis is on the left. */
export interface AxisConfig {
  id: string;
  side?: 'left' | 'right';
  /** tick text, e.g. `(v) => \`${v}%\`` */
  format?: (value: number) => string;
  /** false for counts such as replicas */
  decimals?: boolean;
  /** px, for long tick text */
  width?: number;
}

/** One line: the row field it plots, its legend name, its colour and how it is drawn. */
export interface SeriesConfig {
  key: string;
  name: string;
  color: string;
  /** the AxisConfig id; the first axis when absent */
  axis?: string;
  /** stepAfter for counts that change in steps (replicas), monotone for measurements */
  curve?: 'monotone' | 'stepAfter';
  width?: number;
  dash?: string;
  connectNulls?: boolean;
}

export interface TimeSeriesChartProps<Row extends { t: number }> extends Omit<
  ChartFrameProps,
  'children' | 'empty'
> {
  /** what shows the empty state; a line needs two samples by default */
  empty?: boolean;
  data: readonly Row[];
  axes: readonly AxisConfig[];
  series: readonly SeriesConfig[];
  /** the tooltip's value text (the axis format when absent) */
  valueFormat?: (value: number) => string;
  margin?: { top?: number; right?: number; bottom?: number; left?: number };
}

/** Time on X (mm:ss or HH:mm by the window's span), one or two Y axes, a line per series. */
export function TimeSeriesChart<Row extends { t: number }>({
  data,
  axes,
  series,
  valueFormat,
  margin = { top: 8, right: 8, bottom: 0, left: -16 },
  empty = data.length < 2,
  ...frame
}: TimeSeriesChartProps<Row>) {
  const format = timeFormatter(spanMs(data));
  const firstAxis = axes[0]?.id;
  return (
    <ChartFrame {...frame} empty={empty}>
      <LineChart data={data as Row[]} margin={margin}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis {...timeAxisProps(format)} />
        {axes.map((a) => (
          <YAxis
            key={a.id}
            yAxisId={a.id}
            orientation={a.side ?? 'left'}
            allowDecimals={a.decimals ?? true}
            tick={AXIS_TICK}
            stroke="currentColor"
            domain={[0, 'auto']}
            {...(a.format ? { tickFormatter: a.format } : {})}
            {...(a.width !== undefined ? { width: a.width } : {})}
          />
        ))}
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={format}
          formatter={valueFormat ? (v) => (typeof v === 'number' ? valueFormat(v) : '—') : undefined}
        />
        <Legend wrapperStyle={{ fontSize: '0.75rem' }} />
        {series.map((s) => (
          <Line
            key={s.key}
            yAxisId={s.axis ?? firstAxis}
            name={s.name}
            dataKey={s.key}
            type={s.curve ?? 'monotone'}
            stroke={s.color}
            strokeDasharray={s.dash}
            strokeWidth={s.width ?? 2}
            {...(s.connectNulls !== undefined ? { connectNulls: s.connectNulls } : {})}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
