import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readyPodNames, toEndpointSliceSummary } from '../../../lib/models/endpointslice';
import list from '../../fixtures/k8s/canary-endpointslices.json' with { type: 'json' };

describe('toEndpointSliceSummary', () => {
  const slices = list.items.map(toEndpointSliceSummary);
  const [main] = slices;

  it('names the Service from the kubernetes.io/service-name label', () => {
    assert.deepEqual(
      slices.map((s) => s.service),
      ['dummy-api-service', 'dummy-stable-service', 'dummy-canary-service'],
    );
  });

  it('keeps ip, conditions and pod of each endpoint', () => {
    assert.equal(main?.endpoints.length, 5);
    assert.deepEqual(main?.endpoints[0], {
      ip: '10.244.0.40',
      ready: true,
      serving: true,
      terminating: false,
      pod: 'dummy-api-stable-7b9f6c5d48-4xk2m',
    });
    assert.deepEqual(main?.endpoints[4], {
      ip: '10.244.1.44',
      ready: false,
      serving: true,
      terminating: true,
      pod: 'dummy-api-canary-6c9d8e7f55-b2n4c',
    });
  });

  it('reads missing conditions as the API defines them', () => {
    const s = toEndpointSliceSummary({
      endpoints: [
        { addresses: ['10.0.0.9'] },
        { addresses: ['10.0.0.8'], targetRef: { kind: 'Node', name: 'n1' } },
      ],
    });
    assert.deepEqual(s.endpoints[0], {
      ip: '10.0.0.9',
      ready: true,
      serving: true,
      terminating: false,
      pod: null,
    });
    assert.equal(s.endpoints[1]?.pod, null, 'only Pod targets name a pod');
    assert.equal(s.service, null);
  });
});

describe('readyPodNames', () => {
  const slices = list.items.map(toEndpointSliceSummary);

  it('collects ready pods of one Service only', () => {
    assert.deepEqual(
      [...readyPodNames(slices, 'dummy-canary-service')],
      ['dummy-api-canary-5d8c7b9f64-r6hfp'],
    );
    assert.equal(readyPodNames(slices, 'dummy-api-service').size, 4);
    assert.equal(readyPodNames(slices, 'nope').size, 0);
  });

  it('counts a pod once when dual-stack slices list it twice', () => {
    const [main] = slices;
    assert.ok(main);
    const ipv6 = { ...main, uid: 'v6', endpoints: main.endpoints.map((e) => ({ ...e, ip: 'fd00::1' })) };
    assert.equal(readyPodNames([main, ipv6], 'dummy-api-service').size, 4);
  });
});
