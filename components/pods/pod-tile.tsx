import { memo } from 'react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { formatBytes, formatCpu } from '@/lib/models/quantity';
import { describeRestart, type RestartCause } from '@/lib/models/restart-cause';
import { samePropsBy } from '@/lib/models/same-items';
import type { PodRow, PodUsage } from '@/lib/models/types';
import { podLook, shortPodName, type PodLook } from './pod-view';

// One pod as a tile of the pod grid: colour by status, short name, readiness, restarts and usage.
// It appears with a scale-in (CSS @starting-style), the one thing that moves; every change of look
// after that is instant (a terminating pod is striped and half transparent at once). Each
// transition costs every tab that shows the pod a layer of its own for its length, and its start
// and end a repaint and a re-raster of the tile (docs/performance.md, "A pod's entry, the one
// thing that moves"): a fade-in beside the scale-in and a fade at termination cost one tab about
// 60 ms of CPU a scale round. Animated colours repaint the page every frame (docs/performance.md,
// "Twenty visible tabs"). Nothing moves for long: a starting pod's dot is a ring, not a pulse (an
// endless animation has the compositor draw every frame for as long as the pod starts), and the
// transitions are short (docs/performance.md, "What is in view first, and frames nobody asked for").

const LOOK_CLASSES: Record<PodLook, string> = {
  ready: 'border-emerald-500/60 bg-emerald-50 dark:bg-emerald-500/10',
  starting: 'border-amber-500/70 bg-amber-50 dark:bg-amber-500/10',
  failing: 'border-red-500/80 bg-red-50 dark:bg-red-500/15',
  terminating:
    'border-slate-400/60 bg-slate-100 opacity-50 bg-[image:repeating-linear-gradient(135deg,transparent_0_0.4rem,rgb(100_116_139/0.15)_0.4rem_0.8rem)] dark:bg-slate-800',
  done: 'border-sky-500/50 bg-sky-50 dark:bg-sky-500/10',
};
const DOT: Record<PodLook, string> = {
  ready: 'bg-emerald-500',
  starting: 'border-2 border-amber-500',
  failing: 'bg-red-500',
  terminating: 'bg-slate-400',
  done: 'bg-sky-500',
};

export interface PodTileProps {
  pod: PodRow;
  usage: PodUsage | undefined;
  /** why it last restarted (restartCause), null when it never did */
  cause: RestartCause | null;
  selected: boolean;
  onSelect: ((name: string) => void) | undefined;
  /** e.g. a fixed height in the virtualised grid */
  className?: string;
}

/**
 * A pod as a tile; a button when the grid is selectable. It re-renders when its own pod, usage,
 * restart cause or selection changes, not at every change of the namespace.
 */
export const PodTile = memo(function PodTile({
  pod,
  usage,
  cause,
  selected,
  onSelect,
  className: extra,
}: PodTileProps) {
  const look = podLook(pod);
  const last = cause ? describeRestart(cause) : null;
  const title = [pod.name, pod.status, pod.node && `node ${pod.node}`, last && `last restart: ${last}`]
    .filter(Boolean)
    .join('\n');
  const className = cn(
    'relative block w-full rounded-md border-l-4 border p-2 text-left transition-[scale] duration-200 ease-out starting:scale-75',
    LOOK_CLASSES[look],
    selected && 'ring-2 ring-sky-500 ring-offset-1 dark:ring-offset-slate-950',
    onSelect && 'cursor-pointer hover:shadow-md focus-visible:outline-2 focus-visible:outline-sky-600',
    extra,
  );
  const body = (
    <>
      <span className="flex items-center gap-1.5">
        <span aria-hidden="true" className={cn('size-2 shrink-0 rounded-full', DOT[look])} />
        <span className="truncate font-mono text-sm font-semibold">{shortPodName(pod.name)}</span>
        {pod.restarts > 0 ? (
          <Badge
            key={pod.restarts}
            tone="bad"
            className="ml-auto transition-[scale] duration-300 starting:scale-150"
            title={last ?? undefined}
          >
            ↻ {pod.restarts}
          </Badge>
        ) : null}
      </span>
      <span className="mt-1 block truncate text-xs font-medium">{pod.status}</span>
      <span className="block text-xs text-slate-600 dark:text-slate-400">
        {pod.ready ? 'ready' : 'not ready'} {pod.readyContainers}/{pod.totalContainers}
      </span>
      {usage ? (
        <span className="block truncate text-xs tabular-nums text-slate-500 dark:text-slate-400">
          {formatCpu(usage.cpuMilli)} · {formatBytes(usage.memoryBytes)}
        </span>
      ) : null}
    </>
  );
  const data = {
    'data-testid': 'pod-tile',
    'data-pod': pod.name,
    'data-uid': pod.uid,
    'data-status': pod.status,
    'data-ready': pod.ready ? 'true' : 'false',
    'data-restarts': pod.restarts,
    'data-restart-cause': cause?.kind,
    title,
    'aria-label': `Pod ${pod.name}: ${pod.status}, ${pod.ready ? 'ready' : 'not ready'}, ${pod.restarts} restarts`,
  };
  return onSelect ? (
    <button
      type="button"
      {...data}
      aria-pressed={selected}
      onClick={() => onSelect(pod.name)}
      className={className}
    >
      {body}
    </button>
  ) : (
    <div role="group" {...data} className={className}>
      {body}
    </div>
  );
}, samePropsBy<PodTileProps>('cause'));
