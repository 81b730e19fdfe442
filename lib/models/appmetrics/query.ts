// What the app-metrics routes take and give besides AppMetricsResult: the keys and ranges a
// chart may ask for, and the requests each track served (the observed canary split).
import type { AppMetricsSource } from './types';

/** The default charts; any other key is the name of a metric the app exposes. */
export const DEFAULT_KEYS = ['requests', 'errors', 'p50', 'p95'] as const;
/** A Prometheus metric name (https://prometheus.io/docs/concepts/data_model/), at most 200 characters. */
export const METRIC_KEY_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/;
/** Chart ranges, seconds; the direct reader keeps 10 minutes, a longer range needs Prometheus. */
export const APP_METRICS_RANGES = [300, 600, 3600, 21600, 86400] as const;
export const DEFAULT_RANGE = 600;
/** How often the panels ask again, ms. */
export const APP_METRICS_POLL_MS = 5_000;

export interface ObservedRequests {
  source: AppMetricsSource;
  windowSeconds: number;
  /** requests per member Deployment over the window (probes and scrapes left out) */
  served: Record<string, number>;
  notes: string[];
}
