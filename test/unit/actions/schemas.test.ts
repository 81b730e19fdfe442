import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeIssue,
  endpointId,
  hpaBoundsBody,
  imageBody,
  rollbackBody,
  scaleBody,
  versionBody,
} from '../../../lib/validation';
import type { z } from 'zod';

function problem(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : describeIssue(r.error, 'body');
}

describe('scale body', () => {
  const s = scaleBody(50);
  it('takes whole replica counts 0..maxReplicas and an optional force', () => {
    assert.deepEqual(s.parse({ replicas: 0 }), { replicas: 0 });
    assert.deepEqual(s.parse({ replicas: 50, force: true }), { replicas: 50, force: true });
  });
  it('refuses each bad value with a sentence naming the field', () => {
    assert.equal(problem(s, { replicas: -1 }), 'replicas: must be at least 0');
    assert.equal(problem(s, { replicas: 51 }), 'replicas: must be at most 50 (PODIUM_MAX_REPLICAS)');
    assert.equal(problem(s, { replicas: 1e9 }), 'replicas: must be at most 50 (PODIUM_MAX_REPLICAS)');
    assert.equal(problem(s, { replicas: 2.5 }), 'replicas: must be a whole number');
    assert.equal(problem(s, { replicas: '3' }), 'replicas: must be a number');
    assert.equal(problem(s, { replicas: null }), 'replicas: must be a number');
    assert.equal(problem(s, {}), 'replicas: is required');
    assert.match(problem(s, { replicas: 3, extra: 1 }) ?? '', /Unrecognized key.*extra/i);
    assert.match(problem(s, { replicas: 3, force: 'yes' }) ?? '', /^force:/);
    assert.match(problem(s, [3]) ?? '', /object/i);
  });
});

describe('image body', () => {
  const ok = (image: string) => assert.equal(problem(imageBody, { container: 'app', image }), null, image);
  const bad = (image: string) =>
    assert.notEqual(problem(imageBody, { container: 'app', image }), null, image);
  it('accepts real image references', () => {
    ok('nginx');
    ok('podium-demo:1.0.0');
    ok('ghcr.io/acme/podium-demo:v2.1.0-rc.1');
    ok('localhost:5000/team/app_name:latest');
    ok('registry.example.com/a/b/c@sha256:' + 'a'.repeat(64));
    ok('app:1.2@sha256:' + 'b'.repeat(64));
  });
  it('refuses anything else', () => {
    bad('');
    bad('Nginx');
    bad('app:');
    bad('app:1.0 ; rm -rf /');
    bad('app:$(whoami)');
    bad('app\n:1');
    bad('../app:1');
    bad('app//x:1');
    bad('app@sha256:short');
    bad('-app:1');
    bad('a'.repeat(513));
  });
  it('refuses a bad container name and unknown fields', () => {
    assert.match(problem(imageBody, { container: 'App', image: 'x:1' }) ?? '', /^container:/);
    assert.match(problem(imageBody, { container: 'app', image: 'x:1', command: ['sh'] }) ?? '', /command/);
  });
});

describe('version, rollback, HPA bounds, endpoint ids', () => {
  it('version values are short printable words', () => {
    assert.equal(problem(versionBody, { container: 'app', value: '1.4.0' }), null);
    assert.match(problem(versionBody, { container: 'app', value: '1.4 0' }) ?? '', /^value:/);
    assert.match(problem(versionBody, { container: 'app', value: 'x'.repeat(129) }) ?? '', /^value:/);
    assert.match(problem(versionBody, { container: 'app', value: 140 }) ?? '', /^value: must be a string/);
  });
  it('rollback needs a whole revision >= 1', () => {
    assert.equal(problem(rollbackBody, { revision: 2 }), null);
    assert.equal(problem(rollbackBody, { revision: 0 }), 'revision: must be at least 1');
    assert.equal(problem(rollbackBody, { revision: 1.5 }), 'revision: must be a whole number');
  });
  it('HPA bounds: 1 <= min <= max <= maxReplicas', () => {
    const s = hpaBoundsBody(20);
    assert.equal(problem(s, { minReplicas: 2, maxReplicas: 20 }), null);
    assert.equal(problem(s, { minReplicas: 0, maxReplicas: 5 }), 'minReplicas: must be at least 1');
    assert.equal(
      problem(s, { minReplicas: 6, maxReplicas: 5 }),
      'minReplicas: must not be above maxReplicas',
    );
    assert.equal(
      problem(s, { minReplicas: 1, maxReplicas: 21 }),
      'maxReplicas: must be at most 20 (PODIUM_MAX_REPLICAS)',
    );
  });
  it('endpoint ids cannot carry a path', () => {
    assert.equal(endpointId.safeParse('inemuri').success, true);
    for (const id of ['..', '..%2f..', '../..', 'a/b', '%2e%2e', 'A', '', 'x'.repeat(41)]) {
      assert.equal(endpointId.safeParse(id).success, false, id);
    }
  });
});
