'use client';
import { useMemo } from 'react';
import useSWR from 'swr';
import { connectionKey, historyKey, kindErrorsKey, liveKey, usageKey } from '../api/keys';
import type { NamespaceObjects } from '../models/ownership';
import { orderedItems, type KindState, type Ordered } from '../models/reducer';
import type { AnySummary, HistoryPoint, KindSummaryMap, PodUsage, WatchedKind } from '../models/types';
import type { LiveConnection } from './use-live-stream';

// Readers of the live state. They never fetch: the tab's one stream (useLiveStream) fills the cache.

// compare: identity. The reducer keeps an unchanged state's identity (lib/models/reducer.ts), so
// SWR's default deep comparison (dequal) would only walk 10,000 pods at every batch, in every reader.
const noFetch = {
  revalidateOnFocus: false,
  revalidateOnReconnect: false,
  revalidateIfStale: false,
  compare: Object.is,
} as const;

/**
 * Each kind's last ordered list, shared by every component that reads the kind (the deployment page
 * reads pods in three places): one pass per batch instead of one sort per reader.
 */
const lastOrdered = new Map<string, Ordered<AnySummary>>();

/** All objects of a kind, oldest first, or undefined until the first snapshot arrived. */
export function useKind<K extends WatchedKind>(namespace: string, kind: K): KindSummaryMap[K][] | undefined {
  const key = liveKey(namespace, kind);
  const { data } = useSWR<KindState<KindSummaryMap[K]>>(key, null, noFetch);
  return useMemo(() => {
    if (!data) return undefined;
    const previous = lastOrdered.get(key) as Ordered<KindSummaryMap[K]> | undefined;
    const items = orderedItems(data, previous);
    lastOrdered.set(key, { state: data, items });
    return items;
  }, [data, key]);
}

/** Every kind of the namespace, each undefined until its first snapshot arrived. */
export type LiveKinds = { [K in keyof NamespaceObjects]: NamespaceObjects[K] | undefined };

/**
 * Every watched kind of the namespace at once, under the names of NamespaceObjects. The object
 * keeps its identity until one of the kinds changes, so it can be a memo dependency.
 */
export function useLiveKinds(namespace: string): LiveKinds {
  const deployments = useKind(namespace, 'deployments');
  const replicaSets = useKind(namespace, 'replicasets');
  const pods = useKind(namespace, 'pods');
  const hpas = useKind(namespace, 'hpas');
  const services = useKind(namespace, 'services');
  const endpointSlices = useKind(namespace, 'endpointslices');
  const events = useKind(namespace, 'events');
  return useMemo(
    () => ({ deployments, replicaSets, pods, hpas, services, endpointSlices, events }),
    [deployments, replicaSets, pods, hpas, services, endpointSlices, events],
  );
}

/** The kinds, or null until every one but events (which may be forbidden) has its first snapshot. */
export function loadedKinds(kinds: LiveKinds): NamespaceObjects | null {
  const { deployments, replicaSets, pods, hpas, services, endpointSlices, events } = kinds;
  if (!deployments || !replicaSets || !pods || !hpas || !services || !endpointSlices) return null;
  return { deployments, replicaSets, pods, hpas, services, endpointSlices, events: events ?? [] };
}

/** The kinds with the ones still loading as empty lists. */
export function kindsOrEmpty(kinds: LiveKinds): NamespaceObjects {
  return {
    deployments: kinds.deployments ?? [],
    replicaSets: kinds.replicaSets ?? [],
    pods: kinds.pods ?? [],
    hpas: kinds.hpas ?? [],
    services: kinds.services ?? [],
    endpointSlices: kinds.endpointSlices ?? [],
    events: kinds.events ?? [],
  };
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
