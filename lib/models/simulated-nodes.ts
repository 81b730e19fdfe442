// Which pods run for real. The built-in cluster's kwok nodes (kwok-node-*) run no process: a pod
// there answers no request, so real traffic is pointless and the CPU-annotation simulation stands
// in for load. Pods on any other node (the real node podium-real-1, or any real cluster) run.
import type { PodRow } from './types';

export const KWOK_NODE_PREFIX = 'kwok-node-';

export function onSimulatedNode(pod: Pick<PodRow, 'node'>): boolean {
  return pod.node?.startsWith(KWOK_NODE_PREFIX) ?? false;
}

export type PodsRun = 'real' | 'simulated' | 'none';

/** 'real' when some scheduled pod runs on a real node, 'simulated' when all run on kwok nodes, 'none' before any is scheduled. */
export function podsRun(pods: readonly Pick<PodRow, 'node' | 'deleting'>[]): PodsRun {
  let placed = false;
  for (const p of pods) {
    if (!p.node || p.deleting) continue;
    if (!onSimulatedNode(p)) return 'real';
    placed = true;
  }
  return placed ? 'simulated' : 'none';
}
