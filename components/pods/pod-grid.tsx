'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { GROUP_THRESHOLD, groupPodsByNode, sortPods } from '@/lib/models/pod-view';
import { restartCause } from '@/lib/models/restart-cause';
import type { EventRow, PodRow, PodUsage, ReplicaSetSummary } from '@/lib/models/types';
import { PodGroupBlock } from './pod-group-block';
import { PodTile } from './pod-tile';
import { groupPodsByReplicaSet, RestartWatch, type PodGroup } from './pod-view';

export interface PodGridProps {
  pods: readonly PodRow[];
  /** the pods are in the order to show (filtered and sorted by the page); else oldest first */
  sorted?: boolean;
  /** metrics by pod name */
  usage?: Record<string, PodUsage>;
  /** name of the selected pod */
  selected?: string;
  onSelect?: (name: string) => void;
  /** to label groups with revision and image during a rollout */
  replicaSets?: ReplicaSetSummary[];
  /** the pods' events: the kubelet's Killing and Unhealthy events tell why a pod restarted */
  events?: readonly EventRow[];
}

const PULSE: Keyframe[] = [
  { boxShadow: '0 0 0 0 rgb(239 68 68 / 0.75)', transform: 'scale(1)' },
  { boxShadow: '0 0 0 0.75rem rgb(239 68 68 / 0)', transform: 'scale(1.06)' },
  { boxShadow: '0 0 0 0 rgb(239 68 68 / 0)', transform: 'scale(1)' },
];

const NO_EVENTS: readonly EventRow[] = [];

/** Renders one pod's tile; the grid and the groups' virtualised tiles share it. */
export type RenderTile = (pod: PodRow, className?: string) => React.ReactNode;

/**
 * One tile per pod, grouped by ReplicaSet while a rollout has pods in more than one. Beyond
 * GROUP_THRESHOLD pods, one summary block per ReplicaSet (or node) with its counts, each expandable
 * into its tiles, virtualised.
 */
export function PodGrid({
  pods,
  sorted = false,
  usage,
  selected,
  onSelect,
  replicaSets,
  events = NO_EVENTS,
}: PodGridProps) {
  const grid = useRef<HTMLDivElement>(null);
  const restarts = useRef<RestartWatch>(null);
  const ordered = useMemo(() => (sorted ? pods : sortPods(pods)), [pods, sorted]);

  // Pulse a tile when its restart count goes up, so a restart is seen from across the room.
  useEffect(() => {
    const increased = (restarts.current ??= new RestartWatch()).update(pods);
    if (increased.length === 0 || window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return;
    for (const uid of increased)
      grid.current
        ?.querySelector(`[data-uid="${CSS.escape(uid)}"]`)
        ?.animate(PULSE, { duration: 800, iterations: 3 });
  }, [pods]);

  const renderTile: RenderTile = (pod, className) => (
    <PodTile
      pod={pod}
      usage={usage?.[pod.name]}
      cause={restartCause(pod, events)}
      selected={selected === pod.name}
      onSelect={onSelect}
      className={className}
    />
  );

  if (ordered.length > GROUP_THRESHOLD) {
    return <SummaryGrid ref={grid} pods={ordered} replicaSets={replicaSets} renderTile={renderTile} />;
  }

  const groups = groupPodsByReplicaSet(ordered, replicaSets);
  const grouped = groups.length > 1;
  return (
    <div ref={grid} data-testid="pod-grid" data-mode="tiles" className="space-y-3">
      {pods.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No pods.</p> : null}
      {groups.map((group, i) => (
        <section key={group.key} aria-label={grouped ? groupLabel(group, i === 0) : 'Pods'}>
          {grouped ? <GroupHeading group={group} newest={i === 0} /> : null}
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-2">
            {group.pods.map((pod) => (
              <li key={pod.uid}>{renderTile(pod)}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

type GroupBy = 'replicaset' | 'node';

/** Many pods: one block per ReplicaSet (or node) with its counts; a block opens into its tiles. */
function SummaryGrid({
  ref,
  pods,
  replicaSets,
  renderTile,
}: {
  ref: React.Ref<HTMLDivElement>;
  pods: readonly PodRow[];
  replicaSets: ReplicaSetSummary[] | undefined;
  renderTile: RenderTile;
}) {
  const [by, setBy] = useState<GroupBy>('replicaset');
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const groups = useMemo(
    () => (by === 'node' ? groupPodsByNode(pods) : groupPodsByReplicaSet(pods, replicaSets)),
    [by, pods, replicaSets],
  );
  const toggle = (key: string) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <div ref={ref} data-testid="pod-grid" data-mode="summary" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span>
          {pods.length.toLocaleString('en-US')} pods, one block per {by === 'node' ? 'node' : 'ReplicaSet'}
        </span>
        <span className="ml-auto">Group by</span>
        {(['replicaset', 'node'] as const).map((b) => (
          <Button
            key={b}
            size="sm"
            variant={by === b ? 'primary' : 'secondary'}
            aria-pressed={by === b}
            onClick={() => setBy(b)}
          >
            {b === 'node' ? 'Node' : 'ReplicaSet'}
          </Button>
        ))}
      </div>
      {groups.map((group, i) => (
        <PodGroupBlock
          key={`${by}/${group.key}`}
          group={group}
          title={by === 'node' ? group.key || 'not scheduled' : replicaSetTitle(group)}
          badge={
            by === 'replicaset' && groups.length > 1 ? (
              <Badge tone={i === 0 ? 'info' : 'neutral'}>{i === 0 ? 'new' : 'old'}</Badge>
            ) : null
          }
          open={open.has(group.key)}
          onToggle={() => toggle(group.key)}
          renderTile={renderTile}
        />
      ))}
    </div>
  );
}

function replicaSetTitle(group: PodGroup): string {
  const rs = group.replicaSet;
  return rs?.revision != null ? `rev ${rs.revision} · ${group.key}` : group.key || 'no ReplicaSet';
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
        <code key={image} className={cn('truncate font-mono')}>
          {image}
        </code>
      ))}
      <span>
        · {group.pods.length} pod{group.pods.length === 1 ? '' : 's'}
      </span>
    </h3>
  );
}
