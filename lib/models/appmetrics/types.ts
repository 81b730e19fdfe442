/**
 * What the deployment page charts of an application's own metrics, whichever source read them:
 * the pods' declared endpoints read directly (lib/k8s/appmetrics) or a Prometheus server
 * (lib/k8s/prometheus). Both sources produce this shape, so the panel never knows which one ran.
 */

/** Where the series came from; the panel says so. */
export type AppMetricsSource = 'direct' | 'prometheus';

/** One time series, oldest point first. */
export interface AppSeries {
  /**
   * What is charted: `requests` (per second), `errors` (per second, a `code`/`status` label >= 500),
   * `p50` / `p95` (seconds, from a histogram), or the name of a metric the reader picked.
   */
  key: string;
  /** The pod it was read from; null when summed over a version. */
  pod: string | null;
  /** The version the pod runs: its ReplicaSet's `pod-template-hash`. */
  version: string;
  /** The Deployment that owns the pod's ReplicaSet (a canary's track is told by this). */
  deployment: string;
  /** `[epoch ms, value]` pairs, oldest first. */
  points: [number, number][];
}

export interface AppMetricsResult {
  source: AppMetricsSource;
  /** Why the source is not the configured one, what was cut (series capped, a body cut at its limit), what failed. */
  notes: string[];
  series: AppSeries[];
  /** Metric names the app exposes, for the picker (capped). */
  metrics: string[];
}
