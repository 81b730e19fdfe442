// The namespace history (HistoryPoint[], sampled by the server every few seconds) shaped into
// rows for recharts: one object per sample with a number (or null for a gap) per line.
// Bounded twice: a window of the most recent samples, then at most a few hundred points per
// series, so the live charts stay smooth on a classroom projector's laptop.
import type { HistoryPoint, PodUsage } from './types';

/** recharts draws a few hundred points per line without effort; more only costs frames. */
export const MAX_SERIES_POINTS = 300;

export interface SeriesWindow {
  /** keep only the most recent samples (e.g. 120 = 10 minutes at 5 s) */
  lastPoints?: number;
  /** at most this many rows, capped at MAX_SERIES_POINTS */
  maxPoints?: number;
}

export type TimeRow = { t: number } & Record<string, number | null>;

/** Every k-th sample so that at most `max` remain, counted back from the newest so "now" stays. */
export function downsample<T>(points: readonly T[], max = MAX_SERIES_POINTS): T[] {
  const limit = Math.max(1, Math.floor(max));
  if (points.length <= limit) return [...points];
  const step = Math.ceil(points.length / limit);
  const out: T[] = [];
  for (let i = points.length - 1; i >= 0; i -= step) out.push(points[i] as T);
  return out.reverse();
}

/** The samples a chart draws: time-ordered, the last `lastPoints`, thinned to `maxPoints`. */
export function recentPoints(history: readonly HistoryPoint[], window: SeriesWindow = {}): HistoryPoint[] {
  const ordered = history.every((p, i) => i === 0 || (history[i - 1]?.t ?? -Infinity) <= p.t)
    ? history
    : [...history].sort((a, b) => a.t - b.t);
  const last = window.lastPoints === undefined ? ordered : ordered.slice(-Math.max(1, window.lastPoints));
  return downsample(last, Math.min(window.maxPoints ?? MAX_SERIES_POINTS, MAX_SERIES_POINTS));
}

export interface ReplicaRow {
  t: number;
  desired: number | null;
  ready: number | null;
  updated: number | null;
}

/** Desired, ready and up-to-date replicas of one Deployment; gaps where it did not exist. */
export function replicaSeries(
  history: readonly HistoryPoint[],
  deployment: string,
  window?: SeriesWindow,
): ReplicaRow[] {
  return recentPoints(history, window).map((p) => {
    const d = p.deployments[deployment];
    return { t: p.t, desired: d?.desired ?? null, ready: d?.ready ?? null, updated: d?.updated ?? null };
  });
}

/** Ready replicas of every Deployment in one chart (scaling 1 → 6 → 2, story 002). */
export function readyReplicasByDeployment(
  history: readonly HistoryPoint[],
  window?: SeriesWindow,
): { deployments: string[]; rows: TimeRow[] } {
  const points = recentPoints(history, window);
  const deployments = [...new Set(points.flatMap((p) => Object.keys(p.deployments)))].sort();
  const rows = points.map((p) => {
    const row: TimeRow = { t: p.t };
    for (const name of deployments) row[name] = p.deployments[name]?.ready ?? null;
    return row;
  });
  return { deployments, rows };
}

export interface HpaRow {
  t: number;
  /** utilization % (or the first metric's value), null while metrics are missing */
  current: number | null;
  target: number | null;
  replicas: number | null;
  desired: number | null;
}

/** An HPA's measured metric against its target, with the replicas it ran and asked for. */
export function hpaSeries(history: readonly HistoryPoint[], hpa: string, window?: SeriesWindow): HpaRow[] {
  return recentPoints(history, window).map((p) => {
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

/** The usage charts draw the 10 busiest pods (8 on the projector): a sample keeps that many per group. */
export const BUSIEST_PER_GROUP = 10;

/** A pod's group for the history: its name without the generated suffix (<replicaset>-<suffix>). */
function groupOf(pod: string): string {
  const dash = pod.lastIndexOf('-');
  return dash > 0 ? pod.slice(0, dash) : pod;
}

/**
 * The pods a history sample keeps: in each group (a ReplicaSet's pods, by name), the `perGroup`
 * busiest by CPU and the `perGroup` busiest by memory. A namespace of 10,000 pods would otherwise
 * put 10,000 entries into every sample (an hour of samples: 7 million), and into every tab's stream.
 */
export function busiestPods(usage: readonly PodUsage[], perGroup = BUSIEST_PER_GROUP): PodUsage[] {
  const groups = new Map<string, PodUsage[]>();
  for (const u of usage) {
    const key = groupOf(u.pod);
    const g = groups.get(key);
    if (g) g.push(u);
    else groups.set(key, [u]);
  }
  const kept: PodUsage[] = [];
  for (const g of groups.values()) {
    if (g.length <= perGroup) {
      kept.push(...g);
      continue;
    }
    const byName = (a: PodUsage, b: PodUsage) => a.pod.localeCompare(b.pod);
    const cpu = [...g].sort((a, b) => b.cpuMilli - a.cpuMilli || byName(a, b)).slice(0, perGroup);
    const memory = [...g].sort((a, b) => b.memoryBytes - a.memoryBytes || byName(a, b)).slice(0, perGroup);
    kept.push(...new Set([...cpu, ...memory]));
  }
  return kept;
}

function usage(point: HistoryPoint, pod: string, metric: UsageMetric): number | null {
  const u = point.pods[pod];
  if (!u) return null;
  return metric === 'cpu' ? u.cpuMilli : u.memoryBytes;
}

/**
 * The `limit` busiest pods by their latest sample within the points given (so pods deleted
 * long ago drop out), among `only` when given. Ties broken by name.
 */
export function topPods(
  points: readonly HistoryPoint[],
  metric: UsageMetric,
  limit = 5,
  only?: readonly string[],
): string[] {
  const latest = new Map<string, number>();
  for (const p of points) for (const pod of Object.keys(p.pods)) latest.set(pod, usage(p, pod, metric) ?? 0);
  const allowed = only ? new Set(only) : null;
  return [...latest]
    .filter(([pod]) => !allowed || allowed.has(pod))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, Math.max(0, limit))
    .map(([pod]) => pod);
}

export interface UsageSeries {
  /** pods drawn, sorted by name so each keeps its colour as the ranking changes */
  pods: string[];
  /** millicores or bytes per pod, null while a pod has no sample */
  rows: TimeRow[];
}

/** Per-pod CPU (millicores) or memory (bytes) over time for the top pods. */
export function podUsageSeries(
  history: readonly HistoryPoint[],
  metric: UsageMetric,
  options: SeriesWindow & { limit?: number; pods?: readonly string[] } = {},
): UsageSeries {
  const points = recentPoints(history, options);
  const pods = topPods(points, metric, options.limit, options.pods).sort();
  const rows = points.map((p) => {
    const row: TimeRow = { t: p.t };
    for (const pod of pods) row[pod] = usage(p, pod, metric);
    return row;
  });
  return { pods, rows };
}
