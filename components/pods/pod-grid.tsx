'use client';

import { useEffect, useRef } from 'react';
import { Badge } from '@/components/ui/badge';
import type { PodRow, PodUsage, ReplicaSetSummary } from '@/lib/models/types';
import { PodTile } from './pod-tile';
import { groupPodsByReplicaSet, restartIncreases, type PodGroup } from './pod-view';

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
