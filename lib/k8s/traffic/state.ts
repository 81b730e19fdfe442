import 'server-only';
import { randomUUID } from 'node:crypto';
import type { RunState, TrafficTransport } from '../../models/traffic';
import type { KindSummaryMap, WatchedKind } from '../../models/types';
import { listSummaries } from '../watch-hub';

// What the traffic runs need to know about the namespace (pods, Deployments, endpoints): the watch
// hub's copy when a viewer keeps it running, else one paged list (watch-hub.ts: listSummaries).

export function itemsOf<K extends WatchedKind>(kind: K, ns: string): Promise<KindSummaryMap[K][]> {
  return listSummaries(kind, ns);
}

export function newRunId(): string {
  return randomUUID().slice(0, 8);
}

/** The fields every run starts with: its target, its transport, running until its deadline. */
export function runStart(
  p: { namespace: string; service: string; path: string },
  target: { port: string; transport: TrafficTransport },
  startedAt: number,
  durationSeconds: number,
  message: string | null = null,
) {
  return {
    id: newRunId(),
    namespace: p.namespace,
    service: p.service,
    port: target.port,
    path: p.path,
    transport: target.transport,
    state: 'running' as RunState,
    startedAt,
    endsAt: startedAt + durationSeconds * 1000,
    end: null,
    message,
  };
}

/** A run's stop switch: the first reason given is the one kept; the signal cuts its requests. */
export function stopSwitch() {
  const abort = new AbortController();
  let reason: string | null = null;
  return {
    signal: abort.signal,
    reason: () => reason,
    stop: (why: string) => {
      reason ??= why;
      abort.abort();
    },
  };
}

/** The end state and sentence of a run that finished by itself or was stopped. */
export function endOf(
  reason: 'duration' | 'requests' | 'stopped',
  stopReason: string | null,
  limits: { durationSeconds: number; maxRequests: number },
): { state: RunState; text: string } {
  if (reason === 'stopped') return { state: 'stopped', text: stopReason ?? 'stopped' };
  if (reason === 'requests')
    return { state: 'done', text: `all ${limits.maxRequests.toLocaleString('en-US')} requests sent` };
  const d = limits.durationSeconds;
  return {
    state: 'done',
    text: `time limit reached (${d >= 60 && d % 60 === 0 ? `${d / 60} min` : `${d} s`})`,
  };
}
