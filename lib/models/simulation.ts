// The simulations the built-in cluster offers in place of a live app (its pods run no process):
// a closed set, each one a merge patch of a few allowlisted POD annotations that the cluster's kwok
// stages act on (docs/local-cluster.md). Nothing here can reach another field or another object.
// The request body (a Simulation, lib/models/contract.ts) is validated in lib/validation.ts.
import type { RestartReason } from './contract';
import type { RawNode } from './meta';

export const CPU_MIN_MILLI = 1;
export const CPU_MAX_MILLI = 4000;

export const ANNOTATIONS = {
  restarts: 'sim.podium.dev/restarts',
  restartReason: 'sim.podium.dev/restart-reason',
  ready: 'sim.podium.dev/ready',
  cpu: 'kwok.x-k8s.io/usage-cpu',
} as const;

/** The kwok annotation every node of the built-in cluster carries. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

export interface AnnotationPatch {
  metadata: { annotations: Record<string, string> };
}

/**
 * The restart stage restarts the first container until its restartCount reaches the annotation,
 * so one more restart is "current count + 1" (or past a request still in flight).
 */
export function restartPatch(
  restartCount: number,
  pendingTarget: number | null,
  reason: RestartReason,
): AnnotationPatch {
  const target = Math.max(restartCount, pendingTarget ?? 0) + 1;
  return {
    metadata: {
      annotations: { [ANNOTATIONS.restarts]: String(target), [ANNOTATIONS.restartReason]: reason },
    },
  };
}

export function readyPatch(ready: boolean): AnnotationPatch {
  return { metadata: { annotations: { [ANNOTATIONS.ready]: ready ? 'true' : 'false' } } };
}

export function cpuPatch(milli: number): AnnotationPatch {
  if (!Number.isInteger(milli) || milli < CPU_MIN_MILLI || milli > CPU_MAX_MILLI) {
    throw new RangeError(`CPU must be ${CPU_MIN_MILLI}..${CPU_MAX_MILLI} millicores`);
  }
  return { metadata: { annotations: { [ANNOTATIONS.cpu]: `${milli}m` } } };
}

/** The label the built-in cluster's real node carries (scripts/cluster/node.sh). */
export const REAL_NODE_LABEL = 'podium.dev/node';

export interface SimulatedCluster {
  /** every node is a kwok node: whatever a lesson sets up runs nothing */
  simulated: boolean;
  /** the kwok nodes: a pod on one of them runs no process, and only simulations move it */
  simulatedNodes: string[];
  /** a node labelled podium.dev/node=real (the built-in cluster's real node), where lessons run */
  realNode: string | null;
  /** what the cluster is, in words a person can act on */
  reason: string;
}

const isKwok = (n: RawNode) => n.metadata?.annotations?.[KWOK_NODE_ANNOTATION] === 'fake';

/**
 * Simulations are for pods on kwok nodes (kwok.x-k8s.io/node=fake), which run no process; a pod on
 * any other node runs for real and is driven through the app's own endpoints.
 */
export function nodesAreSimulated(nodes: readonly RawNode[]): SimulatedCluster {
  const simulatedNodes = nodes.filter(isKwok).map((n) => n.metadata?.name ?? '');
  const real = nodes.filter((n) => !isKwok(n));
  const realNode = real.find((n) => n.metadata?.labels?.[REAL_NODE_LABEL] === 'real')?.metadata?.name ?? null;
  if (nodes.length === 0)
    return { simulated: false, simulatedNodes, realNode, reason: 'the cluster has no nodes' };
  if (real.length === 0) {
    return {
      simulated: true,
      simulatedNodes,
      realNode,
      reason: `all ${nodes.length} nodes are kwok nodes (${KWOK_NODE_ANNOTATION}=fake): pods run no process`,
    };
  }
  const names = real
    .slice(0, 3)
    .map((n) => n.metadata?.name ?? '?')
    .join(', ');
  return {
    simulated: false,
    simulatedNodes,
    realNode,
    reason:
      simulatedNodes.length === 0
        ? `a real cluster (node${real.length === 1 ? '' : 's'} ${names}${real.length > 3 ? ' …' : ''}): pods run for real`
        : `pods on ${names}${real.length > 3 ? ' …' : ''} run for real; pods on the ${simulatedNodes.length} kwok node${simulatedNodes.length === 1 ? '' : 's'} are simulated`,
  };
}

/**
 * Whether a set of pods is simulated: at least one, and every one scheduled on a kwok node. A pod
 * not scheduled yet counts as not simulated (nothing can be simulated on it).
 */
export function podsAreSimulated(
  podNodes: readonly (string | null | undefined)[],
  simulatedNodes: readonly string[],
): boolean {
  return podNodes.length > 0 && podNodes.every((n) => !!n && simulatedNodes.includes(n));
}

/**
 * Whether a lesson's steps are simulated: by where its pods are once they exist; before that, by
 * the cluster (pods will land on kwok nodes only if every node is one, since the stories pin their
 * pods to a real node labelled podium.dev/node=real when there is one).
 */
export function lessonIsSimulated(
  cluster: Pick<SimulatedCluster, 'simulated' | 'simulatedNodes'>,
  podNodes: readonly (string | null | undefined)[],
): boolean {
  return podNodes.length > 0 ? podsAreSimulated(podNodes, cluster.simulatedNodes) : cluster.simulated;
}

/** Load spread over pods, rounded up and kept inside the route's bounds. */
export function cpuShare(totalMilli: number, pods: number): number {
  const share = Math.ceil(totalMilli / Math.max(1, pods));
  return Math.min(CPU_MAX_MILLI, Math.max(CPU_MIN_MILLI, share));
}
