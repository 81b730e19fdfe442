import { cn } from '@/components/ui/cn';

/** Every chart has this height, so the lazy skeleton and the chart take the same room (no layout shift). */
export const CHART_HEIGHT = 'h-56';

/** What a chart shows while recharts loads; read out as a chart that is loading. */
export function ChartSkeleton({ className }: { className?: string }) {
  return (
    <div
      role="img"
      aria-label="Chart loading"
      aria-busy="true"
      data-testid="chart-skeleton"
      className={cn(
        CHART_HEIGHT,
        'w-full animate-pulse rounded-md bg-slate-100 dark:bg-slate-800/60',
        className,
      )}
    />
  );
}
