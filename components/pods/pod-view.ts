// Pure view helpers for pods: ordering, grouping by ReplicaSet, status tone, restart tracking.
// No React here, so unit tests can import it.
import type { PodRow, ReplicaSetSummary } from '@/lib/models/types';
import type { Tone } from '@/components/ui/cn';

/** How a pod looks on screen: one word per colour. */
export type PodLook = 'ready' | 'starting' | 'failing' | 'terminating' | 'done';

export const LOOK_TONE: Record<PodLook, Tone> = {
  ready: 'ok',
  starting: 'warn',
  failing: 'bad',
  terminating: 'neutral',
  done: 'info',
};

const FAILING =
  /BackOff|Err|Error|OOMKilled|Failed|Evicted|ExitCode|Signal|Unknown|NodeLost|Invalid|DeadlineExceeded/;

/** kubectl's STATUS word plus readiness -> the colour family of a tile or badge. */
export function podLook(pod: Pick<PodRow, 'status' | 'ready' | 'deleting'>): PodLook {
  if (pod.deleting || pod.status === 'Terminating') return 'terminating';
  if (FAILING.test(pod.status)) return 'failing';
  if (pod.status === 'Completed' || pod.status === 'Succeeded') return 'done';
  if (pod.status === 'Running' && pod.ready) return 'ready';
  return 'starting';
}

/** "web-7d9f8b6c5d-x2k4p" -> "x2k4p": the part that tells sibling pods apart. */
export function shortPodName(name: string): string {
  const i = name.lastIndexOf('-');
  return i >= 0 && i < name.length - 1 ? name.slice(i + 1) : name;
}

/** Oldest first, then by name: a stable order that does not jump while pods change status. */
export function comparePods(
  a: Pick<PodRow, 'createdAt' | 'name'>,
  b: Pick<PodRow, 'createdAt' | 'name'>,
): number {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return a.name.localeCompare(b.name);
}

export function sortPods<T extends Pick<PodRow, 'createdAt' | 'name'>>(pods: readonly T[]): T[] {
  return [...pods].sort(comparePods);
}

export interface PodGroup {
  /** the owner name, or "" for pods without an owning ReplicaSet */
  key: string;
  replicaSet: ReplicaSetSummary | null;
  pods: PodRow[];
}

/**
 * Pods by owning ReplicaSet, newest revision first (the new RS above the old one during a
 * rollout); groups without a known revision follow, by name. Pods inside a group are sorted.
 */
export function groupPodsByReplicaSet(
  pods: readonly PodRow[],
  replicaSets: readonly ReplicaSetSummary[] = [],
): PodGroup[] {
  const byName = new Map(replicaSets.map((rs) => [rs.name, rs]));
  const groups = new Map<string, PodGroup>();
  for (const pod of pods) {
    const key = pod.owner ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { key, replicaSet: byName.get(key) ?? null, pods: [] };
      groups.set(key, group);
    }
    group.pods.push(pod);
  }
  const revision = (g: PodGroup) => g.replicaSet?.revision ?? -1;
  return [...groups.values()]
    .map((g) => ({ ...g, pods: sortPods(g.pods) }))
    .sort((a, b) => revision(b) - revision(a) || a.key.localeCompare(b.key));
}

/**
 * Which pods restarted since the last render: uids whose restart count went up, and the counts
 * to remember for next time. Pods seen for the first time never count as restarted.
 */
export function restartIncreases(
  previous: ReadonlyMap<string, number>,
  pods: readonly Pick<PodRow, 'uid' | 'restarts'>[],
): { increased: string[]; counts: Map<string, number> } {
  const increased: string[] = [];
  const counts = new Map<string, number>();
  for (const pod of pods) {
    const before = previous.get(pod.uid);
    if (before !== undefined && pod.restarts > before) increased.push(pod.uid);
    counts.set(pod.uid, pod.restarts);
  }
  return { increased, counts };
}

/** "OOMKilled, exit 137, container web" for tooltips; null when the pod never restarted. */
export function describeLastTermination(pod: Pick<PodRow, 'lastTermination'>): string | null {
  const t = pod.lastTermination;
  if (!t) return null;
  const parts = [t.reason ?? 'Terminated'];
  if (t.exitCode !== null) parts.push(`exit ${t.exitCode}`);
  parts.push(`container ${t.container}`);
  if (t.finishedAt) parts.push(`at ${t.finishedAt}`);
  return parts.join(', ');
}
