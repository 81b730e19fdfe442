'use client';

import { useEffect, useRef } from 'react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { formatBytes, formatCpu } from '@/lib/models/quantity';
import type { PodRow, PodUsage, ReplicaSetSummary } from '@/lib/models/types';
import {
  describeLastTermination,
  groupPodsByReplicaSet,
  podLook,
  restartIncreases,
  shortPodName,
  type PodGroup,
  type PodLook,
} from './pod-view';

export interface PodGridProps {
  pods: PodRow[];
  /** metrics by pod name */
  usage?: Record<string, PodUsage>;
  /** name of the selected pod */
  selected?: string;
  onSelect?: (name: string) => void;
  /** to label groups with revision and image during a rollout */
  replicaSets?: ReplicaSetSummary[];
}

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
  starting: 'bg-amber-500 animate-pulse',
  failing: 'bg-red-500',
  terminating: 'bg-slate-400',
  done: 'bg-sky-500',
};

const PULSE: Keyframe[] = [
  { boxShadow: '0 0 0 0 rgb(239 68 68 / 0.75)', transform: 'scale(1)' },
  { boxShadow: '0 0 0 0.75rem rgb(239 68 68 / 0)', transform: 'scale(1.06)' },
  { boxShadow: '0 0 0 0 rgb(239 68 68 / 0)', transform: 'scale(1)' },
];

/** One tile per pod, grouped by ReplicaSet while a rollout has pods in more than one. */
export function PodGrid({ pods, usage, selected, onSelect, replicaSets }: PodGridProps) {
  const tiles = useRef(new Map<string, HTMLElement>());
  const counts = useRef(new Map<string, number>());

  // Pulse a tile when its restart count goes up, so a restart is seen from across the room.
  useEffect(() => {
    const { increased, counts: next } = restartIncreases(counts.current, pods);
    counts.current = next;
    if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return;
    for (const uid of increased) tiles.current.get(uid)?.animate(PULSE, { duration: 800, iterations: 3 });
  }, [pods]);

  const groups = groupPodsByReplicaSet(pods, replicaSets);
  const grouped = groups.length > 1;
  const tileRef = (uid: string) => (el: HTMLElement | null) => {
    if (el) tiles.current.set(uid, el);
    else tiles.current.delete(uid);
  };

  return (
    <div data-testid="pod-grid" className="space-y-3">
      {pods.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No pods.</p> : null}
      {groups.map((group, i) => (
        <section key={group.key} aria-label={grouped ? groupLabel(group, i === 0) : 'Pods'}>
          {grouped ? <GroupHeading group={group} newest={i === 0} /> : null}
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-2">
            {group.pods.map((pod) => (
              <li key={pod.uid}>
                <PodTile
                  pod={pod}
                  usage={usage?.[pod.name]}
                  selected={selected === pod.name}
                  onSelect={onSelect}
                  tileRef={tileRef(pod.uid)}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function groupLabel(group: PodGroup, newest: boolean): string {
  const rs = group.replicaSet;
  const rev = rs?.revision != null ? `revision ${rs.revision}` : group.key || 'no ReplicaSet';
  return `${rev}${newest ? ' (new)' : ' (old)'}`;
}

function GroupHeading({ group, newest }: { group: PodGroup; newest: boolean }) {
  const rs = group.replicaSet;
  return (
    <h3 className="mb-1.5 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
      <Badge tone={newest ? 'info' : 'neutral'}>{newest ? 'new' : 'old'}</Badge>
      <span className="font-medium">
        {rs?.revision != null ? `rev ${rs.revision}` : group.key || 'unowned'}
      </span>
      {rs?.images.map((image) => (
        <code key={image} className="truncate font-mono">
          {image}
        </code>
      ))}
      <span>
        · {group.pods.length} pod{group.pods.length === 1 ? '' : 's'}
      </span>
    </h3>
  );
}

interface PodTileProps {
  pod: PodRow;
  usage: PodUsage | undefined;
  selected: boolean;
  onSelect: ((name: string) => void) | undefined;
  tileRef: (el: HTMLElement | null) => void;
}

function PodTile({ pod, usage, selected, onSelect, tileRef }: PodTileProps) {
  const look = podLook(pod);
  const last = describeLastTermination(pod);
  const title = [pod.name, pod.status, pod.node && `node ${pod.node}`, last && `last restart: ${last}`]
    .filter(Boolean)
    .join('\n');
  const className = cn(
    'relative block w-full rounded-md border-l-4 border p-2 text-left transition duration-300 ease-out',
    'starting:scale-75 starting:opacity-0',
    LOOK_CLASSES[look],
    selected && 'ring-2 ring-sky-500 ring-offset-1 dark:ring-offset-slate-950',
    onSelect && 'cursor-pointer hover:shadow-md focus-visible:outline-2 focus-visible:outline-sky-600',
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
            className="ml-auto transition duration-500 starting:scale-150"
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
    'data-status': pod.status,
    'data-ready': pod.ready ? 'true' : 'false',
    'data-restarts': pod.restarts,
    title,
    'aria-label': `Pod ${pod.name}: ${pod.status}, ${pod.ready ? 'ready' : 'not ready'}, ${pod.restarts} restarts`,
  };
  return onSelect ? (
    <button
      type="button"
      ref={tileRef}
      {...data}
      aria-pressed={selected}
      onClick={() => onSelect(pod.name)}
      className={className}
    >
      {body}
    </button>
  ) : (
    <div ref={tileRef} role="group" {...data} className={className}>
      {body}
    </div>
  );
}
