// Why a pod restarted, from lastState.terminated and the kubelet's events. The messages are the
// kubelet's own (pkg/kubelet/kuberuntime/kuberuntime_manager.go, pkg/kubelet/prober/prober.go);
// the recorded real-node objects are in restart-cause-recorded.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toEventRow, type RawEvent } from '../../../lib/models/event';
import { toPodRow } from '../../../lib/models/pod';
import type { RawTerminated } from '../../../lib/models/pod-status';
import { describeRestart, probeFailureSummary, restartCause } from '../../../lib/models/restart-cause';

const UID = 'pod-uid-1';
const pod = (terminated: RawTerminated, name = 'web-1', container = 'app') =>
  toPodRow({
    metadata: { name, uid: UID, namespace: 'ns' },
    spec: { containers: [{ name: container }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: container, restartCount: 1, state: { running: {} }, lastState: { terminated } },
      ],
    },
  });

const event = (
  reason: string,
  message: string,
  first: string,
  last = first,
  count = 1,
  fieldPath: string | undefined = 'spec.containers{app}',
  name = 'web-1',
): ReturnType<typeof toEventRow> =>
  toEventRow({
    metadata: { name: `${name}.${reason}.${first}`, uid: `${reason}-${first}-${message.length}` },
    reason,
    message,
    type: reason === 'Killing' ? 'Normal' : 'Warning',
    involvedObject: { kind: 'Pod', name, uid: UID, ...(fieldPath ? { fieldPath } : {}) },
    firstTimestamp: first,
    lastTimestamp: last,
    count,
    source: { component: 'kubelet' },
  } satisfies RawEvent);

const life = { startedAt: '2026-12-04T01:00:00Z', finishedAt: '2026-12-04T01:00:40Z' };
const KILL = 'Container app failed liveness probe, will be restarted';
const TIMED_OUT = 'Liveness probe failed: command "node /app/src/liveness.ts" timed out after 3s';

describe('restartCause', () => {
  it('names the liveness probe for a graceful exit 0 after the kubelet killed the container', () => {
    const p = pod({ ...life, reason: 'Completed', exitCode: 0 });
    const events = [
      event('Unhealthy', TIMED_OUT, '2026-12-04T01:00:10Z', '2026-12-04T01:00:30Z', 3),
      event('Killing', KILL, '2026-12-04T01:00:30Z'),
    ];
    const cause = restartCause(p, events);
    assert.equal(cause?.kind, 'liveness');
    assert.equal(cause?.detail, 'timed out after 3s');
    assert.equal(cause?.appFault, false);
    assert.equal(
      describeRestart(cause!),
      'Liveness probe failed (timed out after 3s); then exit 0, container app',
    );
  });

  it('names the liveness probe whatever the exit code (143 after SIGTERM, 137 after the grace period)', () => {
    for (const exitCode of [143, 137, 1]) {
      const p = pod({ ...life, reason: 'Error', exitCode });
      const cause = restartCause(p, [
        event(
          'Unhealthy',
          'Liveness probe failed: HTTP probe failed with statuscode: 500',
          '2026-12-04T01:00:20Z',
        ),
        event('Killing', KILL, '2026-12-04T01:00:25Z'),
      ]);
      assert.equal(cause?.kind, 'liveness', `exit ${exitCode}`);
      assert.equal(cause?.detail, 'HTTP 500');
    }
  });

  it('names the failure before the kill, not the one probe more while the app drains (recorded)', () => {
    // the real node, 4 December 2026: three time-outs, the kill, then a probe of the closing server
    const p = pod({
      startedAt: '2026-12-04T09:24:41Z',
      finishedAt: '2026-12-04T09:24:54Z',
      reason: 'Completed',
      exitCode: 0,
    });
    const probe = 'Liveness probe failed: Get "http://10.244.200.16:8080/healthz": ';
    const events = [
      event(
        'Unhealthy',
        `${probe}context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        '2026-12-04T09:24:48Z',
        '2026-12-04T09:24:52Z',
        3,
      ),
      event('Killing', KILL, '2026-12-04T09:24:52Z'),
      event(
        'Unhealthy',
        `${probe}dial tcp 10.244.200.16:8080: connect: connection refused`,
        '2026-12-04T09:24:53Z',
      ),
    ];
    assert.equal(restartCause(p, events)?.detail, 'timed out');
    // in the kill's own second, the one that repeated (the threshold) is the cause
    const same = [...events.slice(0, 2), event('Unhealthy', events[2]!.message, '2026-12-04T09:24:52Z')];
    assert.equal(restartCause(p, same)?.detail, 'timed out');
  });

  it('names the startup probe', () => {
    const p = pod({ ...life, reason: 'Error', exitCode: 137 });
    const cause = restartCause(p, [
      event(
        'Unhealthy',
        'Startup probe failed: Get "http://10.0.0.5:8080/": dial tcp 10.0.0.5:8080: connect: connection refused',
        '2026-12-04T01:00:35Z',
      ),
      event('Killing', 'Container app failed startup probe, will be restarted', '2026-12-04T01:00:36Z'),
    ]);
    assert.equal(cause?.kind, 'startup');
    assert.equal(cause?.detail, 'connection refused');
  });

  it('ignores events of another container, another pod, or another life of the container', () => {
    const p = pod({ ...life, reason: 'Completed', exitCode: 0 });
    const others = [
      event('Killing', KILL, '2026-12-04T01:00:30Z', undefined, 1, 'spec.containers{sidecar}'),
      event('Killing', KILL, '2026-12-04T01:00:30Z', undefined, 1, undefined, 'web-2'),
      event('Killing', KILL, '2026-12-04T00:50:00Z'), // an earlier container, before this one started
      event('Killing', KILL, '2026-12-04T01:05:00Z'), // the next one, still shutting down
      event('Killing', KILL, '2026-12-04T00:50:00Z', '2026-12-04T01:05:00Z', 2), // both, none in between
    ];
    for (const e of others) assert.equal(restartCause(p, [e])?.kind, 'completed', e.name);
    assert.equal(describeRestart(restartCause(p, others)!), 'Exited by itself, exit 0, container app');
  });

  it('takes an aggregated kill spanning this life when it counts a kill in between', () => {
    const p = pod({ ...life, reason: 'Completed', exitCode: 0 });
    const e = event('Killing', KILL, '2026-12-04T00:50:00Z', '2026-12-04T01:05:00Z', 3);
    assert.equal(restartCause(p, [e])?.kind, 'liveness');
  });

  it('tells OOMKilled first, even with a probe kill beside it', () => {
    const p = pod({ ...life, reason: 'OOMKilled', exitCode: 137 });
    assert.equal(restartCause(p, [])?.kind, 'oom');
    assert.equal(restartCause(p, [event('Killing', KILL, '2026-12-04T01:00:30Z')])?.kind, 'oom');
    assert.equal(
      describeRestart(restartCause(p, [])!),
      'Out of memory (OOMKilled) (over its memory limit), exit 137 (SIGKILL), container app',
    );
  });

  it("tells the app's own exit, with the signal when the code is 128+n", () => {
    assert.equal(
      describeRestart(restartCause(pod({ ...life, reason: 'Error', exitCode: 1 }), [])!),
      'The app exited, exit 1, container app',
    );
    const segv = restartCause(pod({ ...life, reason: 'Error', exitCode: 139 }), [])!;
    assert.equal(segv.kind, 'exit');
    assert.equal(segv.exit, 'exit 139 (SIGSEGV)');
  });

  it('tells a kill from outside (137 or 143 with no probe event) from the app', () => {
    for (const exitCode of [137, 143]) {
      const cause = restartCause(pod({ ...life, reason: 'Error', exitCode }), [
        event(
          'Unhealthy',
          'Readiness probe failed: HTTP probe failed with statuscode: 503',
          '2026-12-04T01:00:20Z',
        ),
      ]);
      assert.equal(cause?.kind, 'killed');
      assert.equal(cause?.appFault, false);
    }
  });

  it('takes liveness failures with a stop signal as the probe kill when the Killing event is missing', () => {
    const failing = event(
      'Unhealthy',
      'Liveness probe failed: context deadline exceeded (simulated)',
      '2026-12-04T01:00:40Z',
      undefined,
      1,
      undefined,
    );
    assert.equal(restartCause(pod({ ...life, reason: 'Error', exitCode: 137 }), [failing])?.kind, 'liveness');
    // an exit 1 during failing probes is the app's own crash
    assert.equal(restartCause(pod({ ...life, reason: 'Error', exitCode: 1 }), [failing])?.kind, 'exit');
  });

  it('tells another kill by the kubelet, and a container that could not start', () => {
    const p = pod({ ...life, reason: 'Error', exitCode: 143 });
    const changed = event(
      'Killing',
      'Container app definition changed, will be restarted',
      '2026-12-04T01:00:39Z',
    );
    assert.equal(restartCause(p, [changed])?.kind, 'kubelet');
    const start = restartCause(
      pod({ ...life, reason: 'StartError', exitCode: 128, message: 'exec: "nope": not found' }),
      [],
    );
    assert.equal(start?.kind, 'start-error');
    assert.equal(start?.detail, 'exec: "nope": not found');
  });

  it('is null for a pod that never restarted', () => {
    const p = toPodRow({ metadata: { name: 'x' }, spec: { containers: [{ name: 'app' }] } });
    assert.equal(restartCause(p, []), null);
  });
});

describe('probeFailureSummary', () => {
  it('says timed out / HTTP status / connection refused, else the output', () => {
    assert.equal(probeFailureSummary(TIMED_OUT), 'timed out after 3s');
    assert.equal(
      probeFailureSummary(
        'Liveness probe failed: Get "http://10.0.0.5:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      ),
      'timed out',
    );
    assert.equal(
      probeFailureSummary('Liveness probe failed: HTTP probe failed with statuscode: 500'),
      'HTTP 500',
    );
    assert.equal(probeFailureSummary('Liveness probe failed: '), 'the command failed');
    assert.equal(probeFailureSummary('Liveness probe failed: unhealthy: disk full'), 'unhealthy: disk full');
  });
});
