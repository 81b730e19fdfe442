'use client';

import { useMemo } from 'react';
import { timelineColumns } from '@/lib/models/traffic-timeline';
import type { ProbeSample } from '@/lib/models/traffic';

export interface AvailabilityTimelineProps {
  samples: readonly ProbeSample[];
  from: number;
  to: number;
  /** colour (a CSS colour) per answerer; unknown ones are grey */
  colorOf: (answerer: string) => string;
  /** summary for screen readers */
  label: string;
  /** the probe's interval: a column is never narrower than one request */
  intervalMs: number;
}

const COLUMNS = 240;
const HEIGHT = 64;
const FAIL = '#dc2626';

/**
 * The availability probe as a strip over time: each column is a slice of the run, coloured by who
 * answered most in it; a failed request paints its column's top red, in proportion to the failures;
 * the bar's height is the slowest latency (log scale, 1 ms .. 2 s). Plain SVG: a few hundred rects.
 */
export function AvailabilityTimeline({
  samples,
  from,
  to,
  colorOf,
  label,
  intervalMs,
}: AvailabilityTimelineProps) {
  const end = Math.max(to, from + 1_000);
  const count = Math.min(COLUMNS, Math.max(1, Math.ceil((end - from) / Math.max(1, intervalMs))));
  const columns = useMemo(() => timelineColumns(samples, from, end, count), [samples, from, end, count]);
  const h = (ms: number) => {
    const v = Math.log10(Math.max(1, ms)) / Math.log10(2_000);
    return Math.max(6, Math.min(1, v) * (HEIGHT - 4));
  };
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="availability-timeline"
      viewBox={`0 0 ${count} ${HEIGHT}`}
      preserveAspectRatio="none"
      className="h-16 w-full rounded-md bg-slate-100 dark:bg-slate-800/60"
    >
      {columns.map((c, i) => {
        const total = c.ok + c.failed;
        if (total === 0) return null;
        const height = c.failed > 0 ? HEIGHT : h(c.maxMs);
        const failH = (c.failed / total) * height;
        return (
          <g key={i} data-failed={c.failed || undefined}>
            {c.ok > 0 ? (
              <rect
                x={i}
                y={HEIGHT - height + failH}
                width={1}
                height={height - failH}
                fill={c.answeredBy ? colorOf(c.answeredBy) : '#94a3b8'}
              />
            ) : null}
            {c.failed > 0 ? <rect x={i} y={HEIGHT - height} width={1} height={failH} fill={FAIL} /> : null}
          </g>
        );
      })}
    </svg>
  );
}
