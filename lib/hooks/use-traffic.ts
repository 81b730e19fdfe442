'use client';
import useSWR from 'swr';
import { getJson } from '../api/get-json';
import { trafficKey } from '../api/keys';
import { trafficInfoKey } from '../api/traffic';
import type { TrafficInfo } from '../models/traffic-contract';
import { runOf, type TrafficState } from '../models/traffic-reducer';
import type { TrafficKind, TrafficRun } from '../models/traffic';

const noFetch = { revalidateOnFocus: false, revalidateOnReconnect: false, revalidateIfStale: false } as const;

/** The namespace's traffic runs, as the live stream keeps them (never fetched). */
export function useTrafficRun<K extends TrafficKind>(
  namespace: string,
  kind: K,
  service: string | null,
): Extract<TrafficRun, { kind: K }> | null {
  const { data } = useSWR<TrafficState>(trafficKey(namespace), null, noFetch);
  return service ? runOf(data, kind, service) : null;
}

/** How requests reach Services (the transport) and what Podium may do; refreshed every 30 s. */
export function useTrafficInfo(namespace: string): {
  info: TrafficInfo | undefined;
  error: Error | undefined;
} {
  const { data, error } = useSWR<TrafficInfo>(trafficInfoKey(namespace), getJson, {
    refreshInterval: 30_000,
    revalidateOnFocus: false,
  });
  return { info: data, error: error as Error | undefined };
}

/** Every traffic run of the namespace, as the live stream keeps them (the lessons' predicates read it). */
export function useTrafficState(namespace: string): TrafficState | undefined {
  const { data } = useSWR<TrafficState>(trafficKey(namespace), null, noFetch);
  return data;
}
