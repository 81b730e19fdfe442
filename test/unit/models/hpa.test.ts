import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  desiredReplicas,
  explainHpa,
  governingProposal,
  toHpaSummary,
  utilization,
  type DesiredReplicasInput,
} from '../../../lib/models/hpa';
import type { HpaSummary } from '../../../lib/models/types';
import cpuHpa from '../../fixtures/k8s/hpa-echo-cpu.json' with { type: 'json' };
import multiHpa from '../../fixtures/k8s/hpa-zmq-echo-multi.json' with { type: 'json' };

describe('toHpaSummary (story 002: min 2, max 6, 50 % CPU)', () => {
  const hpa = toHpaSummary(cpuHpa);

  it('reads target, bounds and replica counts', () => {
    assert.deepEqual(hpa.target, { kind: 'Deployment', name: 'echo', apiVersion: 'apps/v1' });
    assert.deepEqual(
      [hpa.minReplicas, hpa.maxReplicas, hpa.currentReplicas, hpa.desiredReplicas],
      [2, 6, 3, 5],
    );
    assert.equal(hpa.lastScaleTime, '2026-03-02T09:05:40Z');
  });

  it('pairs the CPU target with the measured utilization', () => {
    assert.deepEqual(hpa.metrics, [
      {
        type: 'Resource',
        name: 'cpu',
        targetType: 'Utilization',
        target: 50,
        current: 80,
        currentAverageValue: 0.08,
      },
    ]);
  });

  it('uses the default stabilization windows without behavior', () => {
    assert.equal(hpa.scaleDownStabilizationSeconds, 300);
    assert.equal(hpa.scaleUpStabilizationSeconds, 0);
  });

  it('keeps the controller’s conditions', () => {
    assert.deepEqual(
      hpa.conditions.map((c) => `${c.type}=${c.status}`),
      ['AbleToScale=True', 'ScalingActive=True', 'ScalingLimited=False'],
    );
  });
});

describe('toHpaSummary with every metric type', () => {
  const hpa = toHpaSummary(multiHpa);
  const [echoCpu, foobarCpu, memory, pods, object, external] = hpa.metrics;

  it('matches status to spec by type, name and container, whatever the order', () => {
    assert.deepEqual([echoCpu?.name, echoCpu?.current, echoCpu?.target], ['cpu', 90, 60]);
    assert.deepEqual([foobarCpu?.current, foobarCpu?.target], [64, 70]);
    assert.equal(foobarCpu?.currentAverageValue, 0.161);
  });

  it('reads quantities in base units', () => {
    assert.deepEqual(
      [memory?.targetType, memory?.target, memory?.current],
      ['AverageValue', 104_857_600, 87_556_096],
    );
    assert.deepEqual([pods?.name, pods?.target, pods?.current], ['echo_requests_per_second', 10, 12.5]);
    assert.deepEqual(
      [object?.name, object?.targetType, object?.target, object?.current],
      ['requests-per-second', 'Value', 2000, 1500],
    );
  });

  it('leaves a metric the controller could not fetch without a current value', () => {
    assert.deepEqual(
      [external?.type, external?.name, external?.target, external?.current],
      ['External', 'queue_messages_ready', 30, null],
    );
  });

  it('reads explicit stabilization windows', () => {
    assert.equal(hpa.scaleDownStabilizationSeconds, 60);
    assert.equal(hpa.scaleUpStabilizationSeconds, 30);
  });

  it('defaults to 80 % CPU when no metric is given, like the API server', () => {
    const bare = toHpaSummary({ spec: { maxReplicas: 4 } });
    assert.deepEqual(bare.metrics, [
      {
        type: 'Resource',
        name: 'cpu',
        targetType: 'Utilization',
        target: 80,
        current: null,
        currentAverageValue: null,
      },
    ]);
    assert.equal(bare.minReplicas, 1);
  });
});

describe('desiredReplicas: the HPA formula', () => {
  const base: DesiredReplicasInput = {
    currentReplicas: 3,
    currentMetric: 80,
    targetMetric: 50,
    minReplicas: 1,
    maxReplicas: 10,
  };

  it('ceil(3 × 80 / 50) = ceil(4.8) = 5', () => {
    const r = desiredReplicas(base);
    assert.deepEqual([r.desired, r.raw, r.ratio, r.withinTolerance, r.clamped], [5, 5, 1.6, false, null]);
  });

  it('story 003: 3 pods at 160 % against 80 % become 6', () => {
    assert.equal(desiredReplicas({ ...base, currentMetric: 160, targetMetric: 80 }).desired, 6);
  });

  it('scales down below target', () => {
    const r = desiredReplicas({ ...base, currentReplicas: 6, currentMetric: 20 });
    assert.deepEqual([r.desired, r.raw], [3, 3]);
    assert.equal(r.reason, 'below target');
  });

  describe('tolerance band (default 10 %)', () => {
    it('no change inside 1 ± 0.1', () => {
      for (const current of [45, 46, 50, 54]) {
        const r = desiredReplicas({ ...base, currentMetric: current });
        assert.equal(r.desired, 3, `${current} %`);
        assert.equal(r.withinTolerance, true, `${current} %`);
      }
      // the raw formula would have moved: ceil(3 × 1.08) = 4
      assert.equal(desiredReplicas({ ...base, currentMetric: 54 }).raw, 4);
    });

    it('scales just outside it', () => {
      assert.equal(desiredReplicas({ ...base, currentMetric: 56 }).desired, 4);
      assert.equal(
        desiredReplicas({ ...base, currentMetric: 44 }).desired,
        3,
        'ceil(2.64) = 3: outside, but no smaller',
      );
      assert.equal(desiredReplicas({ ...base, currentMetric: 44 }).withinTolerance, false);
      assert.equal(desiredReplicas({ ...base, currentMetric: 30 }).desired, 2);
    });

    it('matches the controller’s floating point at the edge: 55/50 is not within 0.1', () => {
      const r = desiredReplicas({ ...base, currentMetric: 55 });
      assert.equal(r.withinTolerance, false);
      assert.equal(r.desired, 4);
      assert.equal(desiredReplicas({ ...base, currentMetric: 45 }).withinTolerance, true);
    });

    it('takes a custom tolerance', () => {
      assert.equal(desiredReplicas({ ...base, currentMetric: 60, tolerance: 0.25 }).desired, 3);
      assert.equal(desiredReplicas({ ...base, currentMetric: 54, tolerance: 0 }).desired, 4);
    });
  });

  describe('clamping', () => {
    it('to maxReplicas', () => {
      const r = desiredReplicas({ ...base, maxReplicas: 4 });
      assert.deepEqual([r.desired, r.raw, r.clamped], [4, 5, 'max']);
    });

    it('to minReplicas', () => {
      const r = desiredReplicas({ ...base, currentMetric: 5, minReplicas: 2 });
      assert.deepEqual([r.desired, r.raw, r.clamped], [2, 1, 'min']);
    });

    it('before looking at metrics when the current count is out of range', () => {
      assert.deepEqual(
        [
          desiredReplicas({ ...base, currentReplicas: 12, currentMetric: null }).desired,
          desiredReplicas({ ...base, currentReplicas: 12 }).clamped,
        ],
        [10, 'max'],
      );
      const low = desiredReplicas({ ...base, currentReplicas: 1, minReplicas: 2, currentMetric: 50 });
      assert.deepEqual([low.desired, low.clamped], [2, 'min']);
    });
  });

  it('does nothing when the target is scaled to zero', () => {
    const r = desiredReplicas({ ...base, currentReplicas: 0 });
    assert.equal(r.desired, 0);
    assert.equal(r.clamped, null);
    assert.match(r.reason, /disabled/);
  });

  it('keeps the current count while a metric is missing', () => {
    for (const partial of [{ currentMetric: null }, { targetMetric: null }, { targetMetric: 0 }]) {
      const r = desiredReplicas({ ...base, ...partial });
      assert.deepEqual([r.desired, r.raw, r.ratio, r.withinTolerance], [3, null, null, false]);
    }
  });
});

describe('utilization as the HPA computes it', () => {
  it('is sum of usage over sum of requests, not the mean of per-pod ratios', () => {
    // pods at 100 % of 100m and 0 % of 300m: mean of ratios would be 50 %, the HPA says 25 %
    assert.equal(utilization([100, 0], [100, 300]), 25);
  });

  it('truncates to an integer percent', () => {
    assert.equal(utilization([1], [3]), 33);
    assert.equal(utilization([80, 90, 70], [100, 100, 100]), 80);
    assert.equal(utilization([1, 1, 1, 1], [4, 4, 4, 4]), 25, 'story 003: 1m of 4m');
  });

  it('is null without pods, with mismatched lists or a missing request', () => {
    assert.equal(utilization([], []), null);
    assert.equal(utilization([10], [10, 20]), null);
    assert.equal(utilization([10, 20], [10, 0]), null);
  });
});

describe('explainHpa', () => {
  const hpa = toHpaSummary(cpuHpa);
  const withCpu = (current: number | null, patch: Partial<HpaSummary> = {}): HpaSummary => ({
    ...hpa,
    ...patch,
    metrics: [{ ...hpa.metrics[0]!, current }],
  });

  it('writes the formula with live numbers', () => {
    assert.equal(explainHpa(hpa), 'desired = ceil(3 × 80 % / 50 %) = ceil(4.8) = 5');
  });

  it('says when max clamps it', () => {
    assert.equal(
      explainHpa(withCpu(80, { maxReplicas: 4 })),
      'desired = ceil(3 × 80 % / 50 %) = ceil(4.8) = 5 → clamped to max 4',
    );
    assert.equal(
      explainHpa(withCpu(10)),
      'desired = ceil(3 × 10 % / 50 %) = ceil(0.6) = 1 → clamped to min 2',
    );
  });

  it('says when the tolerance holds it', () => {
    assert.equal(
      explainHpa(withCpu(54)),
      'desired = ceil(3 × 54 % / 50 %) = ceil(3.24) = 4, but ratio 1.08 is within the 10 % tolerance → stays 3',
    );
  });

  it('never shows a rounded product that contradicts the ceiling', () => {
    const line = explainHpa(withCpu(66.67, { currentReplicas: 3, maxReplicas: 10 }));
    assert.match(line, /ceil\(4\.0002\) = 5$/);
  });

  it('explains zero replicas, missing metrics and out-of-range counts', () => {
    assert.equal(
      explainHpa(withCpu(80, { currentReplicas: 0 })),
      'desired = 0: scaling is disabled while the target has 0 replicas',
    );
    assert.equal(explainHpa(withCpu(null)), 'desired = 3: waiting for cpu metrics');
    assert.equal(explainHpa(withCpu(80, { currentReplicas: 8 })), 'desired = 6: 8 replicas are above max 6');
    assert.equal(explainHpa({ ...hpa, metrics: [] }), 'desired = 3: the HPA has no metrics');
  });

  it('follows the metric asking for the most replicas, in its units', () => {
    const multi = toHpaSummary(multiHpa);
    const governing = governingProposal(multi);
    assert.equal(governing?.metric.name, 'cpu');
    assert.equal(governing?.result.desired, 5);
    assert.equal(explainHpa(multi), 'desired = ceil(3 × 90 % / 60 %) = ceil(4.5) = 5');
    const memoryOnly = { ...multi, metrics: multi.metrics.filter((m) => m.name === 'memory') };
    assert.equal(explainHpa(memoryOnly), 'desired = ceil(3 × 83.5Mi / 100Mi) = ceil(2.5) = 3');
    const cpuValue = {
      ...multi,
      metrics: [
        {
          type: 'Resource',
          name: 'cpu',
          targetType: 'AverageValue',
          target: 0.2,
          current: 0.45,
          currentAverageValue: 0.45,
        },
      ],
    };
    assert.equal(explainHpa(cpuValue), 'desired = ceil(3 × 450m / 200m) = ceil(6.75) = 7');
  });
});
