// Metrics endpoints that misbehave on purpose, for Podium's tests of its metrics reader: only with
// METRICS_DEBUG=1 (off by default: a class never sees them). A pod points its
// prometheus.io/path annotation at one of them.
//   /debug/metrics/hang     headers, then nothing: the reader must time out
//   /debug/metrics/huge     a valid body of ~50 MB: the reader must cut it at its limit
//   /debug/metrics/garbage  text that is not the exposition format
//   /debug/metrics/series   one metric with 100,000 series: the reader must cap it
import type { ServerResponse } from 'node:http';
import { METRICS_CONTENT_TYPE } from './metrics.ts';

export const BAD_METRICS_PREFIX = '/debug/metrics/';
const HUGE_BYTES = 50 * 1024 * 1024;
const MANY_SERIES = 100_000;
/** how long /hang holds the connection open before giving up itself */
const HANG_MS = 120_000;

/** Writes `total` lines made by `line(i)` in chunks, waiting for the socket to drain. */
function stream(res: ServerResponse, total: number, line: (i: number) => string): void {
  let i = 0;
  const more = () => {
    while (i < total) {
      let chunk = '';
      for (let n = 0; n < 1000 && i < total; n++) chunk += line(i++);
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    res.end();
  };
  res.once('close', () => (i = total));
  more();
}

/** true when it answered the request (a bad-metrics path, METRICS_DEBUG on). */
export function serveBadMetrics(kind: string, res: ServerResponse): boolean {
  const head = () => res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE });
  switch (kind) {
    case 'hang': {
      head();
      res.flushHeaders();
      const timer = setTimeout(() => res.end(), HANG_MS);
      res.once('close', () => clearTimeout(timer));
      return true;
    }
    case 'huge': {
      head();
      // 100 bytes a line, a counter with a long label: HUGE_BYTES in all
      const pad = 'x'.repeat(57);
      const nine = (i: number) => String(i).padStart(9, '0');
      stream(res, HUGE_BYTES / 100, (i) => `huge_total{pad="${pad}",i="${nine(i)}"} ${nine(i)}\n`);
      return true;
    }
    case 'garbage':
      head();
      res.end('<html><body>{"this": is not [the exposition format\n\u0000\u0001 }}} ===\n');
      return true;
    case 'series':
      head();
      res.write('# TYPE many_series_total counter\n');
      stream(res, MANY_SERIES, (i) => `many_series_total{id="${i}"} ${i}\n`);
      return true;
    default:
      return false;
  }
}
