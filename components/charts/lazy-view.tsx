'use client';

// A chart's code loaded on demand (recharts stays out of the first load), and asked for again when
// that fails: a Podium replica that restarts, a port-forward that drops or a laptop that changes
// networks must not turn the whole page into an error for want of one chart's chunk. The load is
// retried on a bounded schedule (CHUNK_RETRY_DELAYS_MS); if it still fails, the chart's place says so
// and offers to try again, while the rest of the page stays live. (next/dynamic is React.lazy
// underneath, which keeps a failed load's error for good: a retry needs a load of its own.)
import { useEffect, useState, type ComponentType } from 'react';
import { CHUNK_RETRY_DELAYS_MS, withRetries } from '@/lib/models/retry';
import { CHART_HEIGHT, ChartSkeleton } from './chart-skeleton';
import { cn } from '@/components/ui/cn';

/** `load`'s component, the skeleton until it is there, and a retry where it could not be fetched. */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  // one load for every instance; forgotten when it fails, so the next try fetches again
  const get = () =>
    (pending ??= withRetries(load, CHUNK_RETRY_DELAYS_MS).then(
      (view) => (loaded = view),
      (err: unknown) => {
        pending = null;
        throw err;
      },
    ));

  function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | null>(() => loaded);
    const [failure, setFailure] = useState<string | null>(null);
    // loads while there is neither the view nor a failure: Try again clears the failure
    useEffect(() => {
      if (View || failure !== null) return;
      let live = true;
      get().then(
        (view) => live && setView(() => view),
        (err: unknown) => live && setFailure(err instanceof Error ? err.message : String(err)),
      );
      return () => {
        live = false;
      };
    }, [View, failure]);
    if (View) return <View {...props} />;
    if (failure === null) return <ChartSkeleton />;
    return (
      <div
        role="alert"
        data-testid="chart-load-failed"
        className={cn(
          CHART_HEIGHT,
          'flex w-full flex-col items-center justify-center gap-2 rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300',
        )}
      >
        <p>This chart could not be loaded: its code did not arrive from Podium.</p>
        <p className="max-w-full truncate font-mono text-xs text-slate-500" title={failure}>
          {failure}
        </p>
        <button
          type="button"
          className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
          onClick={() => setFailure(null)}
        >
          Try again
        </button>
      </div>
    );
  }
  return LazyView;
}
