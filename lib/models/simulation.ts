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

export interface SimulatedCluster {
  simulated: boolean;
  /** why not, in words a person can act on; or what makes it simulated */
  reason: string;
}

/** Simulations are for kwok clusters only: every node must carry kwok.x-k8s.io/node=fake. */
export function nodesAreSimulated(nodes: readonly RawNode[]): SimulatedCluster {
  if (nodes.length === 0) return { simulated: false, reason: 'the cluster has no nodes' };
  const real = nodes.filter((n) => n.metadata?.annotations?.[KWOK_NODE_ANNOTATION] !== 'fake');
  if (real.length > 0) {
    const names = real
      .slice(0, 3)
      .map((n) => n.metadata?.name ?? '?')
      .join(', ');
    return {
      simulated: false,
      reason: `this is a real cluster (node${real.length === 1 ? '' : 's'} ${names}${real.length > 3 ? ' …' : ''} without the annotation ${KWOK_NODE_ANNOTATION}=fake): use the app's own endpoints instead`,
    };
  }
  return {
    simulated: true,
    reason: `all ${nodes.length} nodes are kwok nodes (${KWOK_NODE_ANNOTATION}=fake)`,
  };
}

/** Load spread over pods, rounded up and kept inside the route's bounds. */
export function cpuShare(totalMilli: number, pods: number): number {
  const share = Math.ceil(totalMilli / Math.max(1, pods));
  return Math.min(CPU_MAX_MILLI, Math.max(CPU_MIN_MILLI, share));
}
