import { cn } from '@/components/ui/cn';

/** Every chart has this height, so the lazy skeleton and the chart take the same room (no layout shift). */
export const CHART_HEIGHT = 'h-56';

/**
 * What a chart shows until it is drawn; read out as a chart that is loading. It pulses only while
 * the chart is really on its way (`loading`): a skeleton below the fold waits, still, until the
 * reader scrolls towards it. An endless pulse on every waiting chart kept every open tab's renderer
 * restyling at each frame, for nothing (docs/performance.md, "Twenty visible tabs").
 */
export function ChartSkeleton({ className, loading = true }: { className?: string; loading?: boolean }) {
  return (
    <div
      role="img"
      aria-label="Chart loading"
      aria-busy="true"
      data-testid="chart-skeleton"
      data-loading={loading}
      className={cn(
        CHART_HEIGHT,
        'w-full rounded-md bg-slate-100 dark:bg-slate-800/60',
        loading && 'motion-safe:animate-pulse',
        className,
      )}
    />
  );
}
