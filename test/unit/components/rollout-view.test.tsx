import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentSummary, ReplicaSetSummary } from '@/lib/models/types';
import { newReplicaSet, rolloutPhase, rolloutReplicaSets } from '@/components/rollouts/rollout-view';

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
    desired,
    current: desired,
    ready,
    available: ready,
  };
}

describe('rolloutReplicaSets', () => {
  it('shows old and new during a rollout, the new one first', () => {
    const sets = [rs('aaa', 1, 0), rs('bbb', 2, 3), rs('ccc', 3, 2, 1)];
    assert.deepEqual(
      rolloutReplicaSets(deployment(), sets).map((r) => r.name),
      ['web-ccc', 'web-bbb'],
    );
  });
  it('keeps the newest two after a rollout, even with no pods in the old one', () => {
    const sets = [rs('aaa', 1, 0), rs('bbb', 2, 0), rs('ccc', 3, 4)];
    assert.deepEqual(
      rolloutReplicaSets(deployment(), sets).map((r) => r.name),
      ['web-ccc', 'web-bbb'],
    );
  });
  it('finds the new ReplicaSet by hash after a rollback (revision order is not enough)', () => {
    // rolling back to the template of revision 1 gives that RS revision 4
    const sets = [rs('aaa', 4, 4), rs('ccc', 3, 0)];
    assert.equal(newReplicaSet(deployment({ templateHash: 'aaa' }), sets)?.name, 'web-aaa');
    assert.equal(newReplicaSet(deployment({ templateHash: null }), sets)?.name, 'web-aaa');
  });
});

describe('rolloutPhase', () => {
  it('is complete when every replica is updated and available', () => {
    assert.equal(rolloutPhase(deployment()).phase, 'complete');
  });
  it('is progressing while new replicas are missing or old ones remain', () => {
    assert.equal(rolloutPhase(deployment({ updated: 2, available: 4 })).phase, 'progressing');
    assert.equal(rolloutPhase(deployment({ current: 5 })).phase, 'progressing');
    assert.equal(rolloutPhase(deployment({ observedGeneration: 4 })).phase, 'progressing');
  });
  it('is stalled past the progress deadline, and paused when paused', () => {
    const stalled = deployment({
      updated: 1,
      conditions: [
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: 'took too long',
          lastTransitionTime: null,
        },
      ],
    });
    assert.deepEqual(
      [rolloutPhase(stalled).phase, rolloutPhase(stalled).message],
      ['stalled', 'took too long'],
    );
    assert.equal(rolloutPhase(deployment({ paused: true, updated: 1 })).phase, 'paused');
  });
});
