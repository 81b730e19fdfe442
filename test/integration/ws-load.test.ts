// The WebSocket load (issue 22, seed 000) on the local cluster's real node: Podium's clients reach the
// demo app's /ws through the API server's services/proxy (which upgrades the connection and picks a
// ready endpoint per connection), with Podium's own credentials. Every message echoed and the
// connections on both pods; the bounds; a Service with no ready endpoint; a path that does not
// upgrade; Podium stopping mid-run (no socket left, on either side); a rollout restart during a run
// (the old pods close with 1001, the new pods get none). Every run is bounded in clients and time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apply, kubectl, readyEndpoints, testNamespace, waitFor } from '../helpers/cluster';
import {
  NO_REAL_NODE,
  apiGet,
  closeConnections,
  demoDeployment,
  expectRealNode,
  isReady,
  podProxy,
  podsOf,
  serviceYaml,
} from '../helpers/real-node';
import { ctx, errorOf, request } from '../unit/actions/helpers';
import { POST as wsRoute } from '../../app/api/namespaces/[namespace]/traffic/[service]/ws/route';
import { currentRun, stopAllTraffic, subscribeTraffic } from '../../lib/k8s/traffic/runs';
import { openClientSockets } from '../../lib/k8s/traffic/ws-clients';
import type { WsLoadRun } from '../../lib/models/traffic';

const ns = testNamespace('wsload');
let realNode = false;
let unsubscribe = () => {};

before(async () => {
  for (const k of ['PODIUM_READ_ONLY', 'PODIUM_NAMESPACES', 'PODIUM_ACTION_TOKEN', 'PODIUM_ALLOWED_ORIGINS'])
    delete process.env[k];
  (await import('../../lib/k8s/client')).resetCluster();
  realNode = await expectRealNode();
  unsubscribe = subscribeTraffic(ns.name, () => {}); // the viewer that keeps the runs alive
  if (!realNode) return;
  await apply(
    ns.name,
    [
      demoDeployment('echo', {
        replicas: 2,
        env: { ECHO_DELAY_MS: '20', SHUTDOWN_DRAIN_MS: '1000' },
        container: '        readinessProbe: {httpGet: {path: /readyz, port: http}, periodSeconds: 1}',
      }),
      serviceYaml('echo', { app: 'echo' }),
      serviceYaml('nobody', { app: 'nobody' }),
    ].join('---\n'),
  );
  await waitFor('2 ready echo pods', async () => (await readyPods()).length === 2, 180_000, 1_000);
  await waitFor('2 ready endpoints', async () => (await readyEndpoints(ns.name, 'echo')) === 2, 60_000, 500);
});

after(async () => {
  unsubscribe();
  await stopAllTraffic('end of the test file');
  await closeConnections();
  await (await import('../../lib/k8s/client')).closeConnections();
});

const readyPods = async () => (await podsOf(ns.name, 'app=echo')).filter(isReady);
const post = (service: string, body: object) =>
  wsRoute(
    request(`/api/namespaces/${ns.name}/traffic/${service}/ws`, { body }),
    ctx({ namespace: ns.name, service }),
  );
const run = () => currentRun(ns.name, 'ws', 'echo')?.snapshot() as { kind: 'ws' } & WsLoadRun;
/** The demo app's own gauge of open WebSockets, summed over the pods (pods/proxy /metrics). */
async function openOnPods(): Promise<number> {
  let sum = 0;
  for (const p of await podsOf(ns.name, 'app=echo')) {
    const a = await apiGet(podProxy(ns.name, p.metadata.name, '/metrics'));
    sum += Number(/^websocket_connections (\d+)/m.exec(a.body)?.[1] ?? 0);
  }
  return sum;
}

describe('WebSocket load through the API server to real pods', () => {
  it('refuses 1,001 clients, 101 messages and a negative pause with a clear 400', async () => {
    for (const [body, message] of [
      [{ clients: 1_001 }, /clients: must be at most 1,000/],
      [{ messages: 101 }, /messages: must be at most 100/],
      [{ pauseMs: -1 }, /pauseMs: must be at least 0/],
      [{ path: '/../ws' }, /path: must start with/],
    ] as const) {
      const res = await post('echo', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match((await errorOf(res)).message, message);
    }
    assert.equal(currentRun(ns.name, 'ws', 'echo'), null, 'nothing started');
  });

  it(
    '20 clients × 3 messages over 2 pods: every message echoed, connections on both pods, closed 1000',
    { timeout: 120_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      const res = await post('echo', { clients: 20, messages: 3, durationSeconds: 60 });
      assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
      await currentRun(ns.name, 'ws', 'echo')?.done;
      const r = run();
      console.log(
        `# 20 × 3: ${JSON.stringify(r.pods.map((p) => [p.pod, p.opened]))}, rtt ${JSON.stringify(r.rtt)}, ${r.lastEndAt! - r.startedAt} ms (ideal ${r.idealMs} ms)`,
      );
      assert.deepEqual(
        [r.state, r.transport, r.connected, r.failed, r.sent, r.echoed, r.open],
        ['done', 'apiserver-proxy', 20, 0, 60, 60, 0],
      );
      assert.deepEqual(r.closes, { '1000': 20, '1001': 0, '1006': 0, other: 0 });
      const pods = (await readyPods()).map((p) => p.metadata.name).sort();
      assert.deepEqual(
        r.pods.map((p) => p.pod),
        pods,
        'the pods named themselves in the handshake',
      );
      assert.ok(
        r.pods.every((p) => p.opened > 0 && p.echoed === p.opened * 3),
        JSON.stringify(r.pods),
      );
      assert.deepEqual([r.readyPods, r.delayMs, r.idealMs], [2, 20, 10 * 3 * 20]);
      assert.equal(r.rtt.count, 60);
      assert.equal(openClientSockets(), 0);
    },
  );

  it('a Service with no ready endpoint is refused before any client connects', async (t) => {
    if (!realNode) return t.skip(NO_REAL_NODE);
    const res = await post('nobody', { clients: 5 });
    assert.equal(res.status, 409);
    const e = await errorOf(res);
    assert.equal(e.reason, 'NoEndpoints');
    assert.match(e.message, /service nobody has no ready endpoint/);
  });

  it(
    'a path that does not upgrade: every handshake fails and the run says so',
    { timeout: 60_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      const res = await post('echo', { path: '/version', clients: 3, messages: 1, durationSeconds: 30 });
      assert.equal(res.status, 200);
      await currentRun(ns.name, 'ws', 'echo')?.done;
      const r = run();
      assert.deepEqual([r.state, r.connected, r.failed, r.failures], ['failed', 0, 3, { 'not-upgraded': 3 }]);
      assert.match(r.message ?? '', /does not upgrade to a WebSocket: the app answered HTTP 404/);
      assert.equal(openClientSockets(), 0);
    },
  );

  it(
    'Podium stopping mid-run closes every client: none open in Podium, none on the pods',
    { timeout: 120_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      // 40 clients × 100 messages × 20 ms on 2 pods would take about 40 s
      const res = await post('echo', { clients: 40, messages: 100, durationSeconds: 120 });
      assert.equal(res.status, 200);
      await waitFor('40 open', () => run().open === 40 && openClientSockets() === 40, 30_000, 200);
      assert.equal(await openOnPods(), 40);
      await stopAllTraffic('Podium is stopping'); // what its SIGTERM hook does
      const r = run();
      assert.deepEqual([r.state, r.end?.reason, r.open], ['stopped', 'Podium is stopping', 0]);
      assert.equal(r.closes['1000'], 40, JSON.stringify(r.closes));
      assert.ok(r.echoed < 4_000);
      assert.equal(openClientSockets(), 0);
      await waitFor('no WebSocket left on the pods', async () => (await openOnPods()) === 0, 15_000, 500);
    },
  );

  it(
    'a rollout restart during a run: the old pods close their connections with 1001, the new pods get none',
    { timeout: 240_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      const before = (await readyPods()).map((p) => p.metadata.name);
      const res = await post('echo', { clients: 20, messages: 100, pauseMs: 500, durationSeconds: 180 });
      assert.equal(res.status, 200);
      await waitFor('20 open', () => run().open === 20, 30_000, 200);
      await kubectl(['-n', ns.name, 'rollout', 'restart', 'deployment/echo']);
      await currentRun(ns.name, 'ws', 'echo')?.done;
      const r = run();
      console.log(
        `# restart during a run: closes ${JSON.stringify(r.closes)}, by the app ${r.closedByApp}, pods ${JSON.stringify(r.pods.map((p) => [p.pod, p.opened, p.closes['1001']]))}`,
      );
      assert.deepEqual(r.closes, { '1000': 0, '1001': 20, '1006': 0, other: 0 });
      assert.equal(r.closedByApp, 20);
      assert.ok(r.echoed > 20 && r.echoed < 2_000, `${r.echoed} echoed`);
      assert.deepEqual(
        new Set(r.pods.map((p) => p.pod)),
        new Set(before),
        'only the old pods had connections',
      );
      await kubectl(['-n', ns.name, 'rollout', 'status', 'deployment/echo', '--timeout=120s']);
      const now = (await readyPods()).map((p) => p.metadata.name);
      assert.ok(
        now.every((p) => !before.includes(p)),
        'the restart replaced every pod',
      );
      assert.equal(openClientSockets(), 0);
    },
  );
});
