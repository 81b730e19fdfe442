'use client';
import { useMemo } from 'react';
import useSWR from 'swr';
import { connectionKey, historyKey, kindErrorsKey, liveKey, usageKey } from '../api/keys';
import { byCreation, type KindState } from '../models/reducer';
import type { HistoryPoint, KindSummaryMap, PodUsage, WatchedKind } from '../models/types';
import type { LiveConnection } from './use-live-stream';

// Readers of the live state. They never fetch: the tab's one stream (useLiveStream) fills the cache.

const noFetch = { revalidateOnFocus: false, revalidateOnReconnect: false, revalidateIfStale: false } as const;

/** All objects of a kind, oldest first, or undefined until the first snapshot arrived. */
export function useKind<K extends WatchedKind>(namespace: string, kind: K): KindSummaryMap[K][] | undefined {
  const { data } = useSWR<KindState<KindSummaryMap[K]>>(liveKey(namespace, kind), null, noFetch);
  return useMemo(() => data && Object.values(data).sort(byCreation), [data]);
}

export function useConnection(namespace: string): LiveConnection | undefined {
  return useSWR<LiveConnection>(connectionKey(namespace), null, noFetch).data;
}

/** Latest usage per pod name. */
export function useUsage(namespace: string): Record<string, PodUsage> {
  const { data } = useSWR<PodUsage[]>(usageKey(namespace), null, noFetch);
  return useMemo(() => Object.fromEntries((data ?? []).map((u) => [u.pod, u])), [data]);
}

export function useHistory(namespace: string): HistoryPoint[] {
  return useSWR<HistoryPoint[]>(historyKey(namespace), null, noFetch).data ?? [];
}

export function useKindErrors(namespace: string): Record<string, string> {
  return useSWR<Record<string, string>>(kindErrorsKey(namespace), null, noFetch).data ?? {};
}
