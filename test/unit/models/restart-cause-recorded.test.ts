// Restart causes on objects recorded from the local cluster's real node (containerd, kubelet
// v1.36) by test/integration/restart-cause.test.ts with PODIUM_RECORD_FIXTURES=1: each pod as the
// API server returned it, with the pod's events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toEventRow, type RawEvent } from '../../../lib/models/event';
import { toPodRow, type RawPod } from '../../../lib/models/pod';
import { describeRestart, restartCause } from '../../../lib/models/restart-cause';
import crash from '../../fixtures/k8s/restart-crash.json' with { type: 'json' };
import execTimeout from '../../fixtures/k8s/restart-liveness-exec-timeout.json' with { type: 'json' };
import liveness from '../../fixtures/k8s/restart-liveness.json' with { type: 'json' };
import oom from '../../fixtures/k8s/restart-oom.json' with { type: 'json' };
import startup from '../../fixtures/k8s/restart-startup.json' with { type: 'json' };

interface Recorded {
  pod: RawPod;
  events: RawEvent[];
}
const cause = (r: Recorded, events = r.events) => restartCause(toPodRow(r.pod), events.map(toEventRow));
const terminated = (r: Recorded) => r.pod.status?.containerStatuses?.[0]?.lastState?.terminated;

describe('restart causes of recorded real pods', () => {
  it('a liveness kill the app answered with a graceful exit 0 reads as the probe, not "Completed"', () => {
    const r = liveness as Recorded;
    assert.equal(terminated(r)?.reason, 'Completed');
    assert.equal(terminated(r)?.exitCode, 0);
    const c = cause(r)!;
    assert.equal(describeRestart(c), 'Liveness probe failed (timed out); then exit 0, container app');
    // the evidence is the kubelet's: without its events, the exit alone looks like the app's choice
    assert.equal(cause(r, [])?.kind, 'completed');
    // the startup probe's failures of the same pod (connection refused while Node booted) are not it
    assert.notEqual(c.detail, 'connection refused');
  });

  it('issue 20: the first-class story before its probe was made cheap, on a loaded machine', () => {
    // `node /app/src/liveness.ts` per check missed its 3 s timeout (load average ~60 on 2 cores); the
    // kubelet killed the container 6 times in 3 minutes, the app exited 0 each time
    const r = execTimeout as Recorded;
    assert.equal(terminated(r)?.reason, 'Completed');
    assert.equal(
      describeRestart(cause(r)!),
      'Liveness probe failed (timed out after 3s); then exit 0, container echo',
    );
  });

  it('a startup probe kill', () => {
    const c = cause(startup as Recorded)!;
    assert.equal(describeRestart(c), 'Startup probe failed (HTTP 404); then exit 0, container app');
  });

  it("the app's own crash, exit 1", () => {
    assert.equal(describeRestart(cause(crash as Recorded)!), 'The app exited, exit 1, container app');
  });

  it('OOMKilled over a memory limit', () => {
    const r = oom as Recorded;
    assert.equal(terminated(r)?.reason, 'OOMKilled');
    assert.equal(
      describeRestart(cause(r)!),
      'Out of memory (OOMKilled) (over its memory limit), exit 137 (SIGKILL), container app',
    );
  });

  it("another pod's kill does not explain this one", () => {
    const l = liveness as Recorded;
    assert.equal(cause(crash as Recorded, l.events)?.kind, 'exit');
  });
});
