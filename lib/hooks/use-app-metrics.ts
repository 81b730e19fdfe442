'use client';
import useSWR from 'swr';
import { appMetricsUrl, observedSplitUrl } from '../api/app-metrics';
import { getJson } from '../api/get-json';
import { APP_METRICS_POLL_MS, type ObservedRequests } from '../models/appmetrics/query';
import type { AppMetricsResult } from '../models/appmetrics/types';
import { useTabVisible } from './use-tab-visible';

// The panels ask every few seconds while the tab is shown: each ask keeps the Deployment on the
// server's reader (a viewer), and a hidden tab stops asking, so the reader stops within ~15 s.

export function useAppMetrics(namespace: string, name: string, key: string, range: number) {
  const visible = useTabVisible();
  const { data, error } = useSWR<AppMetricsResult>(appMetricsUrl(namespace, name, key, range), getJson, {
    refreshInterval: visible ? APP_METRICS_POLL_MS : 0,
    revalidateOnFocus: false,
    keepPreviousData: true,
  });
  return { data, error: error as Error | undefined };
}

export function useObservedSplit(namespace: string, deployments: readonly string[] | null) {
  const visible = useTabVisible();
  const { data, error } = useSWR<ObservedRequests>(
    deployments && deployments.length > 0 ? observedSplitUrl(namespace, deployments) : null,
    getJson,
    { refreshInterval: visible ? APP_METRICS_POLL_MS : 0, revalidateOnFocus: false, keepPreviousData: true },
  );
  return { data, error: error as Error | undefined };
}
