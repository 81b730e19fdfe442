import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  routeStatusProblems,
  ruleShares,
  toHttpRouteSummary,
  type RawHttpRoute,
} from '../../../lib/models/httproute';
import { deploymentsBehind, observedRouteSplit, weightedRoutes } from '../../../lib/models/traffic-routes';

const route: RawHttpRoute = {
  metadata: { name: 'echo', namespace: 'shop', uid: 'r1' },
  spec: {
    hostnames: ['echo.example'],
    parentRefs: [{ name: 'gw' }, { name: 'other', namespace: 'infra' }],
    rules: [
      {
        matches: [{ headers: [{ name: 'x-canary', value: 'always' }] }],
        backendRefs: [{ name: 'echo-canary', port: 80 }],
      },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [
          { name: 'echo-stable', port: 80, weight: 90 },
          { name: 'echo-canary', port: 80, weight: 10 },
        ],
      },
    ],
  },
};

describe('HTTPRoute weights', () => {
  const s = toHttpRouteSummary(route);

  it('hostnames, parents and the rules with their matches', () => {
    assert.deepEqual(s.hostnames, ['echo.example']);
    assert.deepEqual(s.parents, ['gw', 'infra/other']);
    assert.deepEqual(
      s.rules.map((r) => r.matches),
      [['PathPrefix / header x-canary=always'], ['PathPrefix /']],
    );
  });

  it('90/10 weights give 90 % / 10 %; a single backend without a weight gets it all', () => {
    assert.deepEqual(ruleShares(s.rules[1]!), [0.9, 0.1]);
    assert.deepEqual(
      s.rules[0]!.backends.map((b) => b.weight),
      [1],
    );
    assert.deepEqual(ruleShares(s.rules[0]!), [1]);
  });

  it('missing weights default to 1 (an even split); weight 0 takes a backend out; all 0 sends nothing', () => {
    const even = toHttpRouteSummary({
      spec: { rules: [{ backendRefs: [{ name: 'a' }, { name: 'b' }, { name: 'c', weight: 2 }] }] },
    });
    assert.deepEqual(ruleShares(even.rules[0]!), [0.25, 0.25, 0.5]);
    const drained = toHttpRouteSummary({
      spec: {
        rules: [
          {
            backendRefs: [
              { name: 'a', weight: 0 },
              { name: 'b', weight: 3 },
            ],
          },
        ],
      },
    });
    assert.deepEqual(ruleShares(drained.rules[0]!), [0, 1]);
    const none = toHttpRouteSummary({ spec: { rules: [{ backendRefs: [{ name: 'a', weight: 0 }] }] } });
    assert.deepEqual(ruleShares(none.rules[0]!), [0]);
  });

  it('a malformed weight (negative, fractional) is read as the default 1', () => {
    const odd = toHttpRouteSummary({
      spec: {
        rules: [
          {
            backendRefs: [
              { name: 'a', weight: -3 },
              { name: 'b', weight: 1.5 },
            ],
          },
        ],
      },
    });
    assert.deepEqual(
      odd.rules[0]!.backends.map((b) => b.weight),
      [1, 1],
    );
  });

  it('backends of another kind keep their kind and group', () => {
    const x = toHttpRouteSummary({
      spec: { rules: [{ backendRefs: [{ group: 'example.io', kind: 'Bucket', name: 'b' }] }] },
    });
    assert.equal(x.rules[0]!.backends[0]!.kind, 'Bucket.example.io');
  });
});

describe('HTTPRoute status: what the gateway controller says', () => {
  // as Traefik v3.7 wrote it on the built-in cluster (canary story), one parent accepted, one not
  const withStatus = (parents: NonNullable<RawHttpRoute['status']>['parents']): RawHttpRoute => ({
    ...route,
    status: { parents },
  });
  const accepted = {
    parentRef: { name: 'gw' },
    controllerName: 'traefik.io/gateway-controller',
    conditions: [
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' },
      { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: '' },
    ],
  };

  it('reads Accepted and ResolvedRefs per parent; a route every parent accepted has no problem', () => {
    const s = toHttpRouteSummary(withStatus([accepted]));
    assert.deepEqual(s.status, [
      {
        parent: 'gw',
        controller: 'traefik.io/gateway-controller',
        accepted: { status: 'True', reason: 'Accepted', message: '' },
        resolvedRefs: { status: 'True', reason: 'ResolvedRefs', message: '' },
      },
    ]);
    assert.deepEqual(routeStatusProblems(s), []);
  });

  it('no status: no controller looked at the route, which routes nothing', () => {
    assert.deepEqual(routeStatusProblems(toHttpRouteSummary(route)), [
      'no gateway controller has accepted this route (parent gw, infra/other): it routes nothing yet',
    ]);
  });

  it('not Accepted, or a backend that does not resolve, is said with the controller’s reason', () => {
    const s = toHttpRouteSummary(
      withStatus([
        accepted,
        {
          parentRef: { name: 'other', namespace: 'infra' },
          conditions: [
            { type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners', message: 'x'.repeat(5000) },
          ],
        },
        {
          parentRef: { name: 'third' },
          conditions: [
            { type: 'Accepted', status: 'True', reason: 'Accepted' },
            { type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound', message: 'echo-nope' },
          ],
        },
      ]),
    );
    const problems = routeStatusProblems(s);
    assert.equal(problems.length, 2);
    assert.match(
      problems[0]!,
      /^not Accepted by Gateway infra\/other \(NotAllowedByListeners: x+\): these weights do not apply there$/,
    );
    assert.ok(problems[0]!.length < 400, 'a controller message is bounded');
    assert.equal(problems[1], 'Gateway third: a backend does not resolve (BackendNotFound: echo-nope)');
  });

  it('the routes view puts the status first and names the Gateways that accepted it', () => {
    const [header, weighted] = weightedRoutes([], [toHttpRouteSummary(route)], []);
    assert.match(header!.problems[0]!, /^no gateway controller has accepted this route/);
    assert.deepEqual(weighted!.accepted, []);
    const ok = weightedRoutes([], [toHttpRouteSummary(withStatus([accepted]))], []);
    assert.deepEqual(
      ok.map((r) => r.accepted),
      [['gw'], ['gw']],
    );
    assert.deepEqual(ok[1]!.problems, []);
  });
});

describe('the share real traffic got on a route (the pods’ own counters)', () => {
  const summary = toHttpRouteSummary(route);
  const services = [
    { name: 'echo-stable', selector: { app: 'echo', track: 'stable' } },
    { name: 'echo-canary', selector: { app: 'echo', track: 'canary' } },
  ];
  const deployments: { name: string; templateLabels: Record<string, string> }[] = [
    { name: 'stable', templateLabels: { app: 'echo', track: 'stable', version: '1' } },
    { name: 'canary', templateLabels: { app: 'echo', track: 'canary', version: '2' } },
    { name: 'other', templateLabels: { app: 'other' } },
  ];

  it('finds the Deployments behind each backend Service by their template labels', () => {
    assert.deepEqual(deploymentsBehind(['echo-stable', 'echo-canary', 'gone'], services, deployments), {
      'echo-stable': ['stable'],
      'echo-canary': ['canary'],
      gone: [],
    });
  });

  it('90/10 configured, 360 + 40 served: measured 90 % / 10 %, inside the range', () => {
    const [, weighted] = weightedRoutes([], [summary], []);
    const behind = deploymentsBehind(['echo-stable', 'echo-canary'], services, deployments);
    const seen = observedRouteSplit(weighted!, behind, { stable: 360, canary: 40, other: 1000 });
    assert.equal(seen.requests, 400);
    assert.deepEqual(
      seen.shares.map((s) => [s.deployment, s.expected, s.measured, s.outside]),
      [
        ['echo-stable', 0.9, 0.9, false],
        ['echo-canary', 0.1, 0.1, false],
      ],
    );
    // the replicas' 75/25 is far outside what 90/10 allows
    const off = observedRouteSplit(weighted!, behind, { stable: 300, canary: 100 });
    assert.equal(off.shares[1]!.outside, true);
  });
});
