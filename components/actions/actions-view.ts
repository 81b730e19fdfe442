// What the deployment's actions (./deployment-actions.tsx) read of the live state, as pure
// functions the unit tests import without React.
import type { DeploymentSummary, HpaSummary, ReplicaSetSummary } from '@/lib/models/types';

export interface DeploymentActionsProps {
  namespace: string;
  deployment: DeploymentSummary;
  hpa: HpaSummary | null;
  replicaSets: ReplicaSetSummary[];
}

/**
 * Whether the actions would show the same: they read a Deployment's spec (generation: its replicas,
 * containers, strategy) and the annotations they name, an HPA's bounds, and which ReplicaSet holds
 * which revision with which images. A rollout's status changes at every pod that starts or stops;
 * re-rendering the forms and dialogs for it cost every tab 2–7 ms a change (docs/performance.md,
 * "A pod's entry, the one thing that moves"). A control that comes to read a status field must
 * add it here.
 */
export function sameActionInputs(a: DeploymentActionsProps, b: DeploymentActionsProps): boolean {
  const [d, e] = [a.deployment, b.deployment];
  return (
    a.namespace === b.namespace &&
    (d === e ||
      (d.uid === e.uid &&
        d.name === e.name &&
        d.generation === e.generation &&
        d.desired === e.desired &&
        d.revision === e.revision &&
        d.versionEnvName === e.versionEnvName &&
        d.paused === e.paused)) &&
    (a.hpa === b.hpa ||
      (a.hpa?.name === b.hpa?.name &&
        a.hpa?.minReplicas === b.hpa?.minReplicas &&
        a.hpa?.maxReplicas === b.hpa?.maxReplicas)) &&
    (a.replicaSets === b.replicaSets || revisionsKey(a.replicaSets) === revisionsKey(b.replicaSets))
  );
}

/** What a rollback reads of the ReplicaSets: owner, revision, version and images. */
const revisionsKey = (replicaSets: ReplicaSetSummary[]) =>
  replicaSets
    .map((rs) => `${rs.uid} ${rs.owner} ${rs.revision} ${rs.version} ${rs.images.join(',')}`)
    .join('\n');
