import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseNginxCanary, toIngressSummary, type RawIngress } from '../../../lib/models/ingress';

const ann = (o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [`nginx.ingress.kubernetes.io/${k}`, v]));

describe('ingress-nginx canary annotations', () => {
  it('no canary annotation: null', () => {
    assert.equal(parseNginxCanary(undefined), null);
    assert.equal(
      parseNginxCanary({
        'kubernetes.io/ingress.class': 'nginx',
        'nginx.ingress.kubernetes.io/rewrite-target': '/',
      }),
      null,
    );
  });

  it('canary: "true" with weight 20 (the ingress-canary story)', () => {
    assert.deepEqual(parseNginxCanary(ann({ canary: 'true', 'canary-weight': '20' })), {
      enabled: true,
      weight: 20,
      weightTotal: 100,
      byHeader: null,
      byHeaderValue: null,
      byHeaderPattern: null,
      byCookie: null,
      problems: [],
    });
  });

  it('by header, header value, cookie and a custom weight total', () => {
    const c = parseNginxCanary(
      ann({
        canary: 'True',
        'canary-by-header': 'X-Canary',
        'canary-by-header-value': 'yes',
        'canary-by-cookie': 'beta',
        'canary-weight': '1',
        'canary-weight-total': '1000',
      }),
    );
    assert.equal(c?.enabled, true);
    assert.equal(c?.weight, 1);
    assert.equal(c?.weightTotal, 1000);
    assert.equal(c?.byHeader, 'X-Canary');
    assert.equal(c?.byHeaderValue, 'yes');
    assert.equal(c?.byCookie, 'beta');
  });

  it('malformed weights: read as ingress-nginx reads them, and each one said', () => {
    const cases: [string, number, RegExp][] = [
      ['abc', 0, /"abc" is not a whole number: ingress-nginx reads it as 0/],
      ['20%', 0, /not a whole number/],
      ['12.5', 0, /not a whole number/],
      ['', 0, /not a whole number/],
      ['-5', 0, /negative/],
      ['150', 100, /above the total 100: every request goes to the canary/],
    ];
    for (const [value, weight, problem] of cases) {
      const c = parseNginxCanary(ann({ canary: 'true', 'canary-weight': value }));
      assert.equal(c?.weight, weight, value);
      assert.match(c?.problems.join('; ') ?? '', problem, value);
    }
    assert.deepEqual(parseNginxCanary(ann({ canary: 'true', 'canary-weight': ' 30 ' }))?.problems, []);
    assert.match(
      parseNginxCanary(ann({ canary: 'true', 'canary-weight-total': '0' }))!.problems[0]!,
      /weight-total "0" is not a positive/,
    );
  });

  it('a canary flag that is not a boolean, or missing, leaves the canary off and says why', () => {
    const bad = parseNginxCanary(ann({ canary: 'yes', 'canary-weight': '10' }));
    assert.equal(bad?.enabled, false);
    assert.match(bad!.problems[0]!, /"yes" is not true or false/);
    const missing = parseNginxCanary(ann({ 'canary-weight': '10' }));
    assert.equal(missing?.enabled, false);
    assert.match(missing!.problems[0]!, /without canary: "true" have no effect/);
  });
});

describe('toIngressSummary', () => {
  it('seed 003: host rules to the stable and the canary Service, ports by number or name', () => {
    const raw: RawIngress = {
      metadata: {
        name: 'app-ingress',
        namespace: 't',
        uid: 'u1',
        annotations: { 'kubernetes.io/ingress.class': 'nginx' },
      },
      spec: {
        rules: [
          {
            host: 'canary.tutorial-api.com',
            http: {
              paths: [
                {
                  pathType: 'Prefix',
                  backend: { service: { name: 'dummy-canary-service', port: { number: 8081 } } },
                },
              ],
            },
          },
          {
            host: 'tutorial-api.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'dummy-stable-service', port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    };
    const s = toIngressSummary(raw);
    assert.equal(s.className, 'nginx');
    assert.equal(s.canary, null);
    assert.deepEqual(s.paths, [
      {
        host: 'canary.tutorial-api.com',
        path: '/',
        pathType: 'Prefix',
        service: 'dummy-canary-service',
        port: '8081',
      },
      {
        host: 'tutorial-api.com',
        path: '/',
        pathType: 'Prefix',
        service: 'dummy-stable-service',
        port: 'http',
      },
    ]);
  });

  it('a resource backend (not a Service) is left out; a default backend is kept', () => {
    const s = toIngressSummary({
      metadata: { name: 'x' },
      spec: {
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
        rules: [
          {
            http: {
              paths: [{ path: '/static', backend: { resource: { kind: 'StorageBucket', name: 'b' } } }],
            },
          },
        ],
      },
    });
    assert.deepEqual(s.paths, []);
    assert.deepEqual(s.defaultBackend, { service: 'fallback', port: '80' });
  });
});
