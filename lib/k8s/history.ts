import 'server-only';
import type { DeploymentSummary, HistoryPoint, HpaSummary, PodUsage } from '../models/types';
import { busiestPods } from '../models/history';
import { subscribeUsage, usageError } from './metrics';
import { currentItems, subscribe } from './watch-hub';

// The namespace's recent past, for the charts: replicas per deployment, HPA utilization vs target,
// per-pod CPU/memory of each ReplicaSet's busiest pods (busiestPods in lib/models/history.ts).
// Sampled on the server so that a tab opened mid-demo (a student's laptop) sees the same curve as
// the teacher's, and kept while the server runs, bounded.

export type HistoryEvent =
  { type: 'history'; points: HistoryPoint[] } | { type: 'sample'; point: HistoryPoint };
type Listener = (event: HistoryEvent) => void;

export const SAMPLE_MS = Number(process.env.PODIUM_HISTORY_SAMPLE_MS ?? 5_000);
/** One hour at the default 5 s: enough for the HPA's 5-minute scale-down window, a few hundred points. */
export const MAX_POINTS = 720;

interface Recorder {
  points: HistoryPoint[];
  listeners: Set<Listener>;
  usage: PodUsage[];
  stop: (() => void) | null;
}

const g = globalThis as typeof globalThis & { __podiumHistory?: Map<string, Recorder> };
const recorders = (g.__podiumHistory ??= new Map());

export function samplePoint(
  t: number,
  deployments: DeploymentSummary[],
  hpas: HpaSummary[],
  usage: PodUsage[],
  metricsError: string | null = null,
): HistoryPoint {
  const point: HistoryPoint = { t, deployments: {}, hpas: {}, pods: {} };
  // the browser's usage charts blame metrics-server only when this says the API failed
  if (metricsError) point.metricsError = metricsError;
  for (const d of deployments)
    point.deployments[d.name] = { desired: d.desired, ready: d.ready, updated: d.updated };
  for (const h of hpas) {
    const m = h.metrics[0];
    point.hpas[h.name] = {
      current: m?.current ?? null,
      target: m?.target ?? null,
      replicas: h.currentReplicas,
      desired: h.desiredReplicas,
    };
  }
  for (const u of busiestPods(usage))
    point.pods[u.pod] = { cpuMilli: u.cpuMilli, memoryBytes: u.memoryBytes };
  return point;
}

function start(namespace: string, rec: Recorder) {
  const noop = () => {};
  const unsubs = [
    subscribe('deployments', namespace, noop),
    subscribe('hpas', namespace, noop),
    subscribeUsage(namespace, (u) => (rec.usage = u)),
  ];
  const timer = setInterval(() => {
    const deployments = currentItems('deployments', namespace) as DeploymentSummary[] | null;
    const hpas = currentItems('hpas', namespace) as HpaSummary[] | null;
    if (!deployments || !hpas) return; // not synced yet (or the cluster is away): no fake zeros
    const failed = usageError(namespace);
    // while the metrics API fails, a gap in the usage lines rather than the last numbers repeated
    const point = samplePoint(Date.now(), deployments, hpas, failed ? [] : rec.usage, failed);
    rec.points.push(point);
    if (rec.points.length > MAX_POINTS) rec.points.splice(0, rec.points.length - MAX_POINTS);
    for (const l of rec.listeners) l({ type: 'sample', point });
  }, SAMPLE_MS);
  timer.unref();
  rec.stop = () => {
    clearInterval(timer);
    for (const u of unsubs) u();
    rec.stop = null;
  };
}

export function subscribeHistory(namespace: string, listener: Listener): () => void {
  let rec = recorders.get(namespace);
  if (!rec) {
    rec = { points: [], listeners: new Set(), usage: [], stop: null };
    recorders.set(namespace, rec);
  }
  if (!rec.stop) start(namespace, rec);
  rec.listeners.add(listener);
  listener({ type: 'history', points: rec.points });
  const r = rec;
  return () => {
    r.listeners.delete(listener);
    if (r.listeners.size === 0) r.stop?.();
  };
}
