// The built-in cluster's gateway (Traefik, scripts/cluster/addons.sh) routes real requests by the
// stories' weights: the canary story's HTTPRoute (90/10, while its replicas are 3 + 1) and the
// ingress story's nginx canary Ingress (canary-weight 20), each measured with 400 requests on the
// loopback entry. Each story runs in this file's own namespaces with a host of its own, so a demo
// running beside it (same stories, hosts echo.local / ingress.echo.local) is never measured.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { binomialInterval } from '../../lib/models/split-stats';
import { ROOT, apply, readyEndpoints, testNamespace, waitFor } from '../helpers/cluster';
import { measureVersions, waitForGateway, waitForHost, waitForRoute } from '../helpers/gateway';
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
    await waitForHost(host);

    const share = assertShare(await measureVersions(host, N), 0.1);
    // far from what the replicas would give (25 %)
    assert.ok(share < binomialInterval(N, 0.25, 0.999).low, `share ${share} looks like the replica ratio`);
  });

  it('serves the nginx canary Ingress with its canary-weight (20 %)', async (t) => {
    if (!(await expectRealNode())) return t.skip(NO_REAL_NODE);
    await waitForGateway();
    const host = `${ingressNs.name}.echo.local`;
    await apply(ingressNs.name, story('ingress-canary', 'ingress.echo.local', host));
    await ready(ingressNs.name, { 'echo-stable': 3, 'echo-canary': 1 });
    await waitForHost(host);

    assertShare(await measureVersions(host, N), 0.2);
  });
});
