// Rolling-update state of a Deployment from its summary and its ReplicaSets (story 001): which
// ReplicaSet is new, which old ones still run pods, and the sentence `kubectl rollout status`
// would print (kubectl/pkg/polymorphichelpers/rollout_status.go).
// https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status
import { REVISION_ANNOTATION } from './meta';
import type { RawPodTemplate } from './pod';
import type { RawReplicaSet } from './replicaset';
import type { DeploymentSummary, ReplicaSetSummary } from './types';

export type RolloutPhase = 'complete' | 'progressing' | 'stalled' | 'paused';

export interface RolloutState {
  phase: RolloutPhase;
  message: string;
  newReplicaSet: ReplicaSetSummary | null;
  /** old ReplicaSets that still want or have pods, newest revision first */
  oldReplicaSets: ReplicaSetSummary[];
  desired: number;
  updated: number;
  /** ready pods of the new ReplicaSet */
  newReady: number;
  /** newReady / desired, 0..1 */
  progress: number;
}

export interface RolloutRevision {
  revision: number;
  replicaSet: string;
  podTemplateHash: string | null;
  images: string[];
  createdAt: string;
  /** pods the ReplicaSet wants now */
  desired: number;
  /** the Deployment's current revision */
  current: boolean;
}

function owned(
  deployment: DeploymentSummary,
  replicaSets: readonly ReplicaSetSummary[],
): ReplicaSetSummary[] {
  return replicaSets.filter((rs) => rs.owner === deployment.name && rs.namespace === deployment.namespace);
}

const newestFirst = (a: ReplicaSetSummary, b: ReplicaSetSummary) => (b.revision ?? -1) - (a.revision ?? -1);

/**
 * The new ReplicaSet: the one stamped with the Deployment's revision (the controller writes
 * both together), else the one whose hash the Progressing condition names, else the newest.
 */
export function newReplicaSetOf(
  deployment: DeploymentSummary,
  replicaSets: readonly ReplicaSetSummary[],
): ReplicaSetSummary | null {
  const mine = owned(deployment, replicaSets);
  return (
    (deployment.revision !== null ? mine.find((rs) => rs.revision === deployment.revision) : undefined) ??
    (deployment.templateHash !== null
      ? mine.find((rs) => rs.podTemplateHash === deployment.templateHash)
      : undefined) ??
    [...mine].sort(newestFirst)[0] ??
    null
  );
}

function phaseAndMessage(d: DeploymentSummary): { phase: RolloutPhase; message: string } {
  const waiting = `Waiting for deployment "${d.name}" rollout to finish`;
  if (d.paused) return { phase: 'paused', message: `deployment "${d.name}" is paused` };
  if (d.generation > d.observedGeneration) {
    return { phase: 'progressing', message: 'Waiting for deployment spec update to be observed...' };
  }
  const progressing = d.conditions.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { phase: 'stalled', message: `deployment "${d.name}" exceeded its progress deadline` };
  }
  if (d.updated < d.desired) {
    return {
      phase: 'progressing',
      message: `${waiting}: ${d.updated} out of ${d.desired} new replicas have been updated...`,
    };
  }
  if (d.current > d.updated) {
    return {
      phase: 'progressing',
      message: `${waiting}: ${d.current - d.updated} old replicas are pending termination...`,
    };
  }
  if (d.available < d.updated) {
    return {
      phase: 'progressing',
      message: `${waiting}: ${d.available} of ${d.updated} updated replicas are available...`,
    };
  }
  return { phase: 'complete', message: `deployment "${d.name}" successfully rolled out` };
}

export function rolloutState(
  deployment: DeploymentSummary,
  replicaSets: readonly ReplicaSetSummary[],
): RolloutState {
  const newRs = newReplicaSetOf(deployment, replicaSets);
  const oldRs = owned(deployment, replicaSets)
    .filter((rs) => rs !== newRs && (rs.desired > 0 || rs.current > 0))
    .sort(newestFirst);
  const newReady = newRs?.ready ?? 0;
  const desired = deployment.desired;
  return {
    ...phaseAndMessage(deployment),
    newReplicaSet: newRs,
    oldReplicaSets: oldRs,
    desired,
    updated: deployment.updated,
    newReady,
    progress: desired > 0 ? Math.min(1, newReady / desired) : 1,
  };
}

/**
 * Revisions to roll back to, newest first, as `kubectl rollout history` lists them. Without a
 * Deployment every ReplicaSet given is taken as one history.
 */
export function rolloutHistory(
  replicaSets: readonly ReplicaSetSummary[],
  deployment?: DeploymentSummary,
): RolloutRevision[] {
  const mine = deployment ? owned(deployment, replicaSets) : [...replicaSets];
  return mine
    .filter((rs): rs is ReplicaSetSummary & { revision: number } => rs.revision !== null)
    .sort(newestFirst)
    .map((rs) => ({
      revision: rs.revision,
      replicaSet: rs.name,
      podTemplateHash: rs.podTemplateHash,
      images: rs.images,
      createdAt: rs.createdAt,
      desired: rs.desired,
      current: deployment?.revision === rs.revision,
    }));
}

// ---- rollback: `kubectl rollout undo`, the pure steps (lib/k8s/deployments.ts reads and writes) ----

/** The ReplicaSets the deployment controls (owner uid), newest revision first. */
export function ownedReplicaSets(items: RawReplicaSet[], deploymentUid: string): RawReplicaSet[] {
  const rev = (rs: RawReplicaSet) => Number(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
  return items
    .filter((rs) =>
      rs.metadata?.ownerReferences?.some(
        (o) => o.controller && o.kind === 'Deployment' && o.uid === deploymentUid,
      ),
    )
    .sort((a, b) => rev(b) - rev(a));
}

/**
 * The pod template a rollback writes: the ReplicaSet's template without the pod-template-hash
 * label the controller adds, as `kubectl rollout undo` does (rollback.go, getDeploymentPatch).
 */
export function rollbackTemplate(rs: RawReplicaSet): RawPodTemplate {
  const template = structuredClone(rs.spec?.template ?? {});
  if (template.metadata?.labels) {
    delete template.metadata.labels['pod-template-hash'];
  }
  return template;
}

/** Key-order-independent equality of two JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(norm)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, norm(x)]),
          )
        : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * JSON patch that replaces the whole template (a merge would keep fields the old revision lacked).
 * Setting metadata.resourceVersion makes the API server apply it only to the version read (else 409).
 */
export function rollbackPatch(resourceVersion: string, template: RawPodTemplate) {
  return [
    { op: 'replace', path: '/metadata/resourceVersion', value: resourceVersion },
    { op: 'replace', path: '/spec/template', value: template },
  ];
}
