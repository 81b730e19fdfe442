import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  canaryGroups,
  canaryRole,
  deploymentOfPod,
  isCanaryMember,
  measuredSplit,
  type CanaryGroup,
} from '../../../lib/models/canary';
import { toDeploymentSummary, type RawDeployment } from '../../../lib/models/deployment';
import { toEndpointSliceSummary, type RawEndpointSlice } from '../../../lib/models/endpointslice';
import { toPodRow, type RawPod } from '../../../lib/models/pod';
import { toServiceSummary, type RawService } from '../../../lib/models/service';
import type { DeploymentSummary, PodRow, ReplicaSetSummary } from '../../../lib/models/types';
import deploymentList from '../../fixtures/k8s/canary-deployments.json' with { type: 'json' };
import sliceList from '../../fixtures/k8s/canary-endpointslices.json' with { type: 'json' };
import podList from '../../fixtures/k8s/canary-pods.json' with { type: 'json' };
import echoRaw from '../../fixtures/k8s/deployment-echo.json' with { type: 'json' };
import zmqRaw from '../../fixtures/k8s/deployment-zmq-echo.json' with { type: 'json' };
import serviceList from '../../fixtures/k8s/services.json' with { type: 'json' };

// heterogeneous JSON lists widen into unions TypeScript cannot check against Record<>; see service.test.ts
const services = (serviceList.items as RawService[]).map(toServiceSummary);
const deployments = [...(deploymentList.items as RawDeployment[]), echoRaw, zmqRaw].map(toDeploymentSummary);
const pods = (podList.items as RawPod[]).map(toPodRow);
const slices = (sliceList.items as RawEndpointSlice[]).map(toEndpointSliceSummary);
const byName = (name: string) => deployments.find((d) => d.name === name)!;

describe('canaryGroups (story 003: 3 stable + 1 canary behind one Service)', () => {
  const groups = canaryGroups(services, deployments, pods, slices);
  const [group] = groups;

  it('finds exactly one group: the Service both Deployments’ pods match', () => {
    assert.deepEqual(
      groups.map((g) => g.service),
      ['dummy-api-service'],
    );
    assert.deepEqual(group?.selector, { app: 'api-label' });
  });

  it('splits 75 % / 25 % by ready endpoints', () => {
    assert.deepEqual(
      group?.members.map((m) => [m.deployment, m.role, m.readyPods, m.expectedShare]),
      [
        ['dummy-api-stable', 'stable', 3, 0.75],
        ['dummy-api-canary', 'canary', 1, 0.25],
      ],
    );
    assert.equal(group?.totalReadyPods, 4);
    assert.equal(group?.otherReadyPods, 0);
  });

  it('ignores the terminating pod of the canary’s previous revision', () => {
    assert.ok(pods.some((p) => p.name === 'dummy-api-canary-6c9d8e7f55-b2n4c' && p.deleting));
    assert.equal(group?.members.find((m) => m.role === 'canary')?.readyPods, 1);
  });

  it('names stable, canaries and versions', () => {
    assert.equal(group?.stable, 'dummy-api-stable');
    assert.deepEqual(group?.canaries, ['dummy-api-canary']);
    assert.deepEqual(
      group?.members.map((m) => m.version),
      ['1.0', '2.0'],
    );
    assert.deepEqual(
      group?.members.map((m) => m.desired),
      [3, 1],
    );
  });

  it('matches pod template labels, not the Deployment’s own labels', () => {
    // zmq-echo is labelled app=echo itself, but its pods are app=zmq-echo: Service "echo" selects only "echo"
    assert.ok(!groups.some((g) => g.service === 'echo'));
  });
});

describe('canaryGroups without the pods (the overview of a namespace over 500 pods)', () => {
  // The overview's stream then sends ReplicaSets and no pods: an endpoint's pod name resolves
  // through its ReplicaSet (<replicaset>-<suffix>) to the Deployment.
  const replicaSets: ReplicaSetSummary[] = pods
    .filter((p) => p.owner)
    .map((p) => ({
      uid: `rs-${p.owner}`,
      name: p.owner!,
      namespace: p.namespace,
      resourceVersion: '1',
      createdAt: p.createdAt,
      owner: deploymentOfPod(p, deployments)?.name ?? null,
      revision: 1,
      podTemplateHash: p.podTemplateHash,
      images: [],
      version: null,
      desired: 0,
      current: 0,
      ready: 0,
      available: 0,
    }));

  it('still splits 75 % / 25 %', () => {
    const [group] = canaryGroups(services, deployments, [], slices, replicaSets);
    assert.deepEqual(
      group?.members.map((m) => [m.deployment, m.readyPods, m.expectedShare]),
      [
        ['dummy-api-stable', 3, 0.75],
        ['dummy-api-canary', 1, 0.25],
      ],
    );
    assert.equal(group?.otherReadyPods, 0);
  });

  it('counts an endpoint as other when neither its pod nor its ReplicaSet is known', () => {
    const [group] = canaryGroups(services, deployments, [], slices, []);
    assert.deepEqual(
      group?.members.map((m) => m.readyPods),
      [0, 0],
    );
    assert.equal(group?.otherReadyPods, 4);
  });
});

describe('stable and canary naming', () => {
  const stableRaw = deploymentList.items[0] as RawDeployment;
  const canaryRaw = deploymentList.items[1] as RawDeployment;
  const untracked = (raw: RawDeployment, replicas: number, name = raw.metadata?.name): DeploymentSummary => {
    const d = toDeploymentSummary(raw);
    const labels = Object.fromEntries(Object.entries(d.templateLabels).filter(([key]) => key !== 'track'));
    return { ...d, name: name ?? d.name, desired: replicas, templateLabels: labels };
  };

  it('without track labels the bigger Deployment is stable', () => {
    const [g] = canaryGroups(services, [untracked(stableRaw, 1), untracked(canaryRaw, 4)], pods, slices);
    assert.equal(g?.stable, 'dummy-api-canary');
  });

  it('track=canary wins over size', () => {
    const canary = { ...toDeploymentSummary(canaryRaw), desired: 5 };
    const [g] = canaryGroups(services, [toDeploymentSummary(stableRaw), canary], pods, slices);
    assert.equal(g?.stable, 'dummy-api-stable');
  });

  it('track=stable names the stable one', () => {
    const stable = untracked(stableRaw, 1);
    const [g] = canaryGroups(
      services,
      [{ ...stable, templateLabels: { ...stable.templateLabels, track: 'stable' } }, untracked(canaryRaw, 4)],
      pods,
      slices,
    );
    assert.equal(g?.stable, 'dummy-api-stable');
  });

  it('equal sizes: the older Deployment is stable', () => {
    const [g] = canaryGroups(services, [untracked(canaryRaw, 2), untracked(stableRaw, 2)], pods, slices);
    assert.equal(g?.stable, 'dummy-api-stable');
    assert.equal(g?.members[0]?.deployment, 'dummy-api-stable', 'stable listed first');
  });
});

describe('ready pods and shares', () => {
  it('counts a pod that became unready out of the split', () => {
    const unready = slices.map((s) => ({
      ...s,
      endpoints: s.endpoints.map((e) =>
        e.pod === 'dummy-api-stable-7b9f6c5d48-4xk2m' ? { ...e, ready: false } : e,
      ),
    }));
    const [g] = canaryGroups(services, deployments, pods, unready);
    assert.deepEqual(
      g?.members.map((m) => [m.readyPods, Number(m.expectedShare.toFixed(4))]),
      [
        [2, 0.6667],
        [1, 0.3333],
      ],
    );
  });

  it('reports ready endpoints of pods no member owns', () => {
    const bare: PodRow = {
      ...pods[0]!,
      name: 'debug-shell',
      uid: 'bare',
      owner: null,
      podTemplateHash: null,
      labels: { app: 'api-label' },
    };
    const withBare = slices.map((s, i) =>
      i === 0
        ? {
            ...s,
            endpoints: [
              ...s.endpoints,
              { ip: '10.244.0.99', ready: true, serving: true, terminating: false, pod: 'debug-shell' },
            ],
          }
        : s,
    );
    const [g] = canaryGroups(services, deployments, [...pods, bare], withBare);
    assert.equal(g?.totalReadyPods, 5);
    assert.equal(g?.otherReadyPods, 1);
    assert.equal(g?.members[0]?.expectedShare, 0.6);
  });

  it('shares are 0, not NaN, with no ready endpoints', () => {
    const [g] = canaryGroups(services, deployments, pods, []);
    assert.deepEqual(
      g?.members.map((m) => m.expectedShare),
      [0, 0],
    );
  });

  it('a Service with an empty selector groups nothing', () => {
    const all = { ...services[0]!, name: 'everything', selector: {} };
    assert.deepEqual(canaryGroups([all], deployments, pods, slices), []);
  });

  it('Deployments in another namespace do not join', () => {
    const elsewhere = { ...byName('dummy-api-canary'), namespace: 'other' };
    assert.deepEqual(canaryGroups(services, [byName('dummy-api-stable'), elsewhere], pods, slices), []);
  });
});

describe('deploymentOfPod', () => {
  it('follows the ReplicaSet name, even when selectors overlap', () => {
    const wide = { ...byName('dummy-api-stable'), selector: { app: 'api-label' } };
    const canaryPod = pods.find((p) => p.name.startsWith('dummy-api-canary-5d8c'))!;
    assert.equal(deploymentOfPod(canaryPod, [wide, byName('dummy-api-canary')])?.name, 'dummy-api-canary');
  });

  it('falls back to a unique selector match, never to an ambiguous one', () => {
    const orphan: PodRow = { ...pods[0]!, owner: null, podTemplateHash: null };
    assert.equal(deploymentOfPod(orphan, deployments)?.name, 'dummy-api-stable');
    const wide = { ...byName('dummy-api-canary'), selector: { app: 'api-label' } };
    assert.equal(deploymentOfPod(orphan, [byName('dummy-api-stable'), wide]), null);
  });
});

describe('measuredSplit', () => {
  it('turns response counts into shares', () => {
    assert.deepEqual(measuredSplit({ '1.0': 30, '2.0': 10 }), { '1.0': 0.75, '2.0': 0.25 });
  });

  it('is all zeros before any response and ignores nonsense counts', () => {
    assert.deepEqual(measuredSplit({ a: 0, b: 0 }), { a: 0, b: 0 });
    assert.deepEqual(measuredSplit({}), {});
    assert.deepEqual(measuredSplit({ a: 3, b: -2, c: Number.NaN, d: 1 }), { a: 0.75, b: 0, c: 0, d: 0.25 });
  });
});

describe('canary badges', () => {
  const groups: CanaryGroup[] = canaryGroups(services, deployments, pods, slices);

  it('marks members of a group only', () => {
    assert.equal(isCanaryMember(byName('dummy-api-canary'), groups), true);
    assert.equal(isCanaryMember(byName('dummy-api-stable'), groups), true);
    assert.equal(isCanaryMember(byName('echo'), groups), false);
    assert.equal(canaryRole(byName('dummy-api-canary'), groups), 'canary');
    assert.equal(canaryRole(byName('dummy-api-stable'), groups), 'stable');
    assert.equal(canaryRole({ ...byName('dummy-api-canary'), namespace: 'other' }, groups), null);
  });
});
