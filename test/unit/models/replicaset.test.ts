import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toReplicaSetSummary } from '../../../lib/models/replicaset';
import list from '../../fixtures/k8s/replicasets-echo-rolling.json' with { type: 'json' };

describe('toReplicaSetSummary', () => {
  const [oldest, old, fresh, zmq] = list.items.map(toReplicaSetSummary);

  it('reads owner, revision, hash and images', () => {
    assert.equal(fresh?.name, 'echo-84c7b6d9f5');
    assert.equal(fresh?.owner, 'echo');
    assert.equal(fresh?.revision, 3);
    assert.equal(fresh?.podTemplateHash, '84c7b6d9f5');
    assert.deepEqual(fresh?.images, ['podium-demo:1.1.0']);
    assert.deepEqual(zmq?.images, [
      'registry.example.com/zmq-echo:1.0.0',
      'registry.example.com/foobar:2.3.1',
    ]);
  });

  it('reads replica counts, with absent status fields as 0', () => {
    assert.deepEqual([fresh?.desired, fresh?.current, fresh?.ready, fresh?.available], [2, 2, 1, 1]);
    assert.deepEqual([old?.desired, old?.current, old?.ready, old?.available], [2, 2, 2, 2]);
    assert.deepEqual([oldest?.desired, oldest?.current, oldest?.ready, oldest?.available], [0, 0, 0, 0]);
  });

  it('has no owner or revision when made by hand', () => {
    const rs = toReplicaSetSummary({ metadata: { name: 'manual' }, spec: {} });
    assert.equal(rs.owner, null);
    assert.equal(rs.revision, null);
    assert.equal(rs.desired, 1, 'spec.replicas defaults to 1');
  });

  it('reads the version env named by the annotation the deployment controller copies, and only that', () => {
    const raw = structuredClone(list.items[0]!) as Parameters<typeof toReplicaSetSummary>[0];
    assert.equal(toReplicaSetSummary(raw).version, null, 'no annotation: no version');
    raw.metadata!.annotations = { ...raw.metadata!.annotations, 'podium.dev/version-env': 'APP_VERSION' };
    assert.equal(toReplicaSetSummary(raw).version, '0.9.0');
    raw.metadata!.annotations['podium.dev/version-env'] = 'ADMIN_TOKEN';
    assert.equal(toReplicaSetSummary(raw).version, null, 'an env from a secret is never copied');
  });
});
