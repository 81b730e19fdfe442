import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawReplicaSet } from '../../../lib/models/replicaset';
import { ownedReplicaSets, rollbackPatch, rollbackTemplate, sameJson } from '../../../lib/models/rollout';
import { hpaBoundsProblem } from '../../../lib/validation';

const DEP_UID = '6c1f0d7e-3d0b-4c5e-9a7b-1f2e3d4c5b6a';

// Shaped like `kubectl get rs -o json` from a Deployment "web" (revision 1 and 2, plus a stranger).
function rs(name: string, revision: string, image: string, hash: string, ownerUid = DEP_UID): RawReplicaSet {
  return {
    metadata: {
      name,
      namespace: 'demo',
      uid: `uid-${name}`,
      labels: { app: 'web', 'pod-template-hash': hash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '2',
        'deployment.kubernetes.io/max-replicas': '3',
        'deployment.kubernetes.io/revision': revision,
      },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: ownerUid, controller: true },
      ],
    },
    spec: {
      template: {
        metadata: {
          labels: { app: 'web', 'pod-template-hash': hash },
          annotations: { 'kwok.x-k8s.io/usage-cpu': '10m' },
        },
        spec: {
          containers: [{ name: 'app', image, env: [{ name: 'APP_VERSION', value: revision }] }],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
        },
      },
    },
  };
}

const v1 = rs('web-7d4b9c8f6', '1', 'podium-demo:1.0.0', '7d4b9c8f6');
const v2 = rs('web-5f6d8b7c9', '2', 'podium-demo:2.0.0', '5f6d8b7c9');
const other = rs('api-84c9d7f5b', '1', 'api:1', '84c9d7f5b', 'someone-else');

describe('rollback template copy', () => {
  it('keeps only the ReplicaSets the deployment controls, newest revision first', () => {
    assert.deepEqual(
      ownedReplicaSets([v1, other, v2], DEP_UID).map((r) => r.metadata?.name),
      ['web-5f6d8b7c9', 'web-7d4b9c8f6'],
    );
  });

  it('copies the pod template without the pod-template-hash label, leaving the ReplicaSet untouched', () => {
    const t = rollbackTemplate(v1);
    assert.deepEqual(t.metadata?.labels, { app: 'web' });
    assert.deepEqual(t.metadata?.annotations, { 'kwok.x-k8s.io/usage-cpu': '10m' });
    assert.equal(t.spec?.containers?.[0]?.image, 'podium-demo:1.0.0');
    assert.deepEqual(t.spec?.containers?.[0]?.env, [{ name: 'APP_VERSION', value: '1' }]);
    assert.equal(
      v1.spec?.template?.metadata?.labels?.['pod-template-hash'],
      '7d4b9c8f6',
      'the source is not modified',
    );
  });

  it('replaces the whole template, guarded by the resourceVersion read', () => {
    const t = rollbackTemplate(v1);
    assert.deepEqual(rollbackPatch('4711', t), [
      { op: 'replace', path: '/metadata/resourceVersion', value: '4711' },
      { op: 'replace', path: '/spec/template', value: t },
    ]);
  });

  it('sees when the deployment already runs that template (key order does not matter)', () => {
    const current = {
      spec: {
        containers: [{ image: 'podium-demo:1.0.0', name: 'app', env: [{ value: '1', name: 'APP_VERSION' }] }],
        dnsPolicy: 'ClusterFirst',
        terminationGracePeriodSeconds: 30,
        restartPolicy: 'Always',
      },
      metadata: { annotations: { 'kwok.x-k8s.io/usage-cpu': '10m' }, labels: { app: 'web' } },
    };
    assert.equal(sameJson(rollbackTemplate(v1), current), true);
    assert.equal(sameJson(rollbackTemplate(v2), current), false);
  });
});

describe('HPA bounds', () => {
  it('needs 1 <= min <= max <= maxReplicas', () => {
    assert.equal(hpaBoundsProblem(1, 10, 50), null);
    assert.equal(hpaBoundsProblem(0, 10, 50), 'minReplicas must be at least 1');
    assert.equal(hpaBoundsProblem(5, 4, 50), 'minReplicas (5) must not be above maxReplicas (4)');
    assert.equal(hpaBoundsProblem(1, 51, 50), 'maxReplicas must be at most 50 (PODIUM_MAX_REPLICAS)');
    assert.equal(hpaBoundsProblem(1.5, 3, 50), 'minReplicas and maxReplicas must be whole numbers');
  });
});
