// The built-in cluster's gateway (Traefik, scripts/cluster/addons.sh) routes real requests by the
// stories' weights: the canary story's HTTPRoute (90/10, while its replicas are 3 + 1) and the
// ingress story's nginx canary Ingress (canary-weight 20), each measured with 400 requests on the
// loopback entry. Each story runs in this file's own namespaces with a host of its own, so a demo
// running beside it (same stories, hosts echo.local / ingress.echo.local) is never measured.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { routeStatusProblems, toHttpRouteSummary, type RawHttpRoute } from '../../lib/models/httproute';
import { binomialInterval } from '../../lib/models/split-stats';
import {
  ROOT,
  apply,
  kubectlJson,
  readyEndpoints,
  testNamespace,
  waitFor,
  waitForValue,
} from '../helpers/cluster';
import {
  GATEWAY_ENTRY,
  measureVersions,
  waitForGateway,
  waitForHost,
  waitForRoute,
} from '../helpers/gateway';
import { ctx, request } from '../unit/actions/helpers';
import type { SplitRun } from '../../lib/models/traffic';
import { POST as routeSplit } from '../../app/api/namespaces/[namespace]/httproutes/[name]/split/route';
import { PATCH as routeWeight } from '../../app/api/namespaces/[namespace]/httproutes/[name]/weight/route';
import { NO_REAL_NODE, expectRealNode } from '../helpers/real-node';

const routeNs = testNamespace('gw-route');
const ingressNs = testNamespace('gw-ingress');
const N = 400;

/** A story's rendered manifests (what a lesson applies), with its host replaced. */
function story(id: string, from: string, host: string): string {
  const yaml = readFileSync(join(ROOT, 'lib', 'lessons', 'manifests', `${id}.yaml`), 'utf8');
  assert.ok(yaml.includes(from), `${id} names host ${from}`);
  return yaml.replaceAll(from, host);
}

async function ready(ns: string, services: Record<string, number>): Promise<void> {
  for (const [svc, n] of Object.entries(services)) {
    await waitFor(
      `${ns}/${svc}: ${n} ready endpoints`,
      async () => (await readyEndpoints(ns, svc)) === n,
      180_000,
      1_000,
    );
  }
}

/** Asserts the canary's share of `answered` is inside Binomial(N, p)'s 99.9 % interval. */
function assertShare(r: Awaited<ReturnType<typeof measureVersions>>, p: number): number {
  assert.equal(r.failed, 0, `failed requests: ${r.errors.join('; ')}`);
  assert.equal(r.answered, N);
  assert.deepEqual(Object.keys(r.versions).sort(), ['1.0.0', '2.0.0'], JSON.stringify(r.versions));
  const share = (r.versions['2.0.0'] ?? 0) / r.answered;
  const { low, high } = binomialInterval(N, p, 0.999);
  assert.ok(share >= low && share <= high, `canary share ${share} outside [${low}, ${high}] for ${p}`);
  return share;
}

describe('the gateway on the real node', () => {
  it('splits an HTTPRoute 90/10 by its weights, not by the 3 + 1 replicas', async (t) => {
    if (!(await expectRealNode())) return t.skip(NO_REAL_NODE);
    await waitForGateway();
    const host = `${routeNs.name}.echo.local`;
    await apply(routeNs.name, story('canary', 'echo.local', host));
    await ready(routeNs.name, { 'echo-stable': 3, 'echo-canary': 1 });
    await waitForRoute(routeNs.name, 'echo');
    await waitForHost(host, ['1.0.0', '2.0.0']);

    const share = assertShare(await measureVersions(host, N), 0.1);
    // far from what the replicas would give (25 %)
    assert.ok(share < binomialInterval(N, 0.25, 0.999).low, `share ${share} looks like the replica ratio`);

    // what Podium shows beside the weights: Traefik's own status on the route
    const route = toHttpRouteSummary(
      await kubectlJson<RawHttpRoute>(['-n', routeNs.name, 'get', 'httproute', 'echo']),
    );
    assert.deepEqual(
      route.status.map((p) => [p.parent, p.controller, p.accepted?.status, p.resolvedRefs?.status]),
      [['echo', 'traefik.io/gateway-controller', 'True', 'True']],
    );
    assert.deepEqual(routeStatusProblems(route), []);
  });

  it('Podium samples the route through the gateway: 90/10, then about 50/50 after a weight edit in Podium', async (t) => {
    if (!(await expectRealNode())) return t.skip(NO_REAL_NODE);
    await waitForRoute(routeNs.name, 'echo');
    const before = process.env.PODIUM_GATEWAY_URL;
    process.env.PODIUM_GATEWAY_URL = `http://${GATEWAY_ENTRY.host}:${GATEWAY_ENTRY.port}`;
    t.after(() => {
      if (before === undefined) delete process.env.PODIUM_GATEWAY_URL;
      else process.env.PODIUM_GATEWAY_URL = before;
    });
    const sample = async (samples: number): Promise<SplitRun> => {
      const res = await routeSplit(
        request('/x', { method: 'POST', body: { samples } }),
        ctx({ namespace: routeNs.name, name: 'echo' }),
      );
      const body = (await res.json()) as { run: SplitRun };
      assert.equal(res.status, 200, JSON.stringify(body));
      return body.run;
    };
    const canaryShare = (run: SplitRun) => run.shares.find((s) => s.deployment === 'echo-canary');

    const first = await sample(N);
    assert.equal(first.transport, 'gateway');
    assert.equal(first.failed, 0, first.message ?? '');
    assert.equal(first.answered, N);
    const c1 = canaryShare(first);
    assert.equal(c1?.expected, 0.1, 'expected from the weights, not the 3 + 1 replicas');
    const i1 = binomialInterval(N, 0.1, 0.999);
    assert.ok(c1.measured >= i1.low && c1.measured <= i1.high, `Podium measured ${c1.measured} for 10 %`);

    // 90/10 -> 10/10 from Podium's own weight action; Traefik applies it within a few seconds
    const edit = await routeWeight(
      request('/x', { method: 'PATCH', body: { rule: 0, backend: 0, weight: 10 } }),
      ctx({ namespace: routeNs.name, name: 'echo' }),
    );
    assert.equal(edit.status, 200, JSON.stringify(await edit.clone().json()));
    await waitFor(
      'the gateway sends about half to the canary',
      async () => ((await measureVersions(`${routeNs.name}.echo.local`, 40)).versions['2.0.0'] ?? 0) >= 10,
      60_000,
      1_000,
    );
    const second = await sample(N);
    const c2 = canaryShare(second);
    assert.equal(c2?.expected, 0.5);
    const i2 = binomialInterval(N, 0.5, 0.999);
    assert.ok(c2.measured >= i2.low && c2.measured <= i2.high, `Podium measured ${c2.measured} for 50 %`);
  });

  it('a route whose backend does not exist, or whose Gateway does not, is shown as such', async (t) => {
    if (!(await expectRealNode())) return t.skip(NO_REAL_NODE);
    await waitForGateway();
    await waitForRoute(routeNs.name, 'echo');
    await apply(
      routeNs.name,
      `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: broken}
spec:
  parentRefs: [{name: echo}]
  hostnames: [broken.${routeNs.name}.echo.local]
  rules: [{backendRefs: [{name: echo-nope, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: orphan}
spec:
  parentRefs: [{name: no-such-gateway}]
  rules: [{backendRefs: [{name: echo-stable, port: 80}]}]
`,
    );
    const read = async (name: string) =>
      toHttpRouteSummary(await kubectlJson<RawHttpRoute>(['-n', routeNs.name, 'get', 'httproute', name]));
    const broken = await waitForValue(
      'Traefik reports on route broken',
      async () => {
        const r = await read('broken');
        return r.status.some((p) => p.resolvedRefs !== null) ? r : null;
      },
      60_000,
      1_000,
    );
    const problems = routeStatusProblems(broken);
    assert.equal(problems.length, 1, JSON.stringify(broken.status));
    assert.match(problems[0] ?? '', /^Gateway echo: a backend does not resolve \(BackendNotFound/);
    // nobody owns no-such-gateway: no controller writes a status, and the route says it routes nothing
    const orphan = await read('orphan');
    assert.deepEqual(routeStatusProblems(orphan), [
      'no gateway controller has accepted this route (parent no-such-gateway): it routes nothing yet',
    ]);
  });

  it('serves the nginx canary Ingress with its canary-weight (20 %)', async (t) => {
    if (!(await expectRealNode())) return t.skip(NO_REAL_NODE);
    await waitForGateway();
    const host = `${ingressNs.name}.echo.local`;
    await apply(ingressNs.name, story('ingress-canary', 'ingress.echo.local', host));
    await ready(ingressNs.name, { 'echo-stable': 3, 'echo-canary': 1 });
    await waitForHost(host, ['1.0.0', '2.0.0']);

    assertShare(await measureVersions(host, N), 0.2);
  });
});
