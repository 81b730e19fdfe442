import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentSummary, ReplicaSetSummary } from '@/lib/models/types';
import { shownReplicaSets } from '@/components/rollouts/rollout-view';
import { rolloutState } from '@/lib/models/rollout';

function deployment(over: Partial<DeploymentSummary> = {}): DeploymentSummary {
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

function rs(hash: string, revision: number, desired: number, ready = desired): ReplicaSetSummary {
  return {
    uid: `rs-${hash}`,
    name: `web-${hash}`,
    namespace: 'demo',
    resourceVersion: '1',
    createdAt: '2026-01-01T00:00:00Z',
    owner: 'web',
    revision,
    podTemplateHash: hash,
    images: [`web:${revision}`],
    version: null,
    desired,
    current: desired,
    ready,
    available: ready,
  };
}

describe('shownReplicaSets', () => {
  it('shows old and new during a rollout, the new one first', () => {
    const sets = [rs('aaa', 1, 0), rs('bbb', 2, 3), rs('ccc', 3, 2, 1)];
    const state = rolloutState(deployment({ updated: 2 }), sets);
    assert.deepEqual(
      shownReplicaSets(state, sets).map((r) => r.name),
      ['web-ccc', 'web-bbb'],
    );
  });
  it('keeps the previous revision after a rollout, even with no pods in it', () => {
    const sets = [rs('aaa', 1, 0), rs('bbb', 2, 0), rs('ccc', 3, 4)];
    const state = rolloutState(deployment(), sets);
    assert.deepEqual(
      shownReplicaSets(state, sets).map((r) => r.name),
      ['web-ccc', 'web-bbb'],
    );
  });
  it('shows every old ReplicaSet that still runs pods, beyond two', () => {
    const sets = [rs('aaa', 1, 1), rs('bbb', 2, 1), rs('ccc', 3, 2)];
    const state = rolloutState(deployment({ updated: 2, current: 4 }), sets);
    assert.deepEqual(
      shownReplicaSets(state, sets).map((r) => r.name),
      ['web-ccc', 'web-bbb', 'web-aaa'],
    );
  });
  it('shows what exists before the first ReplicaSet has a revision', () => {
    assert.deepEqual(shownReplicaSets({ newReplicaSet: null, oldReplicaSets: [] }, []), []);
  });
});
