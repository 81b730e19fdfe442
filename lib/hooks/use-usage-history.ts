'use client';

import useSWR from 'swr';
import { getJson } from '../api/get-json';
import { usageHistoryUrl, type UsageHistoryAnswer } from '../models/prometheus/wire';

/** Prometheus scrapes every 5 s and a chart point is 12 s: a refresh every 15 s keeps "now" current. */
const REFRESH_MS = 15_000;

/**
 * A Deployment's CPU/memory history from Prometheus, only when Podium has one (`enabled`); undefined
 * while loading. A route error (the request failed) is an answer without points, like a Prometheus
 * that failed: the caller draws the in-memory samples and says why.
 */
export function useUsageHistory(
  namespace: string,
  deployment: string,
  enabled: boolean,
): UsageHistoryAnswer | undefined {
  const { data, error } = useSWR<UsageHistoryAnswer, Error>(
    enabled ? usageHistoryUrl(namespace, deployment) : null,
    getJson,
    { refreshInterval: REFRESH_MS, revalidateOnFocus: false, keepPreviousData: true },
  );
  if (error && !data) return { source: 'unavailable', note: error.message };
  return data;
}
