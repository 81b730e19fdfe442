// Which ReplicaSets the rollout panel draws. The rollout state itself (new RS, old RSs, phase)
// comes from lib/models/rollout.ts; this only decides what is worth a row.
import type { RolloutState } from '@/lib/models/rollout';
import type { ReplicaSetSummary } from '@/lib/models/types';

const newestFirst = (a: ReplicaSetSummary, b: ReplicaSetSummary) =>
  (b.revision ?? -1) - (a.revision ?? -1) || a.name.localeCompare(b.name);

/**
 * The new ReplicaSet, then the old ones that still have or want pods; topped up with the newest
 * other revisions to at least `min` rows, so a finished rollout still shows where it came from.
 */
export function shownReplicaSets(
  state: Pick<RolloutState, 'newReplicaSet' | 'oldReplicaSets'>,
  replicaSets: readonly ReplicaSetSummary[],
  min = 2,
): ReplicaSetSummary[] {
  const shown = [state.newReplicaSet, ...state.oldReplicaSets].filter(
    (rs): rs is ReplicaSetSummary => rs !== null,
  );
  const names = new Set(shown.map((rs) => rs.name));
  for (const rs of [...replicaSets].sort(newestFirst)) {
    if (shown.length >= min) break;
    if (!names.has(rs.name)) shown.push(rs);
  }
  return shown;
}
