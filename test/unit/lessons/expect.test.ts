// The lesson predicates on real-shaped states: recorded streams of the local cluster (fixtures/)
// and the canary fixtures of the model tests, changed one field at a time where a case needs it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allOf,
  allPodsReady,
  canaryShare,
  EMPTY_STATE,
  hpaDesiredAbove,
  livePodsOf,
  newReplicaSetReady,
  podRestarted,
  podTurnedUnready,
  readyReplicas,
  scaledDownTo,
  type LiveState,
} from '../../../lib/lessons/expect';
import { toDeploymentSummary, type RawDeployment } from '../../../lib/models/deployment';
import { toEndpointSliceSummary, type RawEndpointSlice } from '../../../lib/models/endpointslice';
import { toEventRow, type RawEvent } from '../../../lib/models/event';
import { toPodRow, type RawPod } from '../../../lib/models/pod';
import { toServiceSummary, type RawService } from '../../../lib/models/service';
import type { PodRow } from '../../../lib/models/types';
import deploymentList from '../../fixtures/k8s/canary-deployments.json' with { type: 'json' };
import sliceList from '../../fixtures/k8s/canary-endpointslices.json' with { type: 'json' };
import podList from '../../fixtures/k8s/canary-pods.json' with { type: 'json' };
import realKill from '../../fixtures/k8s/restart-liveness.json' with { type: 'json' };
import serviceList from '../../fixtures/k8s/services.json' with { type: 'json' };
import { recordedStates, stateBefore } from './replay';

const liveness = recordedStates('liveness-restarts.jsonl');
const hpa = recordedStates('hpa-scaling.jsonl');

/** The first recorded state where `pred` holds. */
const first = (states: LiveState[], pred: (s: LiveState) => boolean) => {
  const s = states.find(pred);
  if (!s) throw new Error('no such state in the recording');
  return s;
};
const withPod = (s: LiveState, name: string, change: Partial<PodRow>): LiveState => ({
  ...s,
  pods: s.pods.map((p) => (p.name === name ? { ...p, ...change } : p)),
});

describe('readyReplicas', () => {
  const three = readyReplicas('echo', 3);
  it('needs the Deployment and its pods to agree', () => {
    const ready = first(liveness, (s) => three.met(s, EMPTY_STATE));
    assert.equal(ready.deployments[0]?.ready, 3);
    assert.equal(livePodsOf(ready, 'echo').filter((p) => p.ready).length, 3);
    assert.equal(three.met(EMPTY_STATE, EMPTY_STATE), false);
    assert.equal(readyReplicas('nope', 1).met(ready, EMPTY_STATE), false);
  });
  it('does not count a ready pod that is terminating', () => {
    const ready = first(liveness, (s) => three.met(s, EMPTY_STATE) && livePodsOf(s, 'echo').length === 3);
    const going = withPod(ready, livePodsOf(ready, 'echo')[0]!.name, { deleting: true });
    assert.equal(three.met(going, EMPTY_STATE), false);
  });
});

describe('podRestarted', () => {
  const restarted = podRestarted('echo');
  const before = first(
    liveness,
    (s) => livePodsOf(s, 'echo').length === 3 && s.pods.every((p) => p.ready && p.restarts === 0),
  );
  const victim = livePodsOf(before, 'echo')[0]!;

  it('sees a pod whose restart count went up since the step began, and says how it ended', () => {
    const after = first(liveness, (s) => s.pods.some((p) => p.restarts > 0));
    assert.equal(restarted.met(after, before), true);
    // the recording keeps no events: without the kubelet's word, the exit is all there is
    assert.match(
      restarted.detail?.(after, before) ?? '',
      /1 restart: Killed from outside the app .*exit 137 \(SIGKILL\)/,
    );
    assert.equal(restarted.met(after, after), false, 'nothing new since then');
  });
  it('says the liveness probe failed when the kubelet’s events are there, as the pod row does', () => {
    // the recorded real pod (kubelet v1.36): killed after its liveness probe timed out, exit 0
    const after = first(liveness, (s) => s.pods.some((p) => p.restarts > 0));
    const p = after.pods.find((x) => x.restarts > 0)!;
    const real = toPodRow(realKill.pod as RawPod);
    const events = (realKill.events as RawEvent[]).map(toEventRow).map((e) => ({
      ...e,
      involved: { ...e.involved, name: p.name, uid: p.uid },
    }));
    const now = { ...withPod(after, p.name, { lastTermination: real.lastTermination }), events };
    assert.equal(
      restarted.detail?.(now, before),
      `pod ${p.name}: 1 restart: Liveness probe failed (timed out); then exit 0, container app`,
    );
  });
  it('ignores a replacement pod and a terminating one', () => {
    const replaced: LiveState = {
      ...before,
      pods: [
        ...before.pods.filter((p) => p.uid !== victim.uid),
        { ...victim, uid: 'new-uid', name: `${victim.name}x`, restarts: 0 },
      ],
    };
    assert.equal(restarted.met(replaced, before), false);
    assert.equal(restarted.met(withPod(before, victim.name, { restarts: 1, deleting: true }), before), false);
    assert.equal(restarted.met(withPod(before, victim.name, { restarts: 1 }), before), true);
  });
  it('only looks at the deployment’s own pods', () => {
    assert.equal(podRestarted('other').met(withPod(before, victim.name, { restarts: 5 }), before), false);
  });
});

describe('podTurnedUnready and allPodsReady', () => {
  const before = first(liveness, (s) => livePodsOf(s, 'echo').length === 3 && s.pods.every((p) => p.ready));
  const name = livePodsOf(before, 'echo')[1]!.name;
  it('a pod that was ready and is not', () => {
    const unready = withPod(before, name, { ready: false, readyContainers: 0 });
    assert.equal(podTurnedUnready('echo').met(unready, before), true);
    assert.equal(podTurnedUnready('echo').detail?.(unready, before), `pod ${name}`);
    assert.equal(podTurnedUnready('echo').met(before, before), false);
    assert.equal(allPodsReady('echo').met(unready, before), false);
    assert.equal(allPodsReady('echo').met(before, before), true);
  });
});

describe('hpaDesiredAbove and scaledDownTo (hpa-scaling recording)', () => {
  const atMin = first(hpa, (s) => s.hpas[0]?.desiredReplicas === 2 && (s.deployments[0]?.ready ?? 0) === 2);
  const atMax = hpa.at(-1)!;
  it('the HPA wants more than 2 only under load', () => {
    assert.equal(hpaDesiredAbove('echo', 2).met(atMin, atMin), false);
    assert.equal(hpaDesiredAbove('echo', 2).met(atMax, atMin), true);
    assert.equal(hpaDesiredAbove('echo', 2).detail?.(atMax, atMin)?.startsWith('desired 6 at '), true);
  });
  it('back to 2 means both the wish and the pods', () => {
    assert.equal(scaledDownTo('echo', 2).met(atMin, atMax), true);
    assert.equal(scaledDownTo('echo', 2).met(atMax, atMin), false);
    const wishOnly: LiveState = {
      ...atMax,
      deployments: atMax.deployments.map((d) => ({ ...d, desired: 2 })),
    };
    assert.equal(scaledDownTo('echo', 2).met(wishOnly, atMin), false, 'six pods are still there');
  });
});

describe('newReplicaSetReady (rolling-update recording)', () => {
  const states = recordedStates('rolling-update.jsonl');
  const click = 1795315083421;
  it('only a rollout that began after the step started, once complete', () => {
    const before = stateBefore(states, click);
    const e = newReplicaSetReady('no-readiness');
    const done = first(states, (s) => s.at > click && e.met(s, before));
    assert.equal(e.detail?.(done, before), 'revision 2, 3 ready');
    assert.equal(e.met(before, before), false);
  });
});

describe('canaryShare (model fixtures: 3 stable + 1 canary behind dummy-api-service)', () => {
  const state: LiveState = {
    ...EMPTY_STATE,
    at: 1,
    services: (serviceList.items as RawService[]).map(toServiceSummary),
    deployments: (deploymentList.items as RawDeployment[]).map(toDeploymentSummary),
    pods: (podList.items as RawPod[]).map(toPodRow),
    endpointSlices: (sliceList.items as RawEndpointSlice[]).map(toEndpointSliceSummary),
  };
  it('25 % for the canary, and says so', () => {
    const e = canaryShare('dummy-api-service', 'dummy-api-canary', 0.25, 0.25);
    assert.equal(e.met(state, EMPTY_STATE), true);
    assert.equal(e.detail?.(state, EMPTY_STATE), 'dummy-api-canary has 25 % of the ready endpoints');
    assert.equal(
      canaryShare('dummy-api-service', 'dummy-api-canary', 0.5, 0.5).met(state, EMPTY_STATE),
      false,
    );
    assert.equal(canaryShare('no-such-service', 'dummy-api-canary', 0, 1).met(state, EMPTY_STATE), false);
  });
  it('allOf needs every part and joins their words', () => {
    const both = allOf(
      canaryShare('dummy-api-service', 'dummy-api-canary', 0.25, 0.25),
      readyReplicas('dummy-api-stable', 99),
    );
    assert.equal(both.met(state, EMPTY_STATE), false);
    assert.equal(both.seen, '99 replicas of dummy-api-stable ready');
    assert.match(both.text, /, and dummy-api-stable has 99 ready replicas$/);
  });
});
