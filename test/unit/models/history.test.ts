import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_SERIES_POINTS,
  downsample,
  hpaSeries,
  podUsageSeries,
  readyReplicasByDeployment,
  recentPoints,
  replicaSeries,
  topPods,
} from '../../../lib/models/history';
import type { HistoryPoint } from '../../../lib/models/types';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const STEP = 5_000;

/**
 * Story 002 over one hour at 5 s: siege starts at sample 100, the HPA scales echo 2 → 6,
 * the load stops at sample 400 and five minutes later (60 samples) it scales back to 2.
 */
function storyHistory(samples = 720): HistoryPoint[] {
  return Array.from({ length: samples }, (_, i) => {
    const loaded = i >= 100 && i < 400;
    const replicas = i < 110 ? 2 : i < 460 ? 6 : 2;
    const pods: HistoryPoint['pods'] = {};
    for (let p = 0; p < replicas; p++) {
      pods[`echo-6f7d8c9b5d-p${p}`] = { cpuMilli: loaded ? 80 + p : 2, memoryBytes: (40 + p) * 2 ** 20 };
    }
    if (i < 50) pods['echo-old-gone'] = { cpuMilli: 900, memoryBytes: 2 ** 30 };
    return {
      t: T0 + i * STEP,
      deployments: {
        echo: { desired: replicas, ready: replicas, updated: replicas },
        ...(i >= 600 ? { api: { desired: 1, ready: 0, updated: 1 } } : {}),
      },
      hpas: { echo: { current: loaded ? 160 : 4, target: 50, replicas, desired: replicas } },
      pods,
    };
  });
}

describe('downsample', () => {
  it('keeps at most max points, always the newest', () => {
    const points = Array.from({ length: 720 }, (_, i) => i);
    const out = downsample(points, 300);
    assert.ok(out.length <= 300);
    assert.equal(out.at(-1), 719);
    assert.deepEqual(out.slice(-3), [713, 716, 719]);
  });

  it('returns a copy when already small, and survives silly limits', () => {
    const points = [1, 2, 3];
    const out = downsample(points, 10);
    assert.deepEqual(out, points);
    assert.notEqual(out, points);
    assert.deepEqual(downsample(points, 0), [3]);
  });
});

describe('recentPoints', () => {
  const history = storyHistory();

  it('caps at a few hundred points whatever is asked', () => {
    assert.ok(recentPoints(history).length <= MAX_SERIES_POINTS);
    assert.ok(recentPoints(history, { maxPoints: 10_000 }).length <= MAX_SERIES_POINTS);
    assert.equal(recentPoints(history, { maxPoints: 50 }).length, 48);
  });

  it('keeps only the last N samples', () => {
    const last = recentPoints(history, { lastPoints: 120 });
    assert.equal(last.length, 120);
    assert.equal(last[0]?.t, T0 + 600 * STEP);
    assert.equal(last.at(-1)?.t, T0 + 719 * STEP);
  });

  it('orders samples that arrived out of order', () => {
    const shuffled = [history[2]!, history[0]!, history[1]!];
    assert.deepEqual(
      recentPoints(shuffled).map((p) => p.t),
      [T0, T0 + STEP, T0 + 2 * STEP],
    );
  });
});

describe('replica series', () => {
  const history = storyHistory();

  it('shows one Deployment scaling 2 → 6 → 2', () => {
    const rows = replicaSeries(history, 'echo', { lastPoints: 720, maxPoints: 720 });
    assert.deepEqual(new Set(rows.map((r) => r.ready)), new Set([2, 6]));
    assert.equal(rows[0]?.desired, 2);
    assert.equal(rows.find((r) => r.t === T0 + 200 * STEP)?.ready, 6);
    assert.equal(rows.at(-1)?.ready, 2);
  });

  it('leaves gaps (null) where a Deployment did not exist yet', () => {
    const rows = replicaSeries(history, 'api');
    assert.equal(rows[0]?.ready, null);
    assert.equal(rows.at(-1)?.ready, 0);
    assert.equal(rows.at(-1)?.desired, 1);
  });

  it('puts every Deployment in one chart', () => {
    const { deployments, rows } = readyReplicasByDeployment(history, { lastPoints: 200 });
    assert.deepEqual(deployments, ['api', 'echo']);
    assert.equal(rows[0]?.api, null);
    assert.equal(rows.at(-1)?.echo, 2);
  });
});

describe('hpaSeries', () => {
  it('shows utilization against target, and the replicas', () => {
    const rows = hpaSeries(storyHistory(), 'echo');
    const peak = rows.find((r) => r.current === 160);
    assert.equal(peak?.target, 50);
    assert.equal(rows.at(-1)?.current, 4);
    assert.equal(rows.at(-1)?.replicas, 2);
    assert.deepEqual(hpaSeries(storyHistory(3), 'nope')[0], {
      t: T0,
      current: null,
      target: null,
      replicas: null,
      desired: null,
    });
  });
});

describe('pod usage', () => {
  const history = storyHistory();

  it('draws the top pods by their latest sample in the window', () => {
    const window = recentPoints(history, { lastPoints: 400 });
    assert.deepEqual(topPods(window, 'cpu', 2), ['echo-6f7d8c9b5d-p0', 'echo-6f7d8c9b5d-p1']);
    // over the whole hour the long-gone pod's last sample was the biggest
    assert.equal(topPods(history, 'cpu', 1)[0], 'echo-old-gone');
    assert.deepEqual(topPods(window, 'memory', 1), ['echo-6f7d8c9b5d-p5']);
  });

  it('limits pods and points, and sorts pods by name for stable colours', () => {
    const series = podUsageSeries(history, 'cpu', { limit: 3, lastPoints: 400 });
    assert.equal(series.pods.length, 3);
    assert.deepEqual(series.pods, [...series.pods].sort());
    assert.ok(series.rows.length <= MAX_SERIES_POINTS);
    const loadedRow = series.rows.find((r) => r.t === T0 + 399 * STEP);
    assert.equal(loadedRow?.['echo-6f7d8c9b5d-p0'], 80);
  });

  it('restricts to the pods asked for and reports gaps as null', () => {
    const series = podUsageSeries(history, 'memory', {
      pods: ['echo-6f7d8c9b5d-p5'],
      maxPoints: 720,
      lastPoints: 720,
    });
    assert.deepEqual(series.pods, ['echo-6f7d8c9b5d-p5']);
    assert.equal(series.rows[0]?.['echo-6f7d8c9b5d-p5'], null, 'not running at the start');
    assert.equal(series.rows.find((r) => r.t === T0 + 200 * STEP)?.['echo-6f7d8c9b5d-p5'], 45 * 2 ** 20);
  });

  it('is empty for an empty history', () => {
    assert.deepEqual(podUsageSeries([], 'cpu'), { pods: [], rows: [] });
  });
});
