'use client';

import { useState } from 'react';
import { rollbackDeployment } from '@/lib/api/actions';
import type { DeploymentFamily } from '@/lib/models/ownership';
import type { DeploymentSummary, ReplicaSetSummary } from '@/lib/models/types';
import { GatedButton } from './action-gate';
import { Confirm } from './confirm';
import { OutcomeLine } from './outcome-line';
import { useActionRunner } from './use-action';

/** The revisions a rollback can go to: the deployment's other ReplicaSets, newest first. */
export function rollbackTargets(deployment: DeploymentSummary, replicaSets: ReplicaSetSummary[]) {
  return replicaSets
    .filter(
      (rs) => rs.owner === deployment.name && rs.revision !== null && rs.revision !== deployment.revision,
    )
    .sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0));
}

/** `kubectl rollout undo --to-revision`: pick a revision by its images. */
export function RollbackControl({
  namespace,
  deployment,
  replicaSets,
}: { namespace: string } & Pick<DeploymentFamily, 'deployment' | 'replicaSets'>) {
  const { run, busy, last } = useActionRunner();
  const targets = rollbackTargets(deployment, replicaSets);
  const [chosen, setChosen] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const revision =
    chosen !== null && targets.some((t) => t.revision === chosen) ? chosen : (targets[0]?.revision ?? null);
  const target = targets.find((t) => t.revision === revision);

  async function rollback() {
    setOpen(false);
    if (revision === null) return;
    await run(
      'rollback',
      `Rolling back ${deployment.name} failed`,
      () => rollbackDeployment(namespace, deployment.name, revision),
      (r) => ({
        tone: 'ok',
        title: r.skipped
          ? `${deployment.name} already runs revision ${revision}'s template`
          : `Rolling back ${deployment.name} to revision ${revision}`,
        detail: r.images.join(', '),
      }),
    );
  }

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-1.5">
        <label className="text-sm font-medium" htmlFor={`rollback-${deployment.uid}`}>
          Roll back to
        </label>
        <select
          id={`rollback-${deployment.uid}`}
          value={revision ?? ''}
          onChange={(e) => setChosen(Number(e.target.value))}
          disabled={targets.length === 0}
          data-testid="rollback-revision"
          className="h-9 max-w-80 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        >
          {targets.length === 0 && <option value="">no earlier revision</option>}
          {targets.map((t) => (
            <option key={t.uid} value={t.revision ?? ''}>
              revision {t.revision}: {t.images.join(', ')}
              {t.version ? ` (${deployment.versionEnvName ?? 'version'}=${t.version})` : ''}
            </option>
          ))}
        </select>
        <GatedButton
          action="rollback"
          variant="danger"
          onClick={() => setOpen(true)}
          disabledReason={
            busy ? 'Working…' : targets.length === 0 ? 'No earlier revision to roll back to' : null
          }
          data-testid="action-rollback"
        >
          Roll back
        </GatedButton>
      </div>
      <OutcomeLine outcome={last} />
      <Confirm
        open={open}
        title={`Roll back ${deployment.name} to revision ${revision}?`}
        confirmLabel="Roll back"
        tone="danger"
        onConfirm={() => void rollback()}
        onCancel={() => setOpen(false)}
      >
        <p>
          The pod template of revision {revision} ({target?.images.join(', ')}) replaces the current one
          {deployment.revision !== null ? ` (revision ${deployment.revision})` : ''}, and a rolling update
          follows.
        </p>
      </Confirm>
    </div>
  );
}
