// Real traffic on the real node (issue 8): a rolling update that loses no request vs one that does
// (seed 001), a 3 + 1 canary answering about 75/25 (seed 003), and an HPA reacting to real CPU, whose
// scale-down sends SIGTERM and closes WebSockets with 1001 (seed 002, seed 000). Every request goes
// to the API server on 127.0.0.1, which proxies it to the pods; every loop is bounded.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { apply, kubectl, kubectlJson, testNamespace, waitFor, waitForValue } from '../helpers/cluster';
import {
  apiGet,
  closeConnections,
  demoDeployment,
  isReady,
  podWebSocket,
  podsOf,
  requestLoop,
  serviceProxy,
  serviceYaml,
} from '../helpers/real-node';

after(closeConnections);
const ns = testNamespace('realtraffic');
const readiness = `        readinessProbe:
          httpGet: {path: /readyz, port: http}
          periodSeconds: 1`;
const readyCount = async (selector: string) => (await podsOf(ns.name, selector)).filter(isReady).length;

async function rolloutDone(name: string): Promise<boolean> {
  const d = await kubectlJson<{
    metadata: { generation: number };
    spec: { replicas: number };
    status: {
      observedGeneration?: number;
      updatedReplicas?: number;
      availableReplicas?: number;
      replicas?: number;
    };
  }>(['-n', ns.name, 'get', 'deployment', name]);
  const s = d.status;
  return (
    s.observedGeneration === d.metadata.generation &&
    s.updatedReplicas === d.spec.replicas &&
    s.availableReplicas === d.spec.replicas &&
    s.replicas === d.spec.replicas
  );
}

/**
 * Rolls `name` out to version 2.0.0 while a request every 100 ms goes through its Service (from a
 * second before the change to `settleMs` after the rollout completed); at most 3 minutes.
 */
async function rolloutUnderLoop(name: string, settleMs: number) {
  let done = false;
  const loop = requestLoop(serviceProxy(ns.name, name, '/version'), {
    everyMs: 100,
    maxMs: 180_000,
    maxRequests: 1_800,
    stop: () => done,
  });
  await new Promise((r) => setTimeout(r, 1_000));
  await kubectl(['-n', ns.name, 'set', 'env', `deployment/${name}`, 'APP_VERSION=2.0.0']);
  await waitFor('rollout to 2.0.0', () => rolloutDone(name), 170_000, 500);
  await new Promise((r) => setTimeout(r, settleMs));
  done = true;
  return loop;
}

describe('real traffic', () => {
  it('a rolling update with a readiness probe, maxUnavailable 0, maxSurge 1 loses no request', async () => {
    await apply(
      ns.name,
      demoDeployment('safe', {
        replicas: 4,
        env: { STARTUP_DELAY_MS: '2000', SHUTDOWN_DRAIN_MS: '3000' },
        spec: `  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}`,
        container: `        readinessProbe:
          httpGet: {path: /readyz, port: http}
          periodSeconds: 1
          failureThreshold: 1`,
      }) +
        '---\n' +
        serviceYaml('safe', { app: 'safe' }),
    );
    await waitFor('4 ready', async () => (await readyCount('app=safe')) === 4, 120_000, 500);
    await waitFor('rollout settled', () => rolloutDone('safe'), 60_000, 500);
    const r = await rolloutUnderLoop('safe', 4_000); // the last old pods drain and stop
    console.log(
      `# with readiness: ${r.sent} requests, ${r.failed} failed, versions ${JSON.stringify(r.versions)}`,
    );
    assert.ok(r.sent > 100, `${r.sent} requests sent`);
    assert.equal(r.failed, 0, `failures: ${JSON.stringify(r.failures)}`);
    assert.ok((r.versions['1.0.0'] ?? 0) > 0 && (r.versions['2.0.0'] ?? 0) > 0, JSON.stringify(r.versions));
  });

  it('the same rollout with no readiness probe and a 20 s slow start fails requests', async () => {
    await apply(
      ns.name,
      demoDeployment('unsafe', {
        replicas: 4,
        env: { STARTUP_DELAY_MS: '20000', SHUTDOWN_DRAIN_MS: '3000' },
      }) +
        '---\n' +
        serviceYaml('unsafe', { app: 'unsafe' }),
    );
    await waitFor(
      '4 pods answering',
      async () => {
        if ((await readyCount('app=unsafe')) !== 4) return false;
        const probe = await requestLoop(serviceProxy(ns.name, 'unsafe', '/version'), {
          everyMs: 20,
          maxMs: 3_000,
          maxRequests: 20,
        });
        return probe.ok === probe.sent;
      },
      120_000,
      1_000,
    );
    const r = await rolloutUnderLoop('unsafe', 5_000);
    console.log(
      `# without readiness: ${r.sent} requests, ${r.failed} failed (${JSON.stringify(r.failures)}), versions ${JSON.stringify(r.versions)}`,
    );
    assert.ok(r.failed > 0, 'requests reached pods that were still starting');
  });

  it('a stable 3 + canary 1 behind one Service answer about 75/25, then 50/50 with the canary at 3', async () => {
    const both = { app: 'shop' };
    await apply(
      ns.name,
      [
        demoDeployment('shop-stable', {
          replicas: 3,
          version: '1.0.0',
          labels: { ...both, track: 'stable' },
          container: readiness,
        }),
        demoDeployment('shop-canary', {
          replicas: 1,
          version: '2.0.0',
          labels: { ...both, track: 'canary' },
          container: readiness,
        }),
        serviceYaml('shop', both),
      ].join('---\n'),
    );
    await waitFor('4 ready endpoints', async () => (await readyCount('app=shop')) === 4, 120_000, 500);
    // the Service's endpoints follow readiness a moment later
    await waitFor('4 addresses', async () => {
      const ep = await kubectlJson<{ subsets?: { addresses?: unknown[] }[] }>([
        '-n',
        ns.name,
        'get',
        'endpoints',
        'shop',
      ]);
      return (ep.subsets?.[0]?.addresses?.length ?? 0) === 4;
    });
    const sample = async (n: number) => {
      const r = await requestLoop(serviceProxy(ns.name, 'shop', '/version'), {
        everyMs: 0,
        maxMs: 60_000,
        maxRequests: n,
      });
      assert.equal(r.failed, 0, JSON.stringify(r.failures));
      return (r.versions['2.0.0'] ?? 0) / r.ok;
    };
    // the API server picks a random endpoint per request: the canary's share is binomial; 3 standard
    // deviations of 400 draws at p = 0.25 is ±6.5 points (a 99.7 % interval)
    const n = 400;
    const sd = (p: number) => Math.sqrt((p * (1 - p)) / n);
    const quarter = await sample(n);
    console.log(
      `# canary share with 3 + 1: ${(quarter * 100).toFixed(1)} % of ${n} (expected 25 ± ${(3 * sd(0.25) * 100).toFixed(1)})`,
    );
    assert.ok(Math.abs(quarter - 0.25) <= 3 * sd(0.25), `canary share ${quarter}`);

    await kubectl(['-n', ns.name, 'scale', 'deployment/shop-canary', '--replicas=3']);
    await waitFor(
      '6 addresses',
      async () => {
        const ep = await kubectlJson<{ subsets?: { addresses?: unknown[] }[] }>([
          '-n',
          ns.name,
          'get',
          'endpoints',
          'shop',
        ]);
        return (ep.subsets?.[0]?.addresses?.length ?? 0) === 6;
      },
      120_000,
      500,
    );
    const half = await sample(n);
    console.log(
      `# canary share with 3 + 3: ${(half * 100).toFixed(1)} % of ${n} (expected 50 ± ${(3 * sd(0.5) * 100).toFixed(1)})`,
    );
    assert.ok(Math.abs(half - 0.5) <= 3 * sd(0.5), `canary share ${half}`);
  });

  it('an HPA (2-6 at 50 %) scales up under real CPU load, down after its window; removed pods close WebSockets with 1001', async () => {
    await apply(
      ns.name,
      [
        demoDeployment('busy', {
          replicas: 2,
          env: { SHUTDOWN_DRAIN_MS: '1000' },
          container: `        readinessProbe:
          httpGet: {path: /readyz, port: http}
          periodSeconds: 1`,
        }),
        serviceYaml('busy', { app: 'busy' }),
        `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: busy
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: busy}
  minReplicas: 2
  maxReplicas: 6
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 20
      policies: [{type: Percent, value: 100, periodSeconds: 5}]
`,
      ].join('---\n'),
    );
    await waitFor('2 ready', async () => (await readyCount('app=busy')) === 2, 120_000, 500);

    // Bounded load: 4 workers, each a 300 ms burn per request, for at most 150 s or until the HPA acts.
    let scaled = false;
    const deadline = Date.now() + 150_000;
    const worker = async () => {
      let n = 0;
      while (!scaled && Date.now() < deadline && n < 1_000) {
        await apiGet(serviceProxy(ns.name, 'busy', '/cpu?ms=300'), 5_000);
        n++;
      }
    };
    const workers = Promise.all([worker(), worker(), worker(), worker()]);
    const t0 = Date.now();
    const cpu = await waitForValue(
      'real CPU in the metrics API',
      async () => {
        const raw = JSON.parse(
          await kubectl([
            'get',
            '--raw',
            `/apis/metrics.k8s.io/v1beta1/namespaces/${ns.name}/pods?labelSelector=app%3Dbusy`,
          ]),
        ) as {
          items: { containers: { usage: { cpu: string } }[] }[];
        };
        const milli = raw.items.map((i) => {
          const c = i.containers[0]?.usage.cpu ?? '0';
          return c.endsWith('n')
            ? Number(c.slice(0, -1)) / 1e6
            : c.endsWith('m')
              ? Number(c.slice(0, -1))
              : Number(c) * 1000;
        });
        return milli.some((m) => m > 50) ? milli : null;
      },
      90_000,
      2_000,
    );
    console.log(`# real CPU per pod under load: ${cpu.map((m) => `${Math.round(m)}m`).join(', ')}`);
    const { desired } = await waitForValue(
      'the HPA to scale up',
      async () => {
        const h = await kubectlJson<{ status: { desiredReplicas?: number } }>([
          '-n',
          ns.name,
          'get',
          'hpa',
          'busy',
        ]);
        const desired = h.status.desiredReplicas ?? 0;
        return desired > 2 ? { desired } : null;
      },
      150_000,
      1_000,
    );
    console.log(
      `# HPA desired ${desired} replicas ${((Date.now() - t0) / 1000).toFixed(0)} s after the load started`,
    );
    scaled = true;
    await workers;
    await waitFor('the new pods ready', async () => (await readyCount('app=busy')) > 2, 120_000, 500);

    // A WebSocket to every pod, then wait for the scale-down once the 20 s window has passed.
    const pods = (await podsOf(ns.name, 'app=busy')).filter(isReady);
    const sockets = await Promise.all(
      pods.map(async (p) => ({ pod: p.metadata.name, ...(await podWebSocket(ns.name, p.metadata.name)) })),
    );
    const t1 = Date.now();
    await waitFor(
      'scale-down to 2',
      async () =>
        (await podsOf(ns.name, 'app=busy')).filter((p) => !p.metadata.deletionTimestamp).length === 2,
      180_000,
      1_000,
    );
    console.log(
      `# scaled down to 2, ${((Date.now() - t1) / 1000).toFixed(0)} s after the load stopped (window 20 s)`,
    );
    const left = new Set(
      (await podsOf(ns.name, 'app=busy'))
        .filter((p) => !p.metadata.deletionTimestamp)
        .map((p) => p.metadata.name),
    );
    const removed = sockets.filter((s) => !left.has(s.pod));
    assert.ok(removed.length > 0);
    const codes = await Promise.all(
      removed.map((s) =>
        Promise.race([s.closed, new Promise<number>((r) => setTimeout(() => r(-1), 30_000))]),
      ),
    );
    assert.deepEqual(
      codes,
      removed.map(() => 1001),
      `close codes of removed pods: ${codes}`,
    );
    for (const s of sockets) s.ws.terminate();
  });
});
