import 'server-only';
import { randomUUID } from 'node:crypto';
import type { RunState } from '../../models/traffic';
import type { KindSummaryMap, WatchedKind } from '../../models/types';
import { k8sRequest } from '../client';
import { RESOURCES } from '../resources';
import { currentItems } from '../watch-hub';

// What the traffic runs need to know about the namespace (pods, Deployments, endpoints): the watch
// hub's copy when a viewer keeps it running, else one list.

export async function itemsOf<K extends WatchedKind>(kind: K, ns: string): Promise<KindSummaryMap[K][]> {
  const live = currentItems(kind, ns);
  if (live) return live as KindSummaryMap[K][];
  const { path, summarize } = RESOURCES[kind];
  const list = await k8sRequest<{ items: unknown[] }>(path(ns), { what: `list ${kind}` });
  return list.items.map((raw) => summarize(raw as never) as KindSummaryMap[K]);
}

export function newRunId(): string {
  return randomUUID().slice(0, 8);
}

/** The end state and sentence of a run that finished by itself or was stopped. */
export function endOf(reason: 'duration' | 'requests' | 'stopped', stopReason: string | null, limits: { durationSeconds: number; maxRequests: number }): { state: RunState; text: string } {
  if (reason === 'stopped') return { state: 'stopped', text: stopReason ?? 'stopped' };
  if (reason === 'requests') return { state: 'done', text: `all ${limits.maxRequests.toLocaleString('en-US')} requests sent` };
  const d = limits.durationSeconds;
  return { state: 'done', text: `time limit reached (${d >= 60 && d % 60 === 0 ? `${d / 60} min` : `${d} s`})` };
}
