// Pure helpers for the rollout views. The rollout *state* belongs to lib/models/rollout.ts; until
// that lands, rolloutPhase below is a small stand-in that reads what `kubectl rollout status`
// reads (deployment status counts and the Progressing condition).
import type { DeploymentSummary, ReplicaSetSummary } from '@/lib/models/types';

export type RolloutPhase = 'complete' | 'progressing' | 'stalled' | 'paused';

export interface RolloutStateView {
  phase: RolloutPhase;
  /** a sentence for people, e.g. "2 of 4 new replicas updated" */
  message: string;
  /** pods of the new revision that are available, out of desired */
  done: number;
  total: number;
}

/** The RS the Deployment is rolling towards: matching pod-template-hash, else the highest revision. */
export function newReplicaSet(
  d: Pick<DeploymentSummary, 'templateHash'>,
  replicaSets: readonly ReplicaSetSummary[],
): ReplicaSetSummary | null {
  const byHash = d.templateHash ? replicaSets.find((rs) => rs.podTemplateHash === d.templateHash) : undefined;
  if (byHash) return byHash;
  return [...replicaSets].sort((a, b) => (b.revision ?? -1) - (a.revision ?? -1))[0] ?? null;
}

/**
 * The ReplicaSets worth showing: those that have or want pods (old and new during a rollout),
 * and at least the newest two so a finished rollout still shows where it came from. New first.
 */
export function rolloutReplicaSets(
  d: Pick<DeploymentSummary, 'templateHash'>,
  replicaSets: readonly ReplicaSetSummary[],
): ReplicaSetSummary[] {
  const byRevision = [...replicaSets].sort(
    (a, b) => (b.revision ?? -1) - (a.revision ?? -1) || a.name.localeCompare(b.name),
  );
  const active = byRevision.filter((rs) => rs.desired > 0 || rs.current > 0);
  const chosen = new Set([...active, ...byRevision.slice(0, 2)]);
  const fresh = newReplicaSet(d, replicaSets);
  return byRevision.filter((rs) => chosen.has(rs)).sort((a, b) => Number(b === fresh) - Number(a === fresh));
}

/** Mirrors `kubectl rollout status`: generation observed, all updated, no old pods, all available. */
export function rolloutPhase(d: DeploymentSummary): RolloutStateView {
  const total = d.desired;
  const done = Math.min(d.updated, d.available);
  const progressing = d.conditions.find((c) => c.type === 'Progressing');
  if (d.paused) return { phase: 'paused', message: 'The rollout is paused.', done, total };
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    return {
      phase: 'stalled',
      message: progressing.message ?? 'The rollout exceeded its progress deadline.',
      done,
      total,
    };
  }
  if (d.observedGeneration < d.generation)
    return { phase: 'progressing', message: 'Waiting for the controller to see the new spec.', done, total };
  if (d.updated < total)
    return { phase: 'progressing', message: `${d.updated} of ${total} new replicas updated.`, done, total };
  if (d.current > d.updated) {
    return {
      phase: 'progressing',
      message: `${d.current - d.updated} old replica(s) pending termination.`,
      done,
      total,
    };
  }
  if (d.available < d.updated)
    return {
      phase: 'progressing',
      message: `${d.available} of ${d.updated} updated replicas available.`,
      done,
      total,
    };
  return {
    phase: 'complete',
    message: 'Every replica runs the current revision and is available.',
    done,
    total,
  };
}
