// Gateway → GatewaySummary and the line a route shows for its parent Gateway.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeGateway, toGatewaySummary, type RawGateway } from '../../../lib/models/gateway';
import { parentGatewayLine } from '../../../lib/models/traffic-routes';

// the canary story's Gateway as Traefik v3.7 reports it on the built-in cluster
const raw: RawGateway = {
  metadata: { name: 'echo', namespace: 'demo-canary', uid: 'g1' },
  spec: { gatewayClassName: 'traefik', listeners: [{ name: 'http', port: 8000, protocol: 'HTTP' }] },
  status: {
    addresses: [{ value: '10.96.0.80' }],
    conditions: [
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Gateway successfully scheduled' },
      { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Gateway successfully scheduled' },
    ],
    listeners: [
      {
        name: 'http',
        attachedRoutes: 1,
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'Programmed', status: 'True', reason: 'Programmed' },
        ],
      },
    ],
  },
};

describe('Gateways', () => {
  it('reads the class, the listeners and what the controller says of each', () => {
    const g = toGatewaySummary(raw);
    assert.equal(g.className, 'traefik');
    assert.deepEqual(g.addresses, ['10.96.0.80']);
    assert.equal(g.programmed?.status, 'True');
    assert.deepEqual(
      g.listeners.map((l) => [
        l.name,
        l.port,
        l.protocol,
        l.attachedRoutes,
        l.accepted?.status,
        l.programmed?.status,
      ]),
      [['http', 8000, 'HTTP', 1, 'True', 'True']],
    );
    assert.deepEqual(describeGateway(g), {
      ok: true,
      text: 'Gateway echo (traefik): Programmed; listener http :8000 HTTP, 1 route',
    });
  });

  it('a Gateway nobody programmed, or a listener refused, is not ok and says why', () => {
    const none = toGatewaySummary({ ...raw, status: undefined });
    assert.deepEqual(describeGateway(none), {
      ok: false,
      text: 'Gateway echo (traefik): Programmed not reported yet; listener http :8000 HTTP',
    });
    const refused = toGatewaySummary({
      ...raw,
      status: {
        ...raw.status,
        listeners: [
          {
            name: 'http',
            attachedRoutes: 0,
            conditions: [
              { type: 'Accepted', status: 'False', reason: 'PortUnavailable', message: 'x'.repeat(9000) },
            ],
          },
        ],
      },
    });
    const line = describeGateway(refused);
    assert.equal(line.ok, false);
    assert.match(line.text, /listener http :8000 HTTP, 0 routes — PortUnavailable$/);
    assert.ok(
      (refused.listeners[0]?.accepted?.message.length ?? 0) <= 300,
      'a controller message is bounded',
    );
  });

  it('a route’s parent: found, missing, elsewhere, or not loaded yet', () => {
    const gws = [toGatewaySummary(raw)];
    assert.equal(parentGatewayLine('echo', gws)?.ok, true);
    assert.deepEqual(parentGatewayLine('nope', gws), {
      ok: false,
      text: 'Gateway nope: not found in this namespace',
    });
    assert.match(parentGatewayLine('infra/gw', gws)?.text ?? '', /in another namespace/);
    assert.equal(parentGatewayLine('echo', undefined), null);
  });
});
