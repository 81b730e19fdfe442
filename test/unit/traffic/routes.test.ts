import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHttpRouteSummary } from '../../../lib/models/httproute';
import { toIngressSummary, type RawIngress } from '../../../lib/models/ingress';
import { routesTo, weightedRoutes } from '../../../lib/models/traffic-routes';
import type { EndpointSliceSummary } from '../../../lib/models/types';

const slice = (service: string, ready: number, notReady = 0): EndpointSliceSummary => ({
  uid: `s-${service}`,
  name: `${service}-abc`,
  namespace: 'ns',
  resourceVersion: '1',
  createdAt: '2026-01-01T00:00:00Z',
  service,
  endpoints: [
    ...Array.from({ length: ready }, (_, i) => ({ ip: `10.0.0.${i}`, ready: true, serving: true, terminating: false, pod: `${service}-pod-${i}` })),
    ...Array.from({ length: notReady }, (_, i) => ({ ip: `10.0.1.${i}`, ready: false, serving: false, terminating: false, pod: `${service}-np-${i}` })),
  ],
});

const ingress = (name: string, service: string, annotations: Record<string, string> = {}, host = 'echo.local'): RawIngress => ({
  metadata: { name, namespace: 'ns', uid: name, annotations },
  spec: { ingressClassName: 'nginx', rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { name: 'http' } } } }] } }] },
});

describe('weightedRoutes', () => {
  const slices = [slice('echo-stable', 3), slice('echo-canary', 1, 1)];

  it('the ingress-canary story: 80/20 configured next to 75/25 from the ready replicas', () => {
    const ings = [ingress('echo', 'echo-stable'), ingress('echo-canary', 'echo-canary', { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '20' })].map(toIngressSummary);
    const [r] = weightedRoutes(ings, [], slices);
    assert.equal(r?.kind, 'Ingress');
    assert.deepEqual(r?.hosts, ['echo.local']);
    assert.deepEqual(r?.objects, ['echo', 'echo-canary']);
    assert.deepEqual(r?.backends.map((b) => [b.service, b.weight, b.share, b.readyEndpoints, b.replicaShare]), [
      ['echo-stable', 80, 0.8, 3, 0.75],
      ['echo-canary', 20, 0.2, 1, 0.25],
    ]);
    assert.deepEqual(r?.backends[1]?.edit, { kind: 'Ingress', name: 'echo-canary' });
  });

  it('seed 003 host rules: one route per host, each to one Service (100 %), no replica share', () => {
    const ings = [toIngressSummary({
      metadata: { name: 'app-ingress', namespace: 'ns', uid: 'a' },
      spec: { rules: [
        { host: 'canary.tutorial-api.com', http: { paths: [{ path: '/', backend: { service: { name: 'echo-canary', port: { number: 8081 } } } }] } },
        { host: 'tutorial-api.com', http: { paths: [{ path: '/', backend: { service: { name: 'echo-stable', port: { number: 8081 } } } }] } },
      ] },
    })];
    const routes = weightedRoutes(ings, [], slices);
    assert.deepEqual(routes.map((r) => [r.hosts[0], r.backends.map((b) => [b.service, b.share, b.replicaShare])]), [
      ['canary.tutorial-api.com', [['echo-canary', 1, null]]],
      ['tutorial-api.com', [['echo-stable', 1, null]]],
    ]);
    assert.deepEqual(routesTo(routes, ['echo-canary']).map((r) => r.hosts[0]), ['canary.tutorial-api.com']);
  });

  it('canary by header and cookie are listed as conditions; a malformed weight is a problem and 0 %', () => {
    const ings = [ingress('echo', 'echo-stable'), ingress('c', 'echo-canary', {
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': 'ten',
      'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary',
      'nginx.ingress.kubernetes.io/canary-by-cookie': 'beta',
    })].map(toIngressSummary);
    const [r] = weightedRoutes(ings, [], slices);
    assert.deepEqual(r?.conditions, ['header X-Canary: always → echo-canary', 'cookie beta=always → echo-canary']);
    assert.deepEqual(r?.backends.map((b) => b.share), [1, 0]);
    assert.match(r?.problems[0] ?? '', /c: canary-weight "ten" is not a whole number/);
  });

  it('a canary Ingress alone is flagged: ingress-nginx ignores it', () => {
    const [r] = weightedRoutes([toIngressSummary(ingress('c', 'echo-canary', { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '50' }))], [], slices);
    assert.match(r?.problems.join() ?? '', /without a main Ingress/);
    assert.deepEqual(r?.backends.map((b) => b.share), [0]);
  });

  it('HTTPRoute: one route per rule, weights as shares, the edit target names rule and backend', () => {
    const hr = toHttpRouteSummary({
      metadata: { name: 'echo', namespace: 'ns', uid: 'h' },
      spec: { hostnames: ['echo.example'], rules: [{ backendRefs: [{ name: 'echo-stable', port: 80, weight: 90 }, { name: 'echo-canary', port: 80, weight: 10 }, { name: 'far', namespace: 'elsewhere', weight: 5 }] }] },
    });
    const [r] = weightedRoutes([], [hr], slices);
    assert.deepEqual(r?.backends.map((b) => [b.service, Math.round(b.share * 1000) / 1000, b.replicaShare]), [
      ['echo-stable', 0.857, 0.75],
      ['echo-canary', 0.095, 0.25],
    ]);
    assert.deepEqual(r?.backends[1]?.edit, { kind: 'HTTPRoute', name: 'echo', rule: 0, backend: 1 });
    assert.match(r?.problems.join() ?? '', /not Services of this namespace/);
  });
});
