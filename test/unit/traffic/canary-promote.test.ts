import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describePromotion, promotedTemplate } from '../../../lib/models/canary-promote';
import type { RawDeployment } from '../../../lib/models/deployment';

const dep = (
  name: string,
  track: string,
  version: string,
  selector: Record<string, string>,
): RawDeployment => ({
  metadata: { name },
  spec: {
    selector: { matchLabels: selector },
    template: {
      metadata: {
        labels: { app: 'echo-canary', track, version },
        annotations: { 'kwok.x-k8s.io/usage-cpu': '20m' },
      },
      spec: {
        containers: [
          { name: 'echo', image: `podium-demo:${version}`, env: [{ name: 'APP_VERSION', value: version }] },
        ],
      },
    },
  },
});

describe('promoting a canary (two plain Deployments)', () => {
  const stable = dep('echo-stable', 'stable', '1.0.0', { app: 'echo-canary', track: 'stable' });
  const canary = dep('echo-canary', 'canary', '2.0.0', { app: 'echo-canary', track: 'canary' });

  it('the stable takes the canary’s containers and labels, but keeps the labels its selector needs', () => {
    const t = promotedTemplate(stable, canary);
    assert.deepEqual(t.metadata?.labels, { app: 'echo-canary', track: 'stable', version: '2.0.0' });
    assert.equal(t.spec?.containers?.[0]?.image, 'podium-demo:2.0.0');
    assert.deepEqual(t.spec?.containers?.[0]?.env, [{ name: 'APP_VERSION', value: '2.0.0' }]);
  });

  it('refuses when the stable’s own template cannot satisfy its selector', () => {
    const broken = dep('s', 'stable', '1', { app: 'other' });
    assert.throws(() => promotedTemplate(broken, canary), /needs app=other/);
  });

  it('says what changes', () => {
    assert.equal(
      describePromotion('echo-stable', 'echo-canary', '2.0.0', []),
      "echo-stable takes echo-canary's pod template (version 2.0.0) and rolls its pods; echo-canary goes to 0 replicas",
    );
  });
});
