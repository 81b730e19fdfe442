'use client';

import { memo } from 'react';
import { ActionGate } from './action-gate';
import { sameActionInputs, type DeploymentActionsProps } from './actions-view';
import { RollbackControl } from './rollback-control';
import { RolloutControl } from './rollout-control';
import { ScaleControl } from './scale-control';

/** Scale, restart, roll out a new version, roll back. Hidden in read-only mode. */
function Actions({ namespace, deployment, hpa, replicaSets }: DeploymentActionsProps) {
  return (
    <ActionGate namespace={namespace} showUnlock>
      <section
        aria-label={`Actions on ${deployment.name}`}
        data-testid="deployment-actions"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-xs dark:border-slate-800 dark:bg-slate-900"
      >
        <ScaleControl namespace={namespace} deployment={deployment} hpa={hpa} />
        <RolloutControl namespace={namespace} deployment={deployment} />
        <RollbackControl namespace={namespace} deployment={deployment} replicaSets={replicaSets} />
      </section>
    </ActionGate>
  );
}

export const DeploymentActions = memo(Actions, sameActionInputs);
