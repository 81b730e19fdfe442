// PromQL for Podium's questions, built only from names that passed a check here: a namespace (a
// DNS-1123 label), a Deployment (a DNS-1123 subdomain), a metric (Prometheus' name rule, no reserved
// `__` prefix). Label values are quoted and escaped, regex parts escaped for RE2, so no text from a
// browser is ever pasted into a query. https://prometheus.io/docs/prometheus/latest/querying/basics/

/** Prometheus' metric name rule. https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels */
export const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A name that may not go into a query; its message says which and why. */
export class PromQLNameError extends Error {}

export function checkNamespace(name: string): string {
  if (name.length > 63 || !DNS_LABEL_RE.test(name))
    throw new PromQLNameError(`namespace ${JSON.stringify(name)} is not a DNS-1123 label`);
  return name;
}

export function checkDeployment(name: string): string {
  if (name.length > 253 || !DNS_SUBDOMAIN_RE.test(name))
    throw new PromQLNameError(`deployment ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
  return name;
}

export function checkMetricName(name: string): string {
  if (name.length > 200 || !METRIC_NAME_RE.test(name) || name.startsWith('__'))
    throw new PromQLNameError(`${JSON.stringify(name.slice(0, 80))} is not a metric name`);
  return name;
}

/** A PromQL string literal: double quotes, with backslash, quote and line breaks escaped. */
export function quoteLabelValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/** Text matched literally inside an RE2 regex (a `=~` matcher). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The matchers for one Deployment's pods, whatever their version: `<deployment>-<template hash>-
 * <suffix>` (a hash and a suffix never hold a dash, so `echo` never takes `echo-canary`'s pods).
 * By pod name rather than by the pods still running, so a version rolled away stays in the history.
 */
export function deploymentMatchers(namespace: string, deployment: string): string {
  const pods = `${escapeRegex(checkDeployment(deployment))}-[a-z0-9]+-[a-z0-9]+`;
  return `namespace=${quoteLabelValue(checkNamespace(namespace))},pod=~${quoteLabelValue(pods)}`;
}

/** Seconds between points so that a range has at most `maxPoints` (never under the 5 s scrape). */
export function rangeStepSeconds(rangeMs: number, maxPoints = 300): number {
  return Math.max(5, Math.ceil(rangeMs / 1000 / Math.max(1, maxPoints)));
}

/** rate()'s window: a minute, or two steps when a step is longer, so no step falls between samples. */
export function rateWindow(stepSeconds: number): string {
  return `${Math.max(60, 2 * stepSeconds)}s`;
}

/** Per pod and version: the labels every application query keeps. */
const BY = 'by (pod, pod_template_hash)';

/** The keys the panel offers without configuration (AppSeries.key). */
export const DEFAULT_APP_KEYS = ['requests', 'errors', 'p50', 'p95'] as const;

/**
 * The query for one key of AppSeries: request and error rates from `http_requests_total` (errors:
 * a `code` or `status` label 5xx), p50/p95 from the `http_request_duration_seconds` histogram, or
 * any other metric by its checked name: a counter (`_total`, `_count`, `_sum`, `_bucket`) as a rate,
 * anything else as its value, summed per pod and version.
 */
export function appMetricQuery(key: string, namespace: string, deployment: string, stepSeconds = 5): string {
  const sel = deploymentMatchers(namespace, deployment);
  const w = rateWindow(stepSeconds);
  switch (key) {
    case 'requests':
      return `sum ${BY} (rate(http_requests_total{${sel}}[${w}]))`;
    case 'errors':
      return (
        `sum ${BY} (rate(http_requests_total{${sel},code=~"5.."}[${w}]))` +
        ` or sum ${BY} (rate(http_requests_total{${sel},status=~"5.."}[${w}]))`
      );
    case 'p50':
    case 'p95': {
      const q = key === 'p50' ? '0.5' : '0.95';
      return `histogram_quantile(${q}, sum by (pod, pod_template_hash, le) (rate(http_request_duration_seconds_bucket{${sel}}[${w}])))`;
    }
    default: {
      const name = checkMetricName(key);
      return /_(total|count|sum|bucket)$/.test(name)
        ? `sum ${BY} (rate(${name}{${sel}}[${w}]))`
        : `sum ${BY} (${name}{${sel}})`;
    }
  }
}

/** The `match[]` series selector for the metric names the Deployment's pods expose (the picker). */
export function appMetricNamesMatch(namespace: string, deployment: string): string {
  return `{${deploymentMatchers(namespace, deployment)},job!="kubelet-cadvisor"}`;
}

export type UsageMetricName = 'cpu' | 'memory';

/**
 * A pod's CPU (cores) or working-set memory (bytes) from the kubelet's cAdvisor: the pod cgroup's
 * series (`container=""`), as metrics.k8s.io reports a pod.
 */
export function usageQuery(
  metric: UsageMetricName,
  namespace: string,
  deployment: string,
  stepSeconds = 5,
): string {
  const sel = `${deploymentMatchers(namespace, deployment)},container=""`;
  return metric === 'cpu'
    ? `sum by (pod) (rate(container_cpu_usage_seconds_total{${sel}}[${rateWindow(stepSeconds)}]))`
    : `sum by (pod) (container_memory_working_set_bytes{${sel}})`;
}
