// Ingresses and HTTPRoutes on the local cluster's real API server (no ingress controller needed:
// Podium shows and edits the objects, the controller would apply them): the watch hub keeps them
// live, an absent Gateway API CRD is an empty list (not an error), and the weight edits go through
// the guard to the one annotation or field.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apply, kubectlJson, testNamespace, waitFor } from '../helpers/cluster';
import { captureAudit, type AuditLine } from '../../lib/audit';
import type { HubEvent } from '../../lib/k8s/watch-hub';
import type { IngressSummary } from '../../lib/models/ingress';
import { weightedRoutes } from '../../lib/models/traffic-routes';
import { ctx, errorOf, request } from '../unit/actions/helpers';
import { PATCH as ingressWeight } from '../../app/api/namespaces/[namespace]/ingresses/[name]/canary-weight/route';
import { PATCH as routeWeight } from '../../app/api/namespaces/[namespace]/httproutes/[name]/weight/route';

const ns = testNamespace('routes');

const ingress = (name: string, service: string, annotations = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
${annotations ? `  annotations:\n${annotations}` : ''}
spec:
  ingressClassName: nginx
  rules:
  - host: echo.local
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: ${service}, port: {name: http}}}}
`;

describe('routes and weights on the API server', () => {
  let hub: typeof import('../../lib/k8s/watch-hub');
  const ingresses = new Map<string, IngressSummary>();
  const routeEvents: HubEvent[] = [];
  const audit: AuditLine[] = [];
  const cleanups: (() => void)[] = [];

  before(async () => {
    for (const k of ['PODIUM_READ_ONLY', 'PODIUM_NAMESPACES', 'PODIUM_ACTION_TOKEN', 'PODIUM_ALLOWED_ORIGINS']) delete process.env[k];
    (await import('../../lib/k8s/client')).resetCluster();
    hub = await import('../../lib/k8s/watch-hub');
    cleanups.push(captureAudit((l) => audit.push(JSON.parse(l) as AuditLine)));
    await apply(ns.name, [
      ingress('echo', 'echo-stable'),
      ingress('echo-canary', 'echo-canary', "    nginx.ingress.kubernetes.io/canary: 'true'\n    nginx.ingress.kubernetes.io/canary-weight: '20'"),
    ].join('---\n'));
    cleanups.push(
      hub.subscribe('ingresses', ns.name, (e) => {
        if (e.type === 'snapshot') for (const i of e.items as IngressSummary[]) ingresses.set(i.name, i);
        if (e.type === 'changes') for (const c of e.changes) ingresses.set(c.object.name, c.object as IngressSummary);
      }),
      hub.subscribe('httproutes', ns.name, (e) => routeEvents.push(e)),
    );
  });
  after(async () => {
    for (const c of cleanups) c();
    hub.stopAll();
    await (await import('../../lib/k8s/client')).closeConnections();
  });

  it('the hub keeps Ingresses live, with the canary annotations parsed', async () => {
    await waitFor('both ingresses', () => ingresses.size === 2, 30_000);
    assert.equal(ingresses.get('echo')?.canary, null);
    assert.deepEqual([ingresses.get('echo-canary')?.canary?.enabled, ingresses.get('echo-canary')?.canary?.weight], [true, 20]);
    const [route] = weightedRoutes([...ingresses.values()], [], []);
    assert.deepEqual(route?.backends.map((b) => [b.service, b.share]), [['echo-stable', 0.8], ['echo-canary', 0.2]]);
  });

  it('without the Gateway API CRDs, HTTPRoutes are an empty list, not an error', async () => {
    await waitFor('an httproutes snapshot', () => routeEvents.length > 0, 30_000);
    assert.deepEqual(routeEvents, [{ type: 'snapshot', items: [] }]);
  });

  it('edits the canary weight through the guard; the change arrives through the watch', async () => {
    const res = await ingressWeight(request(`/api/namespaces/${ns.name}/ingresses/echo-canary/canary-weight`, { method: 'PATCH', body: { weight: 35 } }), ctx({ namespace: ns.name, name: 'echo-canary' }));
    assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
    assert.deepEqual(await res.json(), { ok: true, weight: 35, previous: '20' });
    const obj = await kubectlJson<{ metadata: { annotations: Record<string, string> } }>(['-n', ns.name, 'get', 'ingress', 'echo-canary']);
    assert.equal(obj.metadata.annotations['nginx.ingress.kubernetes.io/canary-weight'], '35');
    await waitFor('the new weight in the hub', () => ingresses.get('echo-canary')?.canary?.weight === 35, 15_000);
    const line = audit.find((l) => l.action === 'ingress-canary-weight' && l.outcome === 'ok');
    assert.equal(line?.detail, 'canary-weight 20 → 35 of 100');
    assert.equal(line?.name, 'ingress/echo-canary');
  });

  it('refuses a weight on a main Ingress, a weight above the total, and an HTTPRoute that cannot exist here', async () => {
    const main = await ingressWeight(request('/x', { method: 'PATCH', body: { weight: 10 } }), ctx({ namespace: ns.name, name: 'echo' }));
    assert.equal(main.status, 409);
    assert.match((await errorOf(main)).message, /not an ingress-nginx canary/);
    const above = await ingressWeight(request('/x', { method: 'PATCH', body: { weight: 101 } }), ctx({ namespace: ns.name, name: 'echo-canary' }));
    assert.equal(above.status, 400);
    assert.match((await errorOf(above)).message, /at most 100/);
    const route = await routeWeight(request('/x', { method: 'PATCH', body: { rule: 0, backend: 0, weight: 5 } }), ctx({ namespace: ns.name, name: 'echo' }));
    assert.equal(route.status, 404);
  });
});
