import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toPodRow, type RawPod } from '../../../lib/models/pod';
import crashloop from '../../fixtures/k8s/pod-echo-crashloop.json' with { type: 'json' };
import creating from '../../fixtures/k8s/pod-echo-creating.json' with { type: 'json' };
import imagePull from '../../fixtures/k8s/pod-echo-imagepull.json' with { type: 'json' };
import init from '../../fixtures/k8s/pod-echo-init.json' with { type: 'json' };
import restarted from '../../fixtures/k8s/pod-echo-restarted.json' with { type: 'json' };
import terminating from '../../fixtures/k8s/pod-echo-terminating.json' with { type: 'json' };
import jobDone from '../../fixtures/k8s/pod-job-completed.json' with { type: 'json' };

/** A deep copy of a fixture to vary one field without touching the shared import. */
function variant(pod: RawPod, change: (p: RawPod) => void): RawPod {
  const copy = structuredClone(pod);
  change(copy);
  return copy;
}

describe('toPodRow on a running pod that restarted (story 000)', () => {
  const row = toPodRow(restarted);

  it('keeps identity, owner and template hash', () => {
    assert.equal(row.name, 'echo-6f7d8c9b5d-nltfh');
    assert.equal(row.namespace, 'podium-demo');
    assert.equal(row.uid, 'a3f1e0d2-6b7c-4d8e-9f01-2a3b4c5d6e7f');
    assert.equal(row.resourceVersion, '48213');
    assert.equal(row.createdAt, '2026-03-02T09:14:58Z');
    assert.equal(row.owner, 'echo-6f7d8c9b5d');
    assert.equal(row.podTemplateHash, '6f7d8c9b5d');
    assert.deepEqual(row.labels, { app: 'echo', 'pod-template-hash': '6f7d8c9b5d' });
  });

  it('shows what kubectl shows', () => {
    assert.equal(row.status, 'Running');
    assert.equal(row.phase, 'Running');
    assert.equal(row.ready, true);
    assert.equal(row.readyContainers, 2);
    assert.equal(row.totalContainers, 2);
    assert.equal(row.restarts, 3);
  });

  it('picks the most recent termination across containers by finishedAt', () => {
    assert.deepEqual(row.lastTermination, {
      container: 'log-shipper',
      reason: 'OOMKilled',
      exitCode: 137,
      signal: null,
      message: null,
      startedAt: '2026-03-02T09:15:02Z',
      finishedAt: '2026-03-02T09:31:39.500Z',
    });
  });

  it('keeps each container’s own last termination', () => {
    const echo = row.containers.find((c) => c.name === 'echo');
    assert.equal(echo?.lastTermination?.reason, 'Error');
    assert.equal(echo?.lastTermination?.exitCode, 1);
    assert.equal(echo?.state, 'running');
    assert.equal(echo?.restartCount, 2);
    assert.equal(echo?.image, 'docker.io/library/podium-demo:1.0.0');
  });

  it('reports readiness time, node, IP, ports and summed requests', () => {
    assert.equal(row.readySince, '2026-03-02T09:31:38Z');
    assert.equal(row.startedAt, '2026-03-02T09:14:58Z');
    assert.equal(row.node, 'kwok-node-0');
    assert.equal(row.ip, '10.244.0.12');
    assert.deepEqual(row.ports, [8080, 2020]);
    assert.deepEqual(row.requests, { cpuMilli: 120, memoryBytes: 96 * 2 ** 20 });
    assert.equal(row.deleting, false);
  });

  it('never carries managedFields or env values', () => {
    const text = JSON.stringify(row);
    assert.ok(!text.includes('managedFields'));
    assert.ok(!text.includes('hunter2'));
  });
});

describe('toPodRow status words', () => {
  it('CrashLoopBackOff wins over the OOMKilled termination behind it', () => {
    const row = toPodRow(crashloop);
    assert.equal(row.status, 'CrashLoopBackOff');
    assert.equal(row.ready, false);
    assert.equal(row.readySince, null);
    assert.equal(row.readyContainers, 0);
    assert.equal(row.restarts, 5);
    assert.equal(row.lastTermination?.reason, 'OOMKilled');
    assert.equal(row.containers[0]?.state, 'waiting');
    assert.equal(row.containers[0]?.stateReason, 'CrashLoopBackOff');
  });

  it('ContainerCreating and ImagePullBackOff come from the waiting reason', () => {
    const row = toPodRow(creating);
    assert.equal(row.status, 'ContainerCreating');
    assert.equal(row.phase, 'Pending');
    assert.equal(row.ip, null);
    assert.equal(row.lastTermination, null);
    assert.equal(toPodRow(imagePull).status, 'ImagePullBackOff');
  });

  it('Terminating once deletion is requested, while the phase is not terminal', () => {
    const row = toPodRow(terminating);
    assert.equal(row.status, 'Terminating');
    assert.equal(row.deleting, true);
    assert.equal(row.phase, 'Running');
  });

  it('Completed for a finished Job pod, even when it is being deleted', () => {
    const row = toPodRow(jobDone);
    assert.equal(row.status, 'Completed');
    assert.equal(row.owner, null, 'a Job owns it, not a ReplicaSet');
    assert.deepEqual(row.requests, { cpuMilli: null, memoryBytes: null });
    const deleted = toPodRow(
      variant(jobDone, (p) => void (p.metadata!.deletionTimestamp = '2026-03-02T10:20:00Z')),
    );
    assert.equal(deleted.status, 'Completed');
  });

  it('Init:<reason> or Init:n/m while an init container has not finished', () => {
    const row = toPodRow(init);
    assert.equal(row.status, 'Init:0/1');
    assert.equal(row.restarts, 1, 'init restarts count while initializing');
    assert.equal(row.lastTermination?.container, 'migrate');
    const failing = variant(init, (p) => {
      p.status!.initContainerStatuses![0]!.state = { waiting: { reason: 'CrashLoopBackOff' } };
    });
    assert.equal(toPodRow(failing).status, 'Init:CrashLoopBackOff');
    const exited = variant(init, (p) => {
      p.status!.initContainerStatuses![0]!.state = { terminated: { exitCode: 3 } };
    });
    assert.equal(toPodRow(exited).status, 'Init:ExitCode:3');
  });

  it('a finished init container lets the app containers decide', () => {
    const done = variant(init, (p) => {
      p.status!.initContainerStatuses![0]!.state = { terminated: { exitCode: 0, reason: 'Completed' } };
    });
    const row = toPodRow(done);
    assert.equal(row.status, 'PodInitializing');
    assert.equal(row.restarts, 0, 'kubectl then counts only app (and sidecar) containers');
  });

  it('a sidecar init container counts as a container once started', () => {
    const sidecar = variant(restarted, (p) => {
      p.spec!.initContainers = [{ name: 'proxy', image: 'envoy:1.33', restartPolicy: 'Always' }];
      p.status!.initContainerStatuses = [
        { name: 'proxy', ready: true, started: true, restartCount: 4, state: { running: {} } },
      ];
    });
    const row = toPodRow(sidecar);
    assert.equal(row.status, 'Running');
    assert.equal(row.totalContainers, 3);
    assert.equal(row.readyContainers, 3);
    assert.equal(row.restarts, 7);
  });

  it('terminated without a reason shows the signal or exit code', () => {
    const killed = variant(crashloop, (p) => {
      p.status!.containerStatuses![0]!.state = { terminated: { exitCode: 137, signal: 9 } };
    });
    assert.equal(toPodRow(killed).status, 'Signal:9');
    const exited = variant(crashloop, (p) => {
      p.status!.containerStatuses![0]!.state = { terminated: { exitCode: 2 } };
    });
    assert.equal(toPodRow(exited).status, 'ExitCode:2');
  });

  it('Completed with another container still running reads Running or NotReady', () => {
    const mixed = (ready: 'True' | 'False') =>
      variant(restarted, (p) => {
        p.status!.containerStatuses![1]!.state = { terminated: { exitCode: 0, reason: 'Completed' } };
        p.status!.conditions!.find((c) => c.type === 'Ready')!.status = ready;
      });
    assert.equal(toPodRow(mixed('True')).status, 'Running');
    assert.equal(toPodRow(mixed('False')).status, 'NotReady');
  });

  it('pod-level reasons: Evicted, SchedulingGated, and Unknown for a lost node', () => {
    const evicted = variant(restarted, (p) => {
      p.status = { phase: 'Failed', reason: 'Evicted' };
    });
    assert.equal(toPodRow(evicted).status, 'Evicted');
    const gated = variant(creating, (p) => {
      p.status = {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      };
    });
    assert.equal(toPodRow(gated).status, 'SchedulingGated');
    const lost = variant(terminating, (p) => void (p.status!.reason = 'NodeLost'));
    assert.equal(toPodRow(lost).status, 'Unknown');
  });

  it('lists spec containers before the kubelet reports any status', () => {
    const row = toPodRow(variant(creating, (p) => void delete p.status!.containerStatuses));
    assert.equal(row.containers.length, 1);
    assert.equal(row.containers[0]?.state, 'unknown');
    assert.equal(row.containers[0]?.image, 'podium-demo:1.0.0');
    assert.equal(row.status, 'Pending');
  });

  it('survives an almost empty object', () => {
    const row = toPodRow({});
    assert.equal(row.status, 'Unknown');
    assert.equal(row.name, '');
    assert.deepEqual(row.containers, []);
  });
});
