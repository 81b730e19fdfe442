// Who belongs to whom (lib/models/ownership.ts), on objects recorded from real clusters: a
// Deployment mid-rollout with its ReplicaSets, pods, HPA and events, and a canary pair whose
// selectors overlap.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toDeploymentSummary, type RawDeployment } from '../../../lib/models/deployment';
import { toEndpointSliceSummary, type RawEndpointSlice } from '../../../lib/models/endpointslice';
import { toEventRow, type RawEvent } from '../../../lib/models/event';
import { toHpaSummary } from '../../../lib/models/hpa';
import {
  eventsOfDeployment,
  familyOf,
  hpaFor,
  namespaceCanaryGroups,
  podsOf,
  replicaSetsOf,
  totalRestarts,
  type NamespaceObjects,
} from '../../../lib/models/ownership';
import { toPodRow, type RawPod } from '../../../lib/models/pod';
import { toReplicaSetSummary, type RawReplicaSet } from '../../../lib/models/replicaset';
import { toServiceSummary, type RawService } from '../../../lib/models/service';
import canaryDeployments from '../../fixtures/k8s/canary-deployments.json' with { type: 'json' };
import canarySlices from '../../fixtures/k8s/canary-endpointslices.json' with { type: 'json' };
import canaryPods from '../../fixtures/k8s/canary-pods.json' with { type: 'json' };
import rollingRaw from '../../fixtures/k8s/deployment-echo-rolling.json' with { type: 'json' };
import events from '../../fixtures/k8s/events-core-v1.json' with { type: 'json' };
import hpaRaw from '../../fixtures/k8s/hpa-echo-cpu.json' with { type: 'json' };
import crashloop from '../../fixtures/k8s/pod-echo-crashloop.json' with { type: 'json' };
import creating from '../../fixtures/k8s/pod-echo-creating.json' with { type: 'json' };
import restarted from '../../fixtures/k8s/pod-echo-restarted.json' with { type: 'json' };
import rsList from '../../fixtures/k8s/replicasets-echo-rolling.json' with { type: 'json' };
import serviceList from '../../fixtures/k8s/services.json' with { type: 'json' };

const echo = toDeploymentSummary(rollingRaw);
const replicaSets = (rsList.items as RawReplicaSet[]).map(toReplicaSetSummary);
const echoPods = [restarted, crashloop, creating].map((p) => toPodRow(p as RawPod));
const canary = (canaryDeployments.items as RawDeployment[]).map(toDeploymentSummary);
const canaryPodRows = (canaryPods.items as RawPod[]).map(toPodRow);
const hpa = toHpaSummary(hpaRaw);
const eventRows = (events.items as RawEvent[]).map(toEventRow);

const ns: NamespaceObjects = {
  deployments: [echo, ...canary],
  replicaSets,
  pods: [...echoPods, ...canaryPodRows],
  hpas: [hpa],
  services: (serviceList.items as RawService[]).map(toServiceSummary),
  endpointSlices: (canarySlices.items as RawEndpointSlice[]).map(toEndpointSliceSummary),
  events: eventRows,
};
const named = (name: string) => ns.deployments.find((d) => d.name === name)!;

describe('replicaSetsOf', () => {
  it('follows ownerReferences: the three echo revisions, not zmq-echo’s', () => {
    assert.deepEqual(
      replicaSetsOf(echo, replicaSets)
        .map((rs) => rs.name)
        .sort(),
      ['echo-5c9d8f7b6a', 'echo-6f7d8c9b5d', 'echo-84c7b6d9f5'],
    );
  });
});

describe('podsOf', () => {
  it('takes the pods of the deployment’s ReplicaSets only', () => {
    assert.deepEqual(
      podsOf(echo, ns.pods, replicaSets)
        .map((p) => p.name)
        .sort(),
      echoPods.map((p) => p.name).sort(),
    );
  });

  it('falls back to the selector before the ReplicaSets arrive', () => {
    const stable = named('dummy-api-stable');
    const bySelector = podsOf(stable, ns.pods, undefined).map((p) => p.name);
    assert.ok(bySelector.length > 0);
    assert.deepEqual(
      podsOf(stable, ns.pods, []).map((p) => p.name),
      bySelector,
    );
  });

  it('keeps a canary’s pods apart from the stable’s once ReplicaSets are known, though the labels overlap', () => {
    const rsOf = (d: string, hash: string) => ({
      ...replicaSets[0]!,
      uid: `${d}-${hash}`,
      name: `${d}-${hash}`,
      owner: d,
    });
    const rs = [
      rsOf('dummy-api-stable', '7b9f6c5d48'),
      rsOf('dummy-api-canary', '5d8c7b9f64'),
      rsOf('dummy-api-canary', '6c9d8e7f55'),
    ];
    const stable = podsOf(named('dummy-api-stable'), ns.pods, rs).map((p) => p.name);
    const canaryOnes = podsOf(named('dummy-api-canary'), ns.pods, rs).map((p) => p.name);
    assert.equal(stable.length, 3);
    assert.equal(canaryOnes.length, 2);
    assert.ok(stable.every((p) => p.startsWith('dummy-api-stable-')));
    assert.ok(canaryOnes.every((p) => p.startsWith('dummy-api-canary-')));
  });
});

describe('hpaFor and totalRestarts', () => {
  it('finds the HPA whose scale target is the deployment, and no other', () => {
    assert.equal(hpaFor(echo, ns.hpas)?.name, hpa.name);
    assert.equal(hpaFor(named('dummy-api-stable'), ns.hpas), null);
  });

  it('adds up the restarts of the pods', () => {
    assert.equal(
      totalRestarts(echoPods),
      echoPods.reduce((n, p) => n + p.restarts, 0),
    );
    assert.ok(totalRestarts(echoPods) > 0);
    assert.equal(totalRestarts([]), 0);
  });
});

describe('eventsOfDeployment', () => {
  const mine = eventsOfDeployment(echo, replicaSetsOf(echo, replicaSets), [], null, eventRows);

  it('keeps events of the deployment and of its pods, even pods already gone, newest first', () => {
    assert.ok(mine.some((e) => e.involved.kind === 'Deployment' && e.involved.name === 'echo'));
    assert.ok(mine.some((e) => e.involved.kind === 'Pod' && e.involved.name.startsWith('echo-6f7d8c9b5d-')));
    const times = mine.map((e) => e.lastSeen ?? e.createdAt);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it('has nothing for another deployment', () => {
    assert.deepEqual(eventsOfDeployment(named('dummy-api-stable'), [], [], null, eventRows), []);
  });
});

describe('familyOf', () => {
  it('gives a view everything of one deployment at once', () => {
    const f = familyOf(echo, ns);
    assert.equal(f.deployment, echo);
    assert.equal(f.replicaSets.length, 3);
    assert.deepEqual(
      f.podNames,
      f.pods.map((p) => p.name),
    );
    assert.equal(f.hpa?.name, hpa.name);
    assert.equal(f.canary, null);
    assert.deepEqual(f.events, eventsOfDeployment(echo, f.replicaSets, f.pods, f.hpa, eventRows));
  });

  it('names the canary group a deployment is a member of', () => {
    const groups = namespaceCanaryGroups(ns);
    assert.equal(familyOf(named('dummy-api-canary'), ns, groups).canary?.service, 'dummy-api-service');
    assert.equal(familyOf(named('dummy-api-stable'), ns, groups).canary?.service, 'dummy-api-service');
  });
});
