import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleShares, toHttpRouteSummary, type RawHttpRoute } from '../../../lib/models/httproute';

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
