import 'server-only';
import type { RawContainerStatus, RawTerminated } from '../../models/pod-status';
import { K8sError } from '../errors';
import { getPod } from './upstream';

// How a container's log stream ended: the container exited (its exit code and reason, from the
// pod's status: the current state if it stays down, the last state if it already restarted), the
// pod is gone, or neither (the API server closed a stream under a running container).

export interface Termination {
  exitCode: number | null;
  reason: string | null;
  finishedAt: string | null;
}

function toTermination(t: RawTerminated | undefined): Termination | null {
  if (!t) return null;
  const at = t.finishedAt as unknown;
  return {
    exitCode: t.exitCode ?? null,
    reason: t.reason || null,
    finishedAt: at instanceof Date ? at.toISOString() : typeof at === 'string' ? at : null,
  };
}

export function containerStatus(
  pod: {
    status?: { containerStatuses?: RawContainerStatus[]; initContainerStatuses?: RawContainerStatus[] };
  },
  container: string,
): RawContainerStatus | undefined {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return all.find((s) => s.name === container);
}

export async function terminationAfter(
  ns: string,
  pod: string,
  container: string,
  restartsAtOpen: number,
): Promise<Termination | 'gone' | null> {
  let raw;
  try {
    raw = await getPod(ns, pod);
  } catch (err) {
    if (err instanceof K8sError && err.status === 404) return 'gone';
    return null;
  }
  const s = containerStatus(raw, container);
  if (!s) return null;
  if ((s.restartCount ?? 0) > restartsAtOpen) return toTermination(s.lastState?.terminated);
  return toTermination(s.state?.terminated);
}

export function lastTermination(
  pod: Parameters<typeof containerStatus>[0],
  container: string,
): Termination | null {
  return toTermination(containerStatus(pod, container)?.lastState?.terminated);
}

export function exitText(t: Termination): string {
  const parts = [t.exitCode === null ? null : `code ${t.exitCode}`, t.reason].filter(Boolean);
  return `container exited${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
