import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryPoint } from '@/lib/models/types';
import {
  downsample,
  hpaSeries,
  replicaSeries,
  spanMs,
  topPods,
  usageSeries,
} from '@/components/charts/series';
import { formatClock } from '@/components/ui/time';

function point(t: number, pods: Record<string, number> = {}): HistoryPoint {
  return {
    t,
    deployments: { web: { desired: 3, ready: t > 1000 ? 3 : 1, updated: 3 } },
    hpas: { web: { current: 80, target: 50, replicas: 3, desired: 5 } },
    pods: Object.fromEntries(
      Object.entries(pods).map(([name, cpu]) => [name, { cpuMilli: cpu, memoryBytes: cpu * 1024 }]),
    ),
  };
}

describe('downsample', () => {
  it('keeps short series whole', () => {
    assert.deepEqual(downsample([1, 2, 3], 5), [1, 2, 3]);
  });
  it('caps long series and always keeps the newest point', () => {
    const points = Array.from({ length: 720 }, (_, i) => i);
    const out = downsample(points, 300);
    assert.ok(out.length <= 300, `got ${out.length}`);
    assert.equal(out[out.length - 1], 719);
    assert.deepEqual(
      [...out].sort((a, b) => a - b),
      out,
      'stays in time order',
    );
  });
});

describe('replicaSeries and hpaSeries', () => {
  it('reads one deployment and leaves gaps where it did not exist', () => {
    const history = [point(0), { ...point(500), deployments: {} }, point(2000)];
    assert.deepEqual(
      replicaSeries(history, 'web').map((r) => r.ready),
      [1, null, 3],
    );
  });
  it('reads one HPA', () => {
    assert.deepEqual(hpaSeries([point(0)], 'web'), [
      { t: 0, current: 80, target: 50, replicas: 3, desired: 5 },
    ]);
    assert.equal(hpaSeries([point(0)], 'other')[0]?.current, null);
  });
});

describe('topPods and usageSeries', () => {
  const history = Array.from({ length: 3 }, (_, i) =>
    point(
      i * 1000,
      Object.fromEntries(
        Array.from({ length: 12 }, (_, p) => [`web-x-p${String(p).padStart(2, '0')}`, p * 10 + i]),
      ),
    ),
  );
  it('keeps the ten busiest pods by their latest sample', () => {
    const top = topPods(history, 'cpu', 10);
    assert.equal(top.length, 10);
    assert.equal(top[0], 'web-x-p11');
    assert.ok(!top.includes('web-x-p00') && !top.includes('web-x-p01'));
  });
  it('restricts to the given pods', () => {
    assert.deepEqual(topPods(history, 'memory', 10, ['web-x-p03', 'gone']), ['web-x-p03']);
  });
  it('shapes one row per sample with a column per pod, pods sorted by name', () => {
    const { pods, rows } = usageSeries(history, 'cpu', { limit: 2 });
    assert.deepEqual(pods, ['web-x-p10', 'web-x-p11']);
    assert.deepEqual(rows[2], { t: 2000, 'web-x-p10': 102, 'web-x-p11': 112 });
  });
});

describe('time axis', () => {
  it('uses mm:ss under an hour and HH:mm beyond', () => {
    const t = new Date(2026, 0, 1, 14, 5, 9).getTime();
    assert.equal(formatClock(t, 10 * 60_000), '05:09');
    assert.equal(formatClock(t, 2 * 3_600_000), '14:05');
    assert.equal(spanMs([{ t: 10 }, { t: 70 }]), 60);
    assert.equal(spanMs([]), 0);
  });
});
