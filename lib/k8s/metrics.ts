import 'server-only';
import { toPodUsage, type RawPodMetrics } from '../models/pod-metrics';
import type { PodUsage } from '../models/types';
import { k8sRequest } from './client';

// Pod CPU/memory from metrics.k8s.io. metrics-server has no watch, so one shared poll loop per
// namespace serves every open tab; it runs only while someone listens. metrics-server refreshes
// every 10-15 s, so polling faster would only re-read the same sample.

type Listener = (usage: PodUsage[]) => void;

interface Poller {
  listeners: Set<Listener>;
  timer: NodeJS.Timeout | null;
  last: PodUsage[] | null;
  /** why the last poll failed (metrics API missing, forbidden); null when it worked */
  error: string | null;
}

export const METRICS_INTERVAL_MS = Number(process.env.PODIUM_METRICS_INTERVAL_MS ?? 10_000);

const g = globalThis as typeof globalThis & { __podiumMetrics?: Map<string, Poller> };
const pollers = (g.__podiumMetrics ??= new Map());

export async function listPodUsage(namespace: string): Promise<PodUsage[]> {
  const list = await k8sRequest<{ items: RawPodMetrics[] }>(
    `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`,
    { what: 'read pod metrics' },
  );
  return list.items.map(toPodUsage);
}

export function subscribeUsage(namespace: string, listener: Listener): () => void {
  let p = pollers.get(namespace);
  if (!p) {
    p = { listeners: new Set(), timer: null, last: null, error: null };
    pollers.set(namespace, p);
    const poller = p;
    const tick = async () => {
      try {
        poller.last = await listPodUsage(namespace);
        poller.error = null;
        for (const l of poller.listeners) l(poller.last);
      } catch (err) {
        poller.error = (err as Error).message;
      }
      if (poller.listeners.size > 0) {
        poller.timer = setTimeout(tick, METRICS_INTERVAL_MS);
        poller.timer.unref();
      } else pollers.delete(namespace);
    };
    void tick();
  }
  p.listeners.add(listener);
  if (p.last) listener(p.last);
  const poller = p;
  return () => {
    poller.listeners.delete(listener);
  };
}

export function latestUsage(namespace: string): PodUsage[] | null {
  return pollers.get(namespace)?.last ?? null;
}

/** Why the namespace's last metrics poll failed (metrics API missing, forbidden); null when it worked. */
export function usageError(namespace: string): string | null {
  return pollers.get(namespace)?.error ?? null;
}
