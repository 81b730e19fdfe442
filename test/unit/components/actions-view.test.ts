// The actions re-render for what they show (a Deployment's spec, an HPA's bounds, the revisions to
// roll back to), not for a rollout's status, which changes at every pod that starts or stops.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sameActionInputs, type DeploymentActionsProps } from '@/components/actions/actions-view';
import type { HpaSummary } from '@/lib/models/types';
import { deployment, rs } from '../../helpers/summaries';

const hpa = (min: number, max: number, current = 2): HpaSummary => ({
  uid: 'h1',
  name: 'web',
  namespace: 'demo',
  resourceVersion: '1',
  createdAt: '2026-01-01T00:00:00Z',
  target: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
  minReplicas: min,
  maxReplicas: max,
  currentReplicas: current,
  desiredReplicas: current,
  metrics: [],
  conditions: [],
  lastScaleTime: null,
  scaleDownStabilizationSeconds: 300,
  scaleUpStabilizationSeconds: 0,
});

const props = (over: Partial<DeploymentActionsProps> = {}): DeploymentActionsProps => ({
  namespace: 'demo',
  deployment: deployment(),
  hpa: hpa(2, 6),
  replicaSets: [rs('bbb', 2, 0), rs('ccc', 3, 4)],
  ...over,
});

describe('sameActionInputs', () => {
  it('holds through status changes: pods ready, an HPA measuring, a ReplicaSet scaling', () => {
    const before = props();
    const after = props({
      deployment: deployment({ ready: 3, available: 3, unavailable: 1, resourceVersion: '2' }),
      hpa: hpa(2, 6, 5),
      replicaSets: [rs('bbb', 2, 0), rs('ccc', 3, 4, 3)],
    });
    assert.equal(sameActionInputs(before, after), true);
  });

  it('re-renders for a new spec, a new revision, new bounds, a new ReplicaSet or another namespace', () => {
    const before = props();
    const changed: [string, Partial<DeploymentActionsProps>][] = [
      ['scaled', { deployment: deployment({ desired: 5, generation: 6 }) }],
      ['new template', { deployment: deployment({ generation: 6 }) }],
      ['revision', { deployment: deployment({ revision: 4 }) }],
      ['version env', { deployment: deployment({ versionEnvName: 'VERSION' }) }],
      ['paused', { deployment: deployment({ paused: true }) }],
      ['another deployment', { deployment: deployment({ uid: 'd2' }) }],
      ['hpa bounds', { hpa: hpa(2, 8) }],
      ['hpa gone', { hpa: null }],
      ['new revision to roll back to', { replicaSets: [rs('aaa', 1, 0), rs('bbb', 2, 0), rs('ccc', 3, 4)] }],
      ['other images', { replicaSets: [rs('bbb', 2, 0), { ...rs('ccc', 3, 4), images: ['web:x'] }] }],
      ['namespace', { namespace: 'other' }],
    ];
    for (const [what, over] of changed) assert.equal(sameActionInputs(before, props(over)), false, what);
  });
});
