import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BUSIEST_PER_GROUP,
  MAX_SERIES_POINTS,
  busiestPods,
  downsample,
  hpaSeries,
  podUsageSeries,
  readyReplicasByDeployment,
  recentPoints,
  replicaSeries,
  topPods,
} from '../../../lib/models/history';
import type { HistoryPoint, PodUsage } from '../../../lib/models/types';

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

describe('busiestPods (what a history sample keeps of a large namespace)', () => {
  const use = (pod: string, cpuMilli: number, memoryMb: number): PodUsage => ({
    pod,
    cpuMilli,
    memoryBytes: memoryMb * 2 ** 20,
    timestamp: '2026-03-02T09:00:00Z',
  });
  // 10,000 pods of one ReplicaSet, 3 of another, and a bare pod
  const big = Array.from({ length: 10_000 }, (_, i) =>
    use(`big-7d9f8c6b5-${String(i).padStart(5, '0')}`, i % 997, (i * 7) % 1009),
  );
  const small = [
    use('web-5c4b3a291-aaaaa', 5, 10),
    use('web-5c4b3a291-bbbbb', 1, 30),
    use('web-5c4b3a291-ccccc', 3, 20),
  ];
  const kept = busiestPods([...big, ...small, use('debug', 1, 1)]);
  const names = new Set(kept.map((u) => u.pod));

  it('keeps every pod of a small group, and a bare pod', () => {
    for (const u of small) assert.ok(names.has(u.pod), u.pod);
    assert.ok(names.has('debug'));
  });

  it('keeps at most the busiest by CPU and the busiest by memory of a large group', () => {
    const fromBig = kept.filter((u) => u.pod.startsWith('big-'));
    assert.ok(
      fromBig.length >= BUSIEST_PER_GROUP && fromBig.length <= 2 * BUSIEST_PER_GROUP,
      String(fromBig.length),
    );
    const topCpu = [...big]
      .sort((a, b) => b.cpuMilli - a.cpuMilli || a.pod.localeCompare(b.pod))
      .slice(0, BUSIEST_PER_GROUP);
    const topMemory = [...big]
      .sort((a, b) => b.memoryBytes - a.memoryBytes || a.pod.localeCompare(b.pod))
      .slice(0, BUSIEST_PER_GROUP);
    for (const u of [...topCpu, ...topMemory]) assert.ok(names.has(u.pod), u.pod);
  });

  it('gives the usage chart the same 10 busiest pods it would draw from every pod', () => {
    const point = (usage: readonly PodUsage[]): HistoryPoint => ({
      t: T0,
      deployments: {},
      hpas: {},
      pods: Object.fromEntries(
        usage.map((u) => [u.pod, { cpuMilli: u.cpuMilli, memoryBytes: u.memoryBytes }]),
      ),
    });
    for (const metric of ['cpu', 'memory'] as const)
      assert.deepEqual(topPods([point(kept)], metric, 10), topPods([point([...big, ...small])], metric, 10));
  });
});
