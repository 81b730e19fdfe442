// Prometheus text exposition format 0.0.4, written by hand: a handful of series does not need a
// client library. https://prometheus.io/docs/instrumenting/exposition_formats/

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Paths the app serves; anything else is counted as "other" so a scanner cannot blow up cardinality. */
export const KNOWN_PATHS = [
  '/',
  '/version',
  '/echo',
  '/ws',
  '/healthz',
  '/readyz',
  '/inemuri',
  '/seppuku',
  '/cpu',
  '/metrics',
] as const;

/** Upper bounds (seconds) of the latency histogram's buckets: enough for p50/p95 of a demo app. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

export interface Metrics {
  /** one answered request; `seconds` (from the request's arrival to its last byte) feeds the histogram */
  countRequest(path: string, code: number, seconds?: number): void;
  websocketOpened(): void;
  websocketClosed(): void;
  countWebsocketMessage(): void;
  countInemuri(): void;
  render(state: { inemuriActive: boolean; ready: boolean; version: string }): string;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function createMetrics(startedAt: number = Date.now()): Metrics {
  const requests = new Map<string, number>();
  // per path: a count per bucket (not cumulative; summed when rendered), the sum and the count
  const durations = new Map<string, { buckets: number[]; sum: number; count: number }>();
  let websocketConnections = 0;
  let websocketMessages = 0;
  let inemuriTotal = 0;

  return {
    countRequest(path, code, seconds) {
      const known = (KNOWN_PATHS as readonly string[]).includes(path) ? path : 'other';
      const key = `path="${escapeLabel(known)}",code="${code}"`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      if (seconds === undefined) return;
      const d = durations.get(known) ?? { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      durations.set(known, d);
      const i = DURATION_BUCKETS.findIndex((le) => seconds <= le);
      if (i >= 0) d.buckets[i] = (d.buckets[i] ?? 0) + 1;
      d.sum += seconds;
      d.count++;
    },
    websocketOpened: () => void websocketConnections++,
    websocketClosed: () => void websocketConnections--,
    countWebsocketMessage: () => void websocketMessages++,
    countInemuri: () => void inemuriTotal++,
    render({ inemuriActive, ready, version }) {
      const lines = [
        '# HELP http_requests_total HTTP requests answered, by path and status code.',
        '# TYPE http_requests_total counter',
        ...[...requests].map(([labels, n]) => `http_requests_total{${labels}} ${n}`),
        '# HELP http_request_duration_seconds Time from a request to its last byte, by path.',
        '# TYPE http_request_duration_seconds histogram',
        ...[...durations].flatMap(([path, d]) => renderHistogram(escapeLabel(path), d)),
        '# HELP websocket_connections WebSocket connections open now.',
        '# TYPE websocket_connections gauge',
        `websocket_connections ${websocketConnections}`,
        '# HELP websocket_messages_total WebSocket messages echoed.',
        '# TYPE websocket_messages_total counter',
        `websocket_messages_total ${websocketMessages}`,
        '# HELP inemuri_active 1 while /inemuri keeps the app unresponsive.',
        '# TYPE inemuri_active gauge',
        `inemuri_active ${inemuriActive ? 1 : 0}`,
        '# HELP inemuri_total Times /inemuri put the app to sleep.',
        '# TYPE inemuri_total counter',
        `inemuri_total ${inemuriTotal}`,
        '# HELP app_ready 1 when /readyz answers 200.',
        '# TYPE app_ready gauge',
        `app_ready ${ready ? 1 : 0}`,
        '# HELP app_info The running version, from APP_VERSION.',
        '# TYPE app_info gauge',
        `app_info{version="${escapeLabel(version)}"} 1`,
        '# HELP process_uptime_seconds Seconds since the process started serving.',
        '# TYPE process_uptime_seconds gauge',
        `process_uptime_seconds ${((Date.now() - startedAt) / 1000).toFixed(3)}`,
      ];
      return lines.join('\n') + '\n';
    },
  };
}

function renderHistogram(path: string, d: { buckets: number[]; sum: number; count: number }): string[] {
  let cumulative = 0;
  const name = 'http_request_duration_seconds';
  return [
    ...DURATION_BUCKETS.map((le, i) => {
      cumulative += d.buckets[i] ?? 0;
      return `${name}_bucket{path="${path}",le="${le}"} ${cumulative}`;
    }),
    `${name}_bucket{path="${path}",le="+Inf"} ${d.count}`,
    `${name}_sum{path="${path}"} ${d.sum.toFixed(6)}`,
    `${name}_count{path="${path}"} ${d.count}`,
  ];
}
