import type { DeploymentSummary, ReplicaSetSummary } from '../../lib/models/types';

/** Deployment web at revision 3, 4 of 4 ready, as the live stream carries it; `over` changes it. */
export function deployment(over: Partial<DeploymentSummary> = {}): DeploymentSummary {
  return {
    uid: 'd1',
    name: 'web',
    namespace: 'demo',
    resourceVersion: '1',
    createdAt: '2026-01-01T00:00:00Z',
    labels: {},
    selector: { app: 'web' },
    templateLabels: { app: 'web' },
    desired: 4,
    current: 4,
    ready: 4,
    updated: 4,
    available: 4,
    unavailable: 0,
    revision: 3,
    generation: 5,
    observedGeneration: 5,
    paused: false,
    strategy: { type: 'RollingUpdate', maxSurge: '1', maxUnavailable: '0' },
    containers: [],
    conditions: [],
    endpoints: [],
    versionEnvName: null,
    templateHash: 'ccc',
    ...over,
  };
}

/** ReplicaSet `name` of Deployment web at revision 1, 1 of 1 ready, as the live stream carries it; `over` changes it. */
export function replicaSet(name: string, over: Partial<ReplicaSetSummary> = {}): ReplicaSetSummary {
  return {
    uid: `rs-${name}`,
    name,
    namespace: 'demo',
    resourceVersion: '1',
    createdAt: '2026-01-01T00:00:00Z',
    owner: 'web',
    revision: 1,
    podTemplateHash: name.slice(name.lastIndexOf('-') + 1),
    images: [],
    version: null,
    desired: 1,
    current: 1,
    ready: 1,
    available: 1,
    ...over,
  };
}

/** ReplicaSet web-<hash> of web at `revision` (image web:<revision>), `ready` of `desired` ready. */
export function rs(hash: string, revision: number, desired: number, ready = desired): ReplicaSetSummary {
  return replicaSet(`web-${hash}`, {
    uid: `rs-${hash}`,
    revision,
    images: [`web:${revision}`],
    desired,
    current: desired,
    ready,
    available: ready,
  });
}
