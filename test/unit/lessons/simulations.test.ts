import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cpuPatch,
  cpuShare,
  lessonIsSimulated,
  nodesAreSimulated,
  podsAreSimulated,
  readyPatch,
  restartPatch,
} from '../../../lib/models/simulation';
import { simulationBody } from '../../../lib/validation';

describe('simulationBody', () => {
  const ok = [
    { simulation: 'restart', pod: 'echo-6cd8965b74-2bsps', reason: 'Liveness' },
    { simulation: 'restart', pod: 'echo-a', reason: 'OOMKilled' },
    { simulation: 'ready', pod: 'echo-a', ready: false },
    { simulation: 'cpu', deployment: 'echo', cpuMilli: 1 },
    { simulation: 'cpu', deployment: 'echo', cpuMilli: 4000 },
  ];
  for (const body of ok)
    it(`accepts ${JSON.stringify(body)}`, () => assert.equal(simulationBody.safeParse(body).success, true));

  const bad: [string, unknown][] = [
    ['an unknown simulation', { simulation: 'delete-node', node: 'kwok-node-0' }],
    ['no simulation', { pod: 'echo-a', reason: 'Error' }],
    ['CPU 0', { simulation: 'cpu', deployment: 'echo', cpuMilli: 0 }],
    ['CPU 4001', { simulation: 'cpu', deployment: 'echo', cpuMilli: 4001 }],
    ['CPU as a quantity', { simulation: 'cpu', deployment: 'echo', cpuMilli: '200m' }],
    ['CPU fractional', { simulation: 'cpu', deployment: 'echo', cpuMilli: 1.5 }],
    ['CPU NaN-ish', { simulation: 'cpu', deployment: 'echo', cpuMilli: null }],
    ['a reason kwok has no stage for', { simulation: 'restart', pod: 'echo-a', reason: 'Evicted' }],
    ['a pod name with a slash', { simulation: 'ready', pod: 'echo/../x', ready: true }],
    ['readiness as a string', { simulation: 'ready', pod: 'echo-a', ready: 'false' }],
    [
      'an extra field (e.g. free annotations)',
      { simulation: 'ready', pod: 'echo-a', ready: true, annotations: { x: 'y' } },
    ],
    ['an array', [{ simulation: 'cpu', deployment: 'echo', cpuMilli: 10 }]],
  ];
  for (const [what, body] of bad)
    it(`refuses ${what}`, () => assert.equal(simulationBody.safeParse(body).success, false));
});

describe('annotation patches', () => {
  it('restart: one past the current count, or past a request still in flight', () => {
    assert.deepEqual(restartPatch(0, null, 'Error'), {
      metadata: { annotations: { 'sim.podium.dev/restarts': '1', 'sim.podium.dev/restart-reason': 'Error' } },
    });
    assert.equal(restartPatch(3, 2, 'Liveness').metadata.annotations['sim.podium.dev/restarts'], '4');
    assert.equal(restartPatch(1, 5, 'OOMKilled').metadata.annotations['sim.podium.dev/restarts'], '6');
  });
  it('ready and CPU touch exactly one annotation each', () => {
    assert.deepEqual(readyPatch(false), { metadata: { annotations: { 'sim.podium.dev/ready': 'false' } } });
    assert.deepEqual(cpuPatch(250), { metadata: { annotations: { 'kwok.x-k8s.io/usage-cpu': '250m' } } });
    assert.throws(() => cpuPatch(0), RangeError);
    assert.throws(() => cpuPatch(4001), RangeError);
  });
  it('load spread: rounded up, inside the bounds', () => {
    assert.equal(cpuShare(300, 2), 150);
    assert.equal(cpuShare(300, 7), 43);
    assert.equal(cpuShare(300, 0), 300);
    assert.equal(cpuShare(100_000, 1), 4000);
    assert.equal(cpuShare(1, 50), 1);
  });
});

describe('nodesAreSimulated', () => {
  const kwok = (name: string) => ({ metadata: { name, annotations: { 'kwok.x-k8s.io/node': 'fake' } } });
  const real = {
    metadata: { name: 'podium-real-1', labels: { 'podium.dev/node': 'real' }, annotations: {} },
  };
  it('every node a kwok node: simulated, no real node', () => {
    const r = nodesAreSimulated([kwok('kwok-node-0'), kwok('kwok-node-1')]);
    assert.equal(r.simulated, true);
    assert.deepEqual(r.simulatedNodes, ['kwok-node-0', 'kwok-node-1']);
    assert.equal(r.realNode, null);
  });
  it('the built-in cluster: kwok nodes and the real node, named', () => {
    const r = nodesAreSimulated([kwok('kwok-node-0'), real]);
    assert.equal(r.simulated, false);
    assert.deepEqual(r.simulatedNodes, ['kwok-node-0']);
    assert.equal(r.realNode, 'podium-real-1');
    assert.match(r.reason, /podium-real-1 run for real.*1 kwok node are simulated/);
  });
  it('a real cluster: nothing simulated, no labelled node', () => {
    const r = nodesAreSimulated([{ metadata: { name: 'worker-1', annotations: {} } }]);
    assert.equal(r.simulated, false);
    assert.deepEqual(r.simulatedNodes, []);
    assert.equal(r.realNode, null);
    assert.match(r.reason, /worker-1/);
  });
  it('no nodes: not simulated', () => assert.equal(nodesAreSimulated([]).simulated, false));
});

describe('podsAreSimulated and lessonIsSimulated', () => {
  const kwokNodes = ['kwok-node-0', 'kwok-node-1'];
  it('every pod on a kwok node', () =>
    assert.equal(podsAreSimulated(['kwok-node-0', 'kwok-node-1'], kwokNodes), true));
  it('one pod on a real node is enough to refuse', () =>
    assert.equal(podsAreSimulated(['kwok-node-0', 'podium-real-1'], kwokNodes), false));
  it('an unscheduled pod cannot be simulated', () =>
    assert.equal(podsAreSimulated(['kwok-node-0', null], kwokNodes), false));
  it('no pods: nothing to simulate', () => assert.equal(podsAreSimulated([], kwokNodes), false));
  it('a lesson follows its pods once they exist, else the cluster', () => {
    const builtIn = { simulated: false, simulatedNodes: kwokNodes };
    assert.equal(lessonIsSimulated(builtIn, ['podium-real-1']), false);
    assert.equal(lessonIsSimulated(builtIn, ['kwok-node-1']), true);
    assert.equal(lessonIsSimulated(builtIn, []), false);
    assert.equal(lessonIsSimulated({ simulated: true, simulatedNodes: kwokNodes }, []), true);
  });
});
