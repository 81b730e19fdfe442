// Traffic on the local cluster's real node (podium-real-1): the demo app runs for real and Podium's
// server-side loops reach it through the API server's services/proxy, exactly as in production
// outside a cluster. Story 001 (a rolling update with and without readiness), story 003 (a measured
// 75/25 then 50/50 split, promote, abort) and story 002 (real load drives a real HPA).
// Skipped when the real node is not there. Every loop is bounded in count and time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  apply,
  kubectl,
  kubectlJson,
  readyEndpoints,
  testNamespace,
  waitFor,
  waitForValue,
} from '../helpers/cluster';
import {
  NO_REAL_NODE,
  demoDeployment,
  expectRealNode,
  isReady,
  podsOf,
  serviceYaml,
} from '../helpers/real-node';
import { captureAudit, type AuditLine } from '../../lib/audit';
import { ctx, request } from '../unit/actions/helpers';
import { POST as canaryRoute } from '../../app/api/namespaces/[namespace]/canary/route';
import { POST as probeRoute } from '../../app/api/namespaces/[namespace]/traffic/[service]/probe/route';
import { startLoad } from '../../lib/k8s/traffic/load';
import { startProbe } from '../../lib/k8s/traffic/probe';
import { currentRun, stopAllTraffic, stopRun, subscribeTraffic } from '../../lib/k8s/traffic/runs';
import { startSplit } from '../../lib/k8s/traffic/split';
import type { TrafficRun } from '../../lib/models/traffic';

const ns = testNamespace('traffic');
let realNode = false;
const audit: AuditLine[] = [];
let restoreAudit = () => {};
let unsubscribe = () => {};

before(async () => {
  for (const k of ['PODIUM_READ_ONLY', 'PODIUM_NAMESPACES', 'PODIUM_ACTION_TOKEN', 'PODIUM_ALLOWED_ORIGINS'])
    delete process.env[k];
  (await import('../../lib/k8s/client')).resetCluster();
  realNode = await expectRealNode();
  restoreAudit = captureAudit((l) => audit.push(JSON.parse(l) as AuditLine));
  // the test is the viewer that keeps the namespace's runs alive
  unsubscribe = subscribeTraffic(ns.name, () => {});
});

after(async () => {
  unsubscribe();
  restoreAudit();
  await stopAllTraffic('end of the test file');
  await (await import('../../lib/k8s/client')).closeConnections();
});

const snapshot = <K extends TrafficRun['kind']>(kind: K, service: string) =>
  currentRun(ns.name, kind, service)?.snapshot() as Extract<TrafficRun, { kind: K }>;
const readyCount = async (selector: string) => (await podsOf(ns.name, selector)).filter(isReady).length;
const readinessProbe = `        readinessProbe: {httpGet: {path: /readyz, port: http}, periodSeconds: 1, failureThreshold: 1}`;
// The canary's pods are measured, not rolled: one slow probe on the busy 2-core machine must not
// take a pod out of the endpoints in the middle of a sample (that skews the split it measures).
const steadyReadiness = `        readinessProbe: {httpGet: {path: /readyz, port: http}, periodSeconds: 1, timeoutSeconds: 3, failureThreshold: 3}`;
const rolling = (maxUnavailable: string, maxSurge: string) =>
  `  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: ${maxUnavailable}, maxSurge: ${maxSurge}}}`;

/** Probes `service` while `app` rolls to 2.0.0; returns the finished run. */
async function probeRollout(app: string) {
  await startProbe({
    namespace: ns.name,
    service: app,
    path: '/version',
    intervalMs: 200,
    durationSeconds: 180,
  });
  await waitFor(
    'a few answers before the rollout',
    () => snapshot('probe', app).samples.filter((s) => s.ok).length >= 5,
    30_000,
  );
  await kubectl(['-n', ns.name, 'set', 'env', `deployment/${app}`, 'APP_VERSION=2.0.0']);
  await kubectl(['-n', ns.name, 'rollout', 'status', `deployment/${app}`, '--timeout=150s']);
  // old pods finish terminating and leave the endpoints
  await waitFor(
    `only new pods of ${app}`,
    async () => (await podsOf(ns.name, `app=${app}`)).length === 2,
    60_000,
    500,
  );
  await waitFor(
    'answers from 2.0.0 only',
    () =>
      snapshot('probe', app)
        .samples.slice(-10)
        .every((s) => s.ok && s.answeredBy === '2.0.0'),
    30_000,
  );
  stopRun(ns.name, 'probe', app, 'the rollout is over');
  await currentRun(ns.name, 'probe', app)?.done;
  return snapshot('probe', app);
}

describe('traffic through the API server to real pods', () => {
  it(
    'story 001: a rolling update with a readiness probe fails no request; one without fails some',
    { timeout: 420_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      const slow = { STARTUP_DELAY_MS: '4000', SHUTDOWN_DRAIN_MS: '3000' };
      await apply(
        ns.name,
        [
          demoDeployment('ready', {
            replicas: 2,
            env: slow,
            container: readinessProbe,
            spec: rolling('0', '1'),
          }),
          serviceYaml('ready', { app: 'ready' }),
          // no probe, the default strategy: a pod counts as ready the moment it starts
          demoDeployment('noready', { replicas: 2, env: { STARTUP_DELAY_MS: '4000' } }),
          serviceYaml('noready', { app: 'noready' }),
        ].join('---\n'),
      );
      await waitFor(
        '4 ready pods',
        async () => (await readyCount('app in (ready,noready)')) === 4,
        180_000,
        1000,
      );
      // noready's pods answer 503 while starting: wait until they have warmed up
      await waitFor('noready answering', async () => await startSplitOk('noready'), 60_000, 1000);

      const withProbe = await probeRollout('ready');
      assert.equal(withProbe.transport, 'apiserver-proxy');
      assert.equal(
        withProbe.failures,
        0,
        `failures with a readiness probe: ${JSON.stringify(withProbe.samples.filter((s) => !s.ok).slice(0, 3))}`,
      );
      assert.deepEqual(new Set(withProbe.samples.map((s) => s.answeredBy)), new Set(['1.0.0', '2.0.0']));

      const without = await probeRollout('noready');
      assert.ok(without.failures > 0, 'without a readiness probe some requests fail');
      assert.ok(without.longestOutageMs > 0);
      assert.ok(
        without.samples.some((s) => s.error === 'server-error' && s.status === 503),
        'the app answered 503 while starting',
      );
      console.log(
        `# story 001: with readiness 0 of ${withProbe.sent} failed; without, ${without.failures} of ${without.sent} failed, longest outage ${Math.round(without.longestOutageMs)} ms`,
      );
    },
  );

  it(
    'story 003: stable 3 + canary 1 measures 75/25, then 50/50 after scaling the canary to 3; promote and abort',
    { timeout: 420_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      await apply(
        ns.name,
        [
          demoDeployment('web-stable', {
            replicas: 3,
            labels: { group: 'web', track: 'stable' },
            container: steadyReadiness,
          }),
          demoDeployment('web-canary', {
            replicas: 1,
            version: '2.0.0',
            labels: { group: 'web', track: 'canary' },
            container: steadyReadiness,
          }),
          serviceYaml('web', { group: 'web' }),
        ].join('---\n'),
      );
      await waitFor('4 ready web pods', async () => (await readyCount('group=web')) === 4, 180_000, 1000);
      // the expected shares come from the Service's ready endpoints, which follow the pods a moment later
      await waitFor(
        '4 ready endpoints',
        async () => (await readyEndpoints(ns.name, 'web')) === 4,
        60_000,
        500,
      );

      const measure = async (expected: Record<string, number>) => {
        // a 95 % range is missed by chance 1 time in 20: one re-sample is allowed, as the panel offers
        for (let attempt = 1; ; attempt++) {
          const { done } = await startSplit({
            namespace: ns.name,
            service: 'web',
            path: '/version',
            samples: 1000,
          });
          await done;
          const run = snapshot('split', 'web');
          assert.equal(run.failed, 0, run.message ?? '');
          assert.deepEqual(Object.fromEntries(run.shares.map((s) => [s.deployment, s.expected])), expected);
          const summary = run.shares
            .map(
              (s) =>
                `${s.deployment} ${(s.measured * 100).toFixed(1)} % (range ${(s.low * 100).toFixed(1)}-${(s.high * 100).toFixed(1)})`,
            )
            .join(', ');
          const endpoints = await readyEndpoints(ns.name, 'web');
          console.log(`# split, attempt ${attempt}: ${summary}; ready endpoints after: ${endpoints}`);
          if (run.shares.every((s) => !s.outside) || attempt === 2) {
            assert.ok(
              run.shares.every((s) => !s.outside),
              summary,
            );
            assert.equal(run.answered, 1000);
            return run;
          }
        }
      };
      await measure({ 'web-stable': 0.75, 'web-canary': 0.25 });

      const act = async (body: object) => {
        const res = await canaryRoute(
          request(`/api/namespaces/${ns.name}/canary`, { body }),
          ctx({ namespace: ns.name }),
        );
        assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
        return (await res.json()) as { changed: string[] };
      };
      await act({ action: 'replicas', deployment: 'web-canary', replicas: 3 });
      await waitFor('6 ready web pods', async () => (await readyCount('group=web')) === 6, 180_000, 1000);
      await waitFor(
        '6 ready endpoints',
        async () => (await readyEndpoints(ns.name, 'web')) === 6,
        60_000,
        500,
      );
      await measure({ 'web-stable': 0.5, 'web-canary': 0.5 });

      // promote: the stable takes the canary's template (2.0.0), keeps its track=stable; the canary goes to 0
      const promoted = await act({ action: 'promote', stable: 'web-stable', canary: 'web-canary' });
      assert.deepEqual(promoted.changed, ["web-stable takes web-canary's pod template", 'web-canary → 0']);
      const stable = await kubectlJson<{
        spec: {
          template: {
            metadata: { labels: Record<string, string> };
            spec: { containers: { env: { name: string; value?: string }[] }[] };
          };
        };
      }>(['-n', ns.name, 'get', 'deployment', 'web-stable']);
      assert.equal(stable.spec.template.metadata.labels.track, 'stable');
      assert.equal(
        stable.spec.template.spec.containers[0]?.env.find((e) => e.name === 'APP_VERSION')?.value,
        '2.0.0',
      );
      await kubectl(['-n', ns.name, 'rollout', 'status', 'deployment/web-stable', '--timeout=150s']);
      await waitFor(
        'the canary at 0',
        async () => (await podsOf(ns.name, 'track=canary')).length === 0,
        90_000,
        1000,
      );
      await waitFor(
        'every answer from 2.0.0 on web-stable',
        async () => {
          const { done } = await startSplit({
            namespace: ns.name,
            service: 'web',
            path: '/version',
            samples: 50,
          });
          await done;
          const run = snapshot('split', 'web');
          return (
            run.failed === 0 &&
            run.answered === 50 &&
            run.shares.find((s) => s.deployment === 'web-stable')?.responses === 50
          );
        },
        90_000,
        2000,
      );

      // abort: a new canary, then back to 0 in one action
      await act({
        action: 'ratio',
        stable: 'web-stable',
        canary: 'web-canary',
        stableReplicas: 3,
        canaryReplicas: 1,
      });
      await waitFor('the canary back', async () => (await readyCount('track=canary')) === 1, 120_000, 1000);
      const aborted = await act({ action: 'abort', canary: 'web-canary' });
      assert.deepEqual(aborted.changed, ['web-canary → 0']);
      await waitFor(
        'the canary gone again',
        async () => (await podsOf(ns.name, 'track=canary')).length === 0,
        90_000,
        1000,
      );
      const lines = audit.filter((l) => l.action === 'canary' && l.namespace === ns.name);
      assert.deepEqual(
        lines.map((l) => l.outcome),
        ['ok', 'ok', 'ok', 'ok'],
      );
      assert.match(lines[1]!.detail, /^promote: web-stable takes/);
    },
  );

  it('story 002: the load generator drives a real HPA to scale up', { timeout: 300_000 }, async (t) => {
    if (!realNode) return t.skip(NO_REAL_NODE);
    await apply(
      ns.name,
      [
        demoDeployment('busy', { replicas: 1, container: readinessProbe, cpuLimit: '200m' }),
        serviceYaml('busy', { app: 'busy' }),
        `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: busy}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: busy}
  minReplicas: 1
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
`,
      ].join('---\n'),
    );
    await waitFor('a ready busy pod', async () => (await readyCount('app=busy')) === 1, 120_000, 1000);
    // 10 requests/s x 10 ms of CPU = about 100m: twice the 50m request (200 % of it, target 50 %),
    // below the 200m limit, so the pod stays responsive (and ready) while the HPA sees the load
    const { run } = await startLoad({
      namespace: ns.name,
      service: 'busy',
      path: '/cpu?ms=10',
      concurrency: 2,
      rate: 10,
      durationSeconds: 240,
    });
    assert.equal(run.transport, 'apiserver-proxy');
    const scaled = await waitForValue(
      'the HPA to want more than one replica',
      async () => {
        const hpa = await kubectlJson<{
          status: {
            desiredReplicas?: number;
            currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[];
          };
        }>(['-n', ns.name, 'get', 'hpa', 'busy']);
        return (hpa.status.desiredReplicas ?? 0) > 1 ? hpa.status : null;
      },
      230_000,
      2000,
    );
    const load = snapshot('load', 'busy');
    stopRun(ns.name, 'load', 'busy', 'the HPA scaled');
    await currentRun(ns.name, 'load', 'busy')?.done;
    assert.ok(
      load.sent > 50 && load.errors < load.sent / 10,
      `sent ${load.sent}, errors ${load.errors}: ${load.message}`,
    );
    console.log(
      `# story 002: HPA desired ${scaled.desiredReplicas} at ${scaled.currentMetrics?.[0]?.resource?.current?.averageUtilization} % CPU after ${load.sent} requests (${load.errors} errors)`,
    );
  });

  it(
    'bad targets: no ready endpoint, a 404 path, a missing Service: clear messages, never a hang',
    { timeout: 120_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      await apply(
        ns.name,
        [demoDeployment('empty', { replicas: 0 }), serviceYaml('empty', { app: 'empty' })].join('---\n'),
      );
      await startProbe({
        namespace: ns.name,
        service: 'empty',
        path: '/',
        intervalMs: 200,
        durationSeconds: 3,
      });
      await currentRun(ns.name, 'probe', 'empty')!.done;
      const empty = snapshot('probe', 'empty');
      assert.ok(empty.sent >= 10 && empty.failures === empty.sent);
      assert.ok(empty.samples.every((s) => s.error === 'no-endpoints'));
      assert.match(empty.message ?? '', /no ready endpoint/);

      await waitFor(
        'a ready web-stable pod',
        async () => (await readyCount('app=web-stable')) >= 1,
        60_000,
        1000,
      );
      const { done } = await startLoad({
        namespace: ns.name,
        service: 'web',
        path: '/nope',
        concurrency: 2,
        rate: 20,
        durationSeconds: 2,
      });
      await done;
      const nope = snapshot('load', 'web');
      assert.equal(nope.errors, nope.sent);
      assert.match(nope.message ?? '', /the path does not exist in the app \(404\)/);

      const res = await probeRoute(
        request(`/api/namespaces/${ns.name}/traffic/nothere/probe`, { body: {} }),
        ctx({ namespace: ns.name, service: 'nothere' }),
      );
      assert.equal(res.status, 404);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /nothere/);
    },
  );
});

/** True when `service` answers a short sample without a failure (the app has warmed up). */
async function startSplitOk(service: string): Promise<boolean> {
  const { done } = await startSplit({ namespace: ns.name, service, path: '/version', samples: 10 });
  await done;
  const run = currentRun(ns.name, 'split', service)?.snapshot();
  return run?.kind === 'split' && run.failed === 0 && run.answered + run.unattributed === 10;
}
