'use client';

import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';
import { cn } from '@/components/ui/cn';
import { formatClock } from '@/components/ui/time';
import { CHART_HEIGHT } from './chart-skeleton';

export interface ChartFrameProps {
  /** a one-sentence summary of what the chart shows now, for screen readers */
  label: string;
  testId: string;
  empty: boolean;
  emptyText?: string;
  children: ReactElement;
}

/**
 * The box every chart sits in: fixed height, axis text in the surrounding text colour, and
 * CSS variables for the tooltip so light and dark work without JavaScript.
 */
export function ChartFrame({
  label,
  testId,
  empty,
  emptyText = 'Collecting samples…',
  children,
}: ChartFrameProps) {
  return (
    <div
      role="img"
      aria-label={label}
      data-testid={testId}
      className={cn(
        CHART_HEIGHT,
        'w-full text-xs text-slate-500 [--chart-bg:#ffffff] [--chart-border:#e2e8f0] dark:text-slate-400 dark:[--chart-bg:#0f172a] dark:[--chart-border:#334155]',
      )}
    >
      {empty ? (
        <div className="flex h-full items-center justify-center rounded-md border border-dashed border-slate-300 dark:border-slate-700">
          {emptyText}
        </div>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      )}
    </div>
  );
}

/** Axis ticks in rem so they grow in projector mode. */
export const AXIS_TICK = { fill: 'currentColor', fontSize: '0.75rem' } as const;

/** The time axis every history chart shares (spread into <XAxis>, which must stay a direct child). */
export function timeAxisProps(format: (t: unknown) => string) {
  return {
    dataKey: 't',
    type: 'number',
    scale: 'time',
    domain: ['dataMin', 'dataMax'],
    tickFormatter: format,
    tick: AXIS_TICK,
    stroke: 'currentColor',
    minTickGap: 24,
  } as const;
}

export const TOOLTIP_STYLE = {
  background: 'var(--chart-bg)',
  border: '1px solid var(--chart-border)',
  borderRadius: '0.375rem',
  fontSize: '0.75rem',
} as const;

/** X ticks and tooltip titles: mm:ss for a short window, HH:mm for a long one. */
export function timeFormatter(span: number): (t: unknown) => string {
  return (t) => (typeof t === 'number' ? formatClock(t, span) : String(t ?? ''));
}

/** Series colours that read on white and on slate-950. */
export const PALETTE = [
  '#0ea5e9',
  '#f97316',
  '#10b981',
  '#a855f7',
  '#ef4444',
  '#eab308',
  '#14b8a6',
  '#ec4899',
  '#6366f1',
  '#84cc16',
] as const;
