import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentFindings } from '../../../lib/models/checks';
import { toDeploymentSummary } from '../../../lib/models/deployment';
import { toHpaSummary } from '../../../lib/models/hpa';
import echo from '../../fixtures/k8s/deployment-echo.json' with { type: 'json' };
import myapp from '../../fixtures/k8s/deployment-myapp-paused.json' with { type: 'json' };
import zmq from '../../fixtures/k8s/deployment-zmq-echo.json' with { type: 'json' };
import cpuHpa from '../../fixtures/k8s/hpa-echo-cpu.json' with { type: 'json' };

const ids = (findings: { id: string }[]) => findings.map((f) => f.id).sort();

describe('deploymentFindings', () => {
  it('a Deployment with probes, requests, limits and 3 replicas is clean (story 002)', () => {
    assert.deepEqual(deploymentFindings(toDeploymentSummary(echo)), []);
  });

  it('flags everything on the naive first manifest of story 001', () => {
    const findings = deploymentFindings(toDeploymentSummary(myapp));
    assert.deepEqual(ids(findings), [
      'missing-limits:myapp-container',
      'missing-liveness-probe:myapp-container',
      'missing-readiness-probe:myapp-container',
      'missing-requests:myapp-container',
      'single-replica',
    ]);
    const readiness = findings.find((f) => f.id.startsWith('missing-readiness'));
    assert.equal(readiness?.severity, 'warning');
    assert.match(readiness?.message ?? '', /requests fail during every rollout/);
    assert.equal(readiness?.container, 'myapp-container');
    assert.equal(findings.find((f) => f.id === 'single-replica')?.severity, 'warning');
    assert.equal(findings.find((f) => f.id.startsWith('missing-liveness'))?.severity, 'info');
  });

  it('checks each container on its own (story 004)', () => {
    const findings = deploymentFindings(toDeploymentSummary(zmq));
    assert.deepEqual(ids(findings), [
      'missing-limits:echo',
      'missing-limits:foobar',
      'missing-requests:echo',
    ]);
    const foobarLimits = findings.find((f) => f.id === 'missing-limits:foobar');
    assert.match(foobarLimits?.message ?? '', /no CPU limit/);
    assert.match(
      findings.find((f) => f.id === 'missing-requests:echo')?.message ?? '',
      /no CPU or memory request: .*HPA/,
    );
  });

  it('names a missing memory request alone', () => {
    const d = toDeploymentSummary(echo);
    const c = d.containers[0]!;
    const only = { ...d, containers: [{ ...c, requests: { cpuMilli: 100, memoryBytes: null } }] };
    const [finding] = deploymentFindings(only);
    assert.equal(finding?.id, 'missing-requests:echo');
    assert.match(finding?.message ?? '', /no memory request: .*evicted/);
  });

  it('lets an HPA decide the replica floor', () => {
    const d = toDeploymentSummary(echo);
    const hpa = toHpaSummary(cpuHpa);
    assert.deepEqual(deploymentFindings(d, { hpa }), [], 'HPA min 2');
    assert.deepEqual(ids(deploymentFindings(d, { hpa: { ...hpa, minReplicas: 1 } })), ['single-replica']);
    const one = { ...toDeploymentSummary(myapp) };
    assert.ok(!ids(deploymentFindings(one, { hpa })).includes('single-replica'), 'HPA keeps at least 2');
  });

  it('leaves a Deployment scaled to zero alone', () => {
    const d = { ...toDeploymentSummary(echo), desired: 0 };
    assert.deepEqual(deploymentFindings(d), []);
  });

  it('gives ids unique within a Deployment', () => {
    const findings = deploymentFindings(toDeploymentSummary(zmq));
    assert.equal(new Set(ids(findings)).size, findings.length);
  });
});
