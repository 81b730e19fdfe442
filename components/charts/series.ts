// Pure shaping of the namespace history (lib/k8s/history.ts samples it every few seconds, up to
// 720 points) into the rows each chart draws. No React or recharts here, so tests import it.
import type { HistoryPoint } from '@/lib/models/types';

/** Charts stay fast and readable with a few hundred points per series. */
export const MAX_CHART_POINTS = 300;

/** Every k-th point so that at most `max` remain; the newest point is always kept. */
export function downsample<T>(points: readonly T[], max = MAX_CHART_POINTS): T[] {
  if (points.length <= max) return [...points];
  const step = Math.ceil(points.length / max);
  const out: T[] = [];
  // count back from the end so the last sample (what the class sees right now) stays
  for (let i = points.length - 1; i >= 0; i -= step) out.push(points[i] as T);
  return out.reverse();
}

export interface ReplicaRow {
  t: number;
  desired: number | null;
  ready: number | null;
  updated: number | null;
}

/** Desired, ready and up-to-date replicas of one Deployment; gaps where it did not exist. */
export function replicaSeries(history: readonly HistoryPoint[], deployment: string): ReplicaRow[] {
  return downsample(history).map((p) => {
    const d = p.deployments[deployment];
    return { t: p.t, desired: d?.desired ?? null, ready: d?.ready ?? null, updated: d?.updated ?? null };
  });
}

export interface HpaRow {
  t: number;
  /** utilization %, null while metrics are missing */
  current: number | null;
  target: number | null;
  replicas: number | null;
  desired: number | null;
}

export function hpaSeries(history: readonly HistoryPoint[], hpa: string): HpaRow[] {
  return downsample(history).map((p) => {
    const h = p.hpas[hpa];
    return {
      t: p.t,
      current: h?.current ?? null,
      target: h?.target ?? null,
      replicas: h?.replicas ?? null,
      desired: h?.desired ?? null,
    };
  });
}

export type UsageMetric = 'cpu' | 'memory';

export interface UsageSeries {
  /** pod names drawn, in natural name order so colours stay put */
  pods: string[];
  /** one row per sample: t plus a value per pod (millicores or bytes), null when absent */
  rows: (Record<string, number | null> & { t: number })[];
}

function value(point: HistoryPoint, pod: string, metric: UsageMetric): number | null {
  const u = point.pods[pod];
  if (!u) return null;
  return metric === 'cpu' ? u.cpuMilli : u.memoryBytes;
}

/**
 * The `limit` busiest pods by their latest sample (the pods people are looking at now), among
 * `only` when given (the deployment's current pods). Ties broken by name.
 */
export function topPods(
  history: readonly HistoryPoint[],
  metric: UsageMetric,
  limit = 10,
  only?: readonly string[],
): string[] {
  const latest = new Map<string, number>();
  for (const point of history) {
    for (const pod of Object.keys(point.pods)) latest.set(pod, value(point, pod, metric) ?? 0);
  }
  const allowed = only ? new Set(only) : null;
  return [...latest.entries()]
    .filter(([pod]) => !allowed || allowed.has(pod))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([pod]) => pod);
}

/** Per-pod CPU or memory over time for the top `limit` pods. */
export function usageSeries(
  history: readonly HistoryPoint[],
  metric: UsageMetric,
  options: { limit?: number; pods?: readonly string[] } = {},
): UsageSeries {
  const pods = topPods(history, metric, options.limit ?? 10, options.pods).sort((a, b) =>
    a.localeCompare(b, undefined, { numeric: true }),
  );
  const rows = downsample(history).map((p) => {
    const row: Record<string, number | null> & { t: number } = { t: p.t };
    for (const pod of pods) row[pod] = value(p, pod, metric);
    return row;
  });
  return { pods, rows };
}

/** Milliseconds between the first and the last row, to choose mm:ss or HH:mm ticks. */
export function spanMs(rows: readonly { t: number }[]): number {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first && last ? last.t - first.t : 0;
}
