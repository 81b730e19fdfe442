import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toDeploymentSummary } from '../../../lib/models/deployment';
import { toReplicaSetSummary, type RawReplicaSet } from '../../../lib/models/replicaset';
import { newReplicaSetOf, rolloutHistory, rolloutState } from '../../../lib/models/rollout';
import type { DeploymentSummary } from '../../../lib/models/types';
import rollingRaw from '../../fixtures/k8s/deployment-echo-rolling.json' with { type: 'json' };
import stalledRaw from '../../fixtures/k8s/deployment-echo-stalled.json' with { type: 'json' };
import myappRaw from '../../fixtures/k8s/deployment-myapp-paused.json' with { type: 'json' };
import zmqRaw from '../../fixtures/k8s/deployment-zmq-echo.json' with { type: 'json' };
import rsList from '../../fixtures/k8s/replicasets-echo-rolling.json' with { type: 'json' };

const replicaSets = (rsList.items as RawReplicaSet[]).map(toReplicaSetSummary);
const rolling = toDeploymentSummary(rollingRaw);

describe('rolloutState mid-rollout (story 001: maxSurge 1, maxUnavailable 0)', () => {
  const state = rolloutState(rolling, replicaSets);

  it('finds the new ReplicaSet and the old one still serving', () => {
    assert.equal(state.newReplicaSet?.name, 'echo-84c7b6d9f5');
    assert.deepEqual(
      state.oldReplicaSets.map((rs) => rs.name),
      ['echo-6f7d8c9b5d'],
    );
  });

  it('is progressing, with kubectl’s sentence and the numbers', () => {
    assert.equal(state.phase, 'progressing');
    assert.equal(
      state.message,
      'Waiting for deployment "echo" rollout to finish: 2 out of 3 new replicas have been updated...',
    );
    assert.deepEqual([state.desired, state.updated, state.newReady], [3, 2, 1]);
    assert.equal(state.progress, 1 / 3);
  });

  it('leaves out ReplicaSets of other Deployments and old ones scaled to zero', () => {
    assert.ok(!state.oldReplicaSets.some((rs) => rs.owner !== 'echo' || rs.name === 'echo-5c9d8f7b6a'));
  });
});

describe('rolloutState phases', () => {
  const with_ = (patch: Partial<DeploymentSummary>) => rolloutState({ ...rolling, ...patch }, replicaSets);

  it('stalled when the progress deadline is exceeded', () => {
    const state = rolloutState(toDeploymentSummary(stalledRaw), replicaSets);
    assert.equal(state.phase, 'stalled');
    assert.equal(state.message, 'deployment "echo" exceeded its progress deadline');
    assert.equal(state.newReplicaSet?.name, 'echo-84c7b6d9f5');
  });

  it('paused wins', () => {
    const state = rolloutState(toDeploymentSummary(myappRaw), []);
    assert.equal(state.phase, 'paused');
    assert.equal(state.newReplicaSet, null);
    assert.equal(state.progress, 0);
  });

  it('complete once every replica is updated and available', () => {
    const zmq = toDeploymentSummary(zmqRaw);
    const state = rolloutState(zmq, replicaSets);
    assert.equal(state.phase, 'complete');
    assert.equal(state.message, 'deployment "zmq-echo" successfully rolled out');
    assert.equal(state.newReplicaSet?.name, 'zmq-echo-5f9b8d7c6b');
    assert.deepEqual(state.oldReplicaSets, []);
    assert.equal(state.progress, 1);
  });

  it('waits for old pods to terminate, then for availability', () => {
    assert.equal(
      with_({ updated: 3, current: 4 }).message,
      'Waiting for deployment "echo" rollout to finish: 1 old replicas are pending termination...',
    );
    assert.equal(
      with_({ updated: 3, current: 3, available: 2 }).message,
      'Waiting for deployment "echo" rollout to finish: 2 of 3 updated replicas are available...',
    );
    assert.equal(with_({ updated: 3, current: 3, available: 3 }).phase, 'complete');
  });

  it('progressing until the controller has seen the new spec', () => {
    const state = with_({ generation: 4, observedGeneration: 3, updated: 3, current: 3, available: 3 });
    assert.equal(state.phase, 'progressing');
    assert.equal(state.message, 'Waiting for deployment spec update to be observed...');
  });

  it('progress is 1 for a Deployment scaled to zero', () => {
    assert.equal(with_({ desired: 0 }).progress, 1);
  });
});

describe('newReplicaSetOf', () => {
  it('prefers the revision, then the template hash, then the newest', () => {
    assert.equal(
      newReplicaSetOf({ ...rolling, templateHash: '6f7d8c9b5d' }, replicaSets)?.name,
      'echo-84c7b6d9f5',
    );
    assert.equal(
      newReplicaSetOf({ ...rolling, revision: null, templateHash: '6f7d8c9b5d' }, replicaSets)?.name,
      'echo-6f7d8c9b5d',
    );
    assert.equal(
      newReplicaSetOf({ ...rolling, revision: 9, templateHash: null }, replicaSets)?.name,
      'echo-84c7b6d9f5',
    );
    assert.equal(newReplicaSetOf(rolling, []), null);
  });
});

describe('rolloutHistory', () => {
  it('lists revisions newest first with images, marking the current one', () => {
    assert.deepEqual(
      rolloutHistory(replicaSets, rolling).map((r) => [r.revision, r.replicaSet, r.images[0], r.current]),
      [
        [3, 'echo-84c7b6d9f5', 'podium-demo:1.1.0', true],
        [2, 'echo-6f7d8c9b5d', 'podium-demo:1.0.0', false],
        [1, 'echo-5c9d8f7b6a', 'podium-demo:0.9.0', false],
      ],
    );
  });

  it('without a Deployment takes the given ReplicaSets as they are', () => {
    const history = rolloutHistory(replicaSets);
    assert.equal(history.length, 4);
    assert.ok(history.every((r) => r.current === false));
    assert.deepEqual(rolloutHistory([{ ...replicaSets[0]!, revision: null }]), [], 'no revision, no entry');
  });
});
