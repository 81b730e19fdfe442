// The request loops against the real demo app on 127.0.0.1 (the stand-in for a ClusterIP): real
// HTTP, real sockets, bounded in count and time. The same loops through the API server's proxy
// are tested on the local cluster (test/integration/traffic.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { spawnDemo, type DemoProcess } from '../../demo/helpers';
import { startLoad } from '../../../lib/k8s/traffic/load';
import { startProbe } from '../../../lib/k8s/traffic/probe';
import {
  currentRun,
  runningCount,
  stopAllTraffic,
  stopRun,
  subscribeTraffic,
} from '../../../lib/k8s/traffic/runs';
import type { TrafficMessage, TrafficRun } from '../../../lib/models/traffic';

let demo: DemoProcess;
before(async () => {
  process.env.PODIUM_TRAFFIC_GRACE_MS = '500';
  demo = await spawnDemo({ APP_VERSION: '3.1.4', POD_NAME: 'web-5f7c9-abcde', INEMURI_SECONDS: '3' });
});
after(async () => {
  await stopAllTraffic();
  demo.child.kill('SIGKILL');
});

const until = async (what: string, check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('request loops over real HTTP (demo app on 127.0.0.1)', () => {
  it('load: concurrency 4 for 2 s — points per second, percentiles, no errors, then done by the time limit', async () => {
    const ns = 'load-ok';
    const seen: TrafficMessage[] = [];
    const unsubscribe = subscribeTraffic(ns, (m) => seen.push(m));
    const { run, done } = await startLoad({
      namespace: ns,
      service: 'web',
      path: '/version',
      concurrency: 4,
      rate: null,
      durationSeconds: 2,
      directBaseUrl: demo.url,
    });
    assert.equal(run.transport, 'cluster-ip');
    const again = await startLoad({
      namespace: ns,
      service: 'web',
      path: '/version',
      concurrency: 99,
      rate: null,
      durationSeconds: 2,
      directBaseUrl: demo.url,
    });
    assert.equal(again.joined, true, 'one run per Service: the second start joins the first');
    const t0 = Date.now();
    await done;
    assert.ok(Date.now() - t0 < 3_000, 'ended by its duration');
    const final = currentRun(ns, 'load', 'web')!.snapshot() as Extract<TrafficRun, { kind: 'load' }>;
    assert.equal(final.state, 'done');
    assert.match(final.end!.reason, /time limit reached \(2 s\)/);
    assert.equal(final.errors, 0);
    assert.ok(final.sent > 20, `sent ${final.sent}`);
    assert.ok(
      final.points.length >= 2 && final.points[0]!.p50! > 0 && final.points[0]!.p99! >= final.points[0]!.p50!,
    );
    assert.ok(
      seen.some((m) => m.type === 'update' && m.run.kind === 'load' && m.run.points.length === 1),
      'a point per second on the stream',
    );
    unsubscribe();
  });

  it('load with a rate: 50 requests/s for 2 s sends at most 100', async () => {
    const { done } = await startLoad({
      namespace: 'load-rate',
      service: 'web',
      path: '/version',
      concurrency: 10,
      rate: 50,
      durationSeconds: 2,
      directBaseUrl: demo.url,
    });
    await done;
    const r = currentRun('load-rate', 'load', 'web')!.snapshot() as Extract<TrafficRun, { kind: 'load' }>;
    assert.equal(r.maxRequests, 100);
    assert.ok(r.sent <= 100 && r.sent >= 90, `sent ${r.sent}`);
  });

  it('a path that 404s: every request an error, with the app’s reason', async () => {
    const { done } = await startLoad({
      namespace: 'load-404',
      service: 'web',
      path: '/nope',
      concurrency: 2,
      rate: 20,
      durationSeconds: 1,
      directBaseUrl: demo.url,
    });
    await done;
    const r = currentRun('load-404', 'load', 'web')!.snapshot() as Extract<TrafficRun, { kind: 'load' }>;
    assert.equal(r.errors, r.sent);
    assert.deepEqual(Object.keys(r.errorKinds), ['client-error']);
    assert.equal(r.message, 'the path does not exist in the app (404): no route for /nope');
  });

  it('a target that refuses connections: refused, quickly, never a hang', async () => {
    const closed: Server = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { done } = await startLoad({
      namespace: 'load-refused',
      service: 'web',
      path: '/',
      concurrency: 2,
      rate: 20,
      durationSeconds: 1,
      directBaseUrl: `http://127.0.0.1:${port}`,
    });
    await done;
    const r = currentRun('load-refused', 'load', 'web')!.snapshot() as Extract<TrafficRun, { kind: 'load' }>;
    assert.ok(r.sent > 5);
    assert.deepEqual(Object.keys(r.errorKinds), ['refused']);
    assert.match(r.message ?? '', /refused/);
  });

  it('availability probe: who answered (the app’s version), a hang shows as timeouts and an outage, stop ends it', async () => {
    const ns = 'probe';
    const unsubscribe = subscribeTraffic(ns, () => {});
    const { run } = await startProbe({
      namespace: ns,
      service: 'web',
      path: '/version',
      intervalMs: 100,
      durationSeconds: 60,
      directBaseUrl: demo.url,
    });
    assert.equal(run.kind, 'probe');
    const snap = () => currentRun(ns, 'probe', 'web')!.snapshot() as Extract<TrafficRun, { kind: 'probe' }>;
    await until('a few answers', () => snap().samples.filter((s) => s.ok).length >= 3);
    assert.equal(snap().samples[0]?.answeredBy, '3.1.4');
    // the app sleeps 3 s: requests time out (2 s) or are held, and count as an outage
    await fetch(`${demo.url}/inemuri`);
    await until('failures during the hang', () => snap().failures >= 3, 8_000);
    await until('answers again after the hang', () => snap().samples.at(-1)?.ok === true, 8_000);
    const s = snap();
    assert.ok(s.longestOutageMs >= 1_500, `longest outage ${s.longestOutageMs}`);
    assert.ok(s.samples.some((x) => x.error === 'timeout'));
    stopRun(ns, 'probe', 'web', 'stopped by a viewer');
    await currentRun(ns, 'probe', 'web')!.done;
    assert.deepEqual([snap().state, snap().end?.reason], ['stopped', 'stopped by a viewer']);
    unsubscribe();
  });

  it('the last viewer leaving stops the runs of its namespace (after the grace period)', async () => {
    const ns = 'leave';
    const unsubscribe = subscribeTraffic(ns, () => {});
    await startLoad({
      namespace: ns,
      service: 'web',
      path: '/version',
      concurrency: 1,
      rate: 5,
      durationSeconds: 60,
      directBaseUrl: demo.url,
    });
    const handle = currentRun(ns, 'load', 'web')!;
    assert.equal(handle.running(), true);
    unsubscribe();
    await until('the run to stop', () => !handle.running(), 5_000);
    assert.equal(handle.snapshot().end?.reason, 'no one is watching any more');
    assert.equal(runningCount(), 0);
    // and the abandoned namespace's finished runs are forgotten
    await until('the namespace forgotten', () => currentRun(ns, 'load', 'web') === null, 5_000);
  });
});
