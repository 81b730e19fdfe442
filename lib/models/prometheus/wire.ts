// What GET …/deployments/{name}/usage-history answers (lib/k8s/prometheus/usage.ts): the pods' CPU
// and memory from Prometheus over the chart's range, or why not, so the panel draws the in-memory
// samples of metrics-server instead and says so.
import type { HistoryPoint } from '../types';

export type UsageHistoryAnswer =
  | { source: 'prometheus'; rangeMinutes: number; points: HistoryPoint[] }
  | { source: 'unavailable'; note: string };

/** The usage charts' range when Prometheus keeps the history: the in-memory history's hour. */
export const USAGE_HISTORY_MINUTES = 60;

export const usageHistoryUrl = (namespace: string, deployment: string, minutes = USAGE_HISTORY_MINUTES) =>
  `/api/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(deployment)}/usage-history?rangeMinutes=${minutes}`;
