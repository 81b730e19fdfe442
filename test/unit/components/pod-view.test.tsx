import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { podRow } from '../../helpers/pod-row';
import { replicaSet } from '../../helpers/summaries';
import {
  groupPodsByReplicaSet,
  podLook,
  RestartWatch,
  shortPodName,
  sortPods,
} from '@/components/pods/pod-view';

const pod = podRow;

const rs = (name: string, revision: number | null) =>
  replicaSet(name, { revision, images: [`web:${revision}`] });

describe('podLook', () => {
  it('colours pods by what kubectl shows and readiness', () => {
    assert.equal(podLook(pod('a')), 'ready');
    assert.equal(podLook(pod('a', { ready: false })), 'starting');
    assert.equal(podLook(pod('a', { status: 'ContainerCreating', ready: false })), 'starting');
    assert.equal(podLook(pod('a', { status: 'CrashLoopBackOff', ready: false })), 'failing');
    assert.equal(podLook(pod('a', { status: 'OOMKilled', ready: false })), 'failing');
    assert.equal(podLook(pod('a', { status: 'Init:ErrImagePull', ready: false })), 'failing');
    assert.equal(podLook(pod('a', { status: 'Completed', ready: false })), 'done');
  });
  it('shows a deleting pod as terminating whatever its status', () => {
    assert.equal(podLook(pod('a', { deleting: true })), 'terminating');
    assert.equal(podLook(pod('a', { status: 'Terminating' })), 'terminating');
  });
});

describe('shortPodName and sortPods', () => {
  it('keeps the random suffix', () => {
    assert.equal(shortPodName('web-7d9f8b6c5d-x2k4p'), 'x2k4p');
    assert.equal(shortPodName('standalone'), 'standalone');
    assert.equal(shortPodName('trailing-'), 'trailing-');
  });
  it('orders by creation, then name', () => {
    const pods = [
      pod('c', { createdAt: '2026-01-01T10:00:05Z' }),
      pod('b', { createdAt: '2026-01-01T10:00:00Z' }),
      pod('a', { createdAt: '2026-01-01T10:00:00Z' }),
    ];
    assert.deepEqual(
      sortPods(pods).map((p) => p.name),
      ['a', 'b', 'c'],
    );
  });
});

describe('groupPodsByReplicaSet', () => {
  it('puts the newest revision first during a rollout', () => {
    const pods = [pod('web-aaa-1'), pod('web-bbb-1', { owner: 'web-bbb' }), pod('web-aaa-2')];
    const groups = groupPodsByReplicaSet(pods, [rs('web-aaa', 1), rs('web-bbb', 2)]);
    assert.deepEqual(
      groups.map((g) => g.key),
      ['web-bbb', 'web-aaa'],
    );
    assert.equal(groups[0]?.replicaSet?.revision, 2);
    assert.deepEqual(
      groups[1]?.pods.map((p) => p.name),
      ['web-aaa-1', 'web-aaa-2'],
    );
  });
  it('keeps pods of unknown owners in their own group, after the known revisions', () => {
    const groups = groupPodsByReplicaSet([pod('x', { owner: null }), pod('y')], [rs('web-aaa', 3)]);
    assert.deepEqual(
      groups.map((g) => g.key),
      ['web-aaa', ''],
    );
    assert.equal(groups[1]?.replicaSet, null);
  });
});

describe('RestartWatch', () => {
  it('reports only pods whose count went up since last time', () => {
    const watch = new RestartWatch();
    assert.deepEqual(
      watch.update([pod('a', { restarts: 2 })]),
      [],
      'a pod seen for the first time is not a restart',
    );
    assert.deepEqual(watch.update([pod('a', { restarts: 3 }), pod('b', { restarts: 5 })]), ['uid-a']);
    assert.deepEqual(watch.update([pod('a', { restarts: 3 }), pod('b', { restarts: 6 })]), ['uid-b']);
    assert.deepEqual(
      watch.update([pod('a', { restarts: 3 }), pod('b', { restarts: 6 })]),
      [],
      'no change, no restart',
    );
  });

  it('forgets the pods that left, so a long churn does not grow it', () => {
    const watch = new RestartWatch();
    for (let round = 0; round < 50; round++)
      watch.update(Array.from({ length: 10 }, (_, i) => pod(`r${round}-${i}`, { restarts: 0 })));
    assert.ok(watch.size <= 2 * 10 + 64 + 10, `remembers ${watch.size} pods for 10 shown`);
  });
});
