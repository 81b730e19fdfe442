import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toDeploymentSummary } from '../../../lib/models/deployment';
import { DEFAULT_POD_ENDPOINTS, parsePodEndpoints } from '../../../lib/models/pod-endpoints';
import rolling from '../../fixtures/k8s/deployment-echo-rolling.json' with { type: 'json' };

describe('podium.dev/endpoints', () => {
  it('keeps valid entries from a real annotation and drops the rest', () => {
    assert.deepEqual(toDeploymentSummary(rolling).endpoints, [
      { id: 'inemuri', label: 'Hang for 10 s', path: '/inemuri', port: 8080 },
      { id: 'seppuku', label: 'Crash', path: '/seppuku', port: null },
      // "/cpu?ms=500" (query), "/../../api/v1/secrets" (..), "Bad_Id", port 0, the duplicate id
      // and the string entry are all dropped; a missing label falls back to the id
      { id: 'load', label: 'load', path: '/load/cpu', port: null },
    ]);
  });

  const one = (entry: unknown) => parsePodEndpoints(JSON.stringify([entry]));

  it('validates the id', () => {
    assert.equal(one({ id: 'a'.repeat(40), path: '/x' }).length, 1);
    assert.equal(one({ id: 'a'.repeat(41), path: '/x' }).length, 0);
    assert.equal(one({ id: '', path: '/x' }).length, 0);
    assert.equal(one({ id: 'UP', path: '/x' }).length, 0);
    assert.equal(one({ path: '/x' }).length, 0);
  });

  it('validates the path: absolute, safe characters, no ".."', () => {
    assert.equal(one({ id: 'a', path: '/' }).length, 1);
    assert.equal(one({ id: 'a', path: '/v1/a.b_c~d-e' }).length, 1);
    for (const path of ['x', '', '/a/../b', '/..', '/a b', '/a%2e%2e', '//host@evil', '/a#b', 42]) {
      assert.equal(one({ id: 'a', path }).length, 0, JSON.stringify(path));
    }
  });

  it('validates the port: 1..65535 integer, or null/absent', () => {
    assert.equal(one({ id: 'a', path: '/x', port: 1 })[0]?.port, 1);
    assert.equal(one({ id: 'a', path: '/x', port: 65535 })[0]?.port, 65535);
    assert.equal(one({ id: 'a', path: '/x', port: null })[0]?.port, null);
    for (const port of [0, 65536, 80.5, '8080', -1])
      assert.equal(one({ id: 'a', path: '/x', port }).length, 0, String(port));
  });

  it('trims labels and rejects overly long ones', () => {
    assert.equal(one({ id: 'a', label: '  Crash  ', path: '/x' })[0]?.label, 'Crash');
    assert.equal(one({ id: 'a', label: 'x'.repeat(81), path: '/x' }).length, 0);
  });

  it('defaults only when the annotation is absent', () => {
    assert.deepEqual(parsePodEndpoints(undefined), DEFAULT_POD_ENDPOINTS);
    assert.deepEqual(parsePodEndpoints('[]'), []);
    assert.deepEqual(parsePodEndpoints('not json'), []);
    assert.deepEqual(parsePodEndpoints('{"id":"a","path":"/x"}'), []);
  });

  it('returns fresh objects, so callers cannot edit the defaults', () => {
    const first = parsePodEndpoints(undefined);
    first[0]!.path = '/changed';
    assert.equal(parsePodEndpoints(undefined)[0]?.path, '/inemuri');
  });

  it('caps the list', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `e${i}`, path: `/e${i}` }));
    assert.equal(parsePodEndpoints(JSON.stringify(many)).length, 20);
  });
});
