// Which of an app's metrics are its requests, its errors and its latency, without configuration:
// the names of the common client libraries and of the OpenTelemetry HTTP conventions.
import type { MetricType } from './exposition';

const REQUEST_NAMES = ['http_requests_total', 'http_server_requests_total', 'requests_total'];
const LATENCY_NAMES = ['http_request_duration_seconds', 'http_server_request_duration_seconds'];
/** the labels that carry an HTTP status code */
export const STATUS_LABELS = [
  'code',
  'status',
  'status_code',
  'http_status_code',
  'http_response_status_code',
];

function pick(
  types: Record<string, MetricType>,
  known: string[],
  type: MetricType,
  re: RegExp,
): string | null {
  for (const name of known) if (types[name] === type) return name;
  return Object.keys(types).find((n) => types[n] === type && re.test(n)) ?? null;
}

/** The request counter: http_requests_total or another `*_request(s)_total` counter. */
export function requestFamily(types: Record<string, MetricType>): string | null {
  return pick(types, REQUEST_NAMES, 'counter', /_requests?_total$/);
}

/** The latency histogram: http_request_duration_seconds or another `*_(duration|latency)_seconds`. */
export function latencyFamily(types: Record<string, MetricType>): string | null {
  return pick(types, LATENCY_NAMES, 'histogram', /_(duration|latency)_seconds$/);
}

/** A status of 500 or more in any of the status labels (5xx spelled as such counts too). */
export function isServerError(labels: Record<string, string>): boolean {
  return STATUS_LABELS.some((l) => {
    const v = labels[l];
    if (v === undefined) return false;
    if (/^5xx$/i.test(v)) return true;
    const n = Number(v);
    return Number.isInteger(n) && n >= 500 && n <= 599;
  });
}

/** the labels that carry the request's path or route */
const PATH_LABELS = ['path', 'handler', 'route', 'uri', 'http_route'];
const INFRA_PATHS = new Set(['/metrics', '/healthz', '/readyz', '/livez', '/health', '/ready']);

/** Probes' and scrapers' own requests: not what the app's users asked, so not counted as traffic. */
export function isInfraRequest(labels: Record<string, string>): boolean {
  return PATH_LABELS.some((l) => {
    const v = labels[l];
    return v !== undefined && INFRA_PATHS.has(v);
  });
}
