import 'server-only';
import type { ClusterStatus } from '../models/stream';
import { getCluster } from './client';
import type { K8sError } from './errors';

// Whether the API server answers, as seen by the watch hub: every list, event or bookmark reports
// success; every failed request reports failure. One shared state, pushed to every open stream.

type Listener = (status: ClusterStatus) => void;

/**
 * A cluster that was live and stops answering is "reconnecting" for this long, then "unreachable".
 * One that never answered since Podium started is "unreachable" at once: a wrong kubeconfig should
 * not look like a blip.
 */
const UNREACHABLE_AFTER_MS = Number(process.env.PODIUM_UNREACHABLE_AFTER_MS ?? 20_000);
let failingSince: number | null = null;

const g = globalThis as typeof globalThis & {
  __podiumHealth?: { status: ClusterStatus; listeners: Set<Listener> };
};

function state() {
  g.__podiumHealth ??= {
    status: { state: 'connecting', message: null, source: getCluster().source, lastEventAt: null },
    listeners: new Set(),
  };
  return g.__podiumHealth;
}

export function clusterStatus(): ClusterStatus {
  const s = state();
  const cluster = getCluster();
  if (cluster.error)
    return { ...s.status, state: 'unreachable', message: `${cluster.error} (tried ${cluster.source})` };
  return s.status;
}

export function onClusterStatus(listener: Listener): () => void {
  const s = state();
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}

function set(next: ClusterStatus) {
  const s = state();
  const prev = s.status;
  s.status = next;
  // lastEventAt alone changes constantly; the stream carries data age itself, so only push state changes.
  if (prev.state === next.state && prev.message === next.message) return;
  for (const l of s.listeners) l(next);
}

export function reportSuccess(): void {
  failingSince = null;
  const s = state().status;
  set({ ...s, state: 'live', message: null, lastEventAt: Date.now() });
}

export function reportFailure(err: K8sError): void {
  const s = state().status;
  const now = Date.now();
  failingSince ??= now;
  const neverLive = s.lastEventAt === null;
  const unreachable = err.status === 503 && (neverLive || now - failingSince >= UNREACHABLE_AFTER_MS);
  set({ ...s, state: unreachable ? 'unreachable' : 'reconnecting', message: err.message });
}
