'use client';
import { useState } from 'react';
import type { DeploymentSummary, ReplicaSetSummary } from '@/lib/models/types';
import { RevisionList } from './revision-list';

export interface RevisionHistoryProps {
  deployment: DeploymentSummary;
  replicaSets: ReplicaSetSummary[];
}

/**
 * The rollout panel's "Revision history", closed at first. The list exists only while it is open:
 * a closed `<details>` draws nothing, but React would still render the list at every change of a
 * ReplicaSet and its "Created" clock would tick, every second in a revision's first minute, in every
 * tab (docs/performance.md, "Twenty tabs, one change at a time"). Find in page does not see a closed
 * list's rows; opening it shows them at once.
 */
export function RevisionHistory({ deployment, replicaSets }: RevisionHistoryProps) {
  const [open, setOpen] = useState(false);
  return (
    <details data-testid="revision-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium text-slate-600 dark:text-slate-300">
        Revision history
      </summary>
      {open ? (
        <div className="mt-2">
          <RevisionList replicaSets={replicaSets} deployment={deployment} />
        </div>
      ) : null}
    </details>
  );
}
