import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assembleSeries, requestsServed, type PodRingView } from '../../../lib/models/appmetrics/assemble';
import { parseExposition } from '../../../lib/models/appmetrics/exposition';
import { observedSplit } from '../../../lib/models/appmetrics/observed-split';
import { appChartRows } from '../../../lib/models/appmetrics/rows';
import { histogramQuantile } from '../../../lib/models/appmetrics/quantile';
import { extrapolatedIncrease } from '../../../lib/models/appmetrics/rate';
import { newRing, pushScrape } from '../../../lib/models/appmetrics/ring';

const FIXTURE = readFileSync(join(import.meta.dirname, '../../fixtures/appmetrics/demo-metrics.txt'), 'utf8');
const big = { maxSeries: 10_000 };

test('the demo app as recorded: counters, gauges and the latency histogram as samples', () => {
  const e = parseExposition(FIXTURE, big);
  assert.deepEqual(e.notes, []);
  assert.equal(e.types.http_requests_total, 'counter');
  assert.equal(e.types.http_request_duration_seconds, 'histogram');
  assert.equal(e.types.app_ready, 'gauge');
  const version = e.samples.find((s) => s.name === 'http_requests_total' && s.labels.path === '/version');
  assert.equal(version?.value, 20);
  const inf = e.samples.find(
    (s) =>
      s.name === 'http_request_duration_seconds_bucket' && s.labels.path === '/cpu' && s.labels.le === '+Inf',
  );
  assert.equal(inf?.value, 3);
  // every path keeps its own buckets (the parser alone would fold them into one)
  const versionInf = e.samples.find(
    (s) =>
      s.name === 'http_request_duration_seconds_bucket' &&
      s.labels.path === '/version' &&
      s.labels.le === '+Inf',
  );
  assert.equal(versionInf?.value, 20);
  assert.equal(e.types.http_request_duration_seconds_bucket, undefined);
});

test('OpenMetrics: a counter family foo with its foo_total sample, _created, exemplars and # EOF', () => {
  const text = [
    '# TYPE orders counter',
    '# UNIT orders requests',
    'orders_total{shop="a"} 7 # {trace_id="abc"} 1.0 1700000000.000',
    'orders_created{shop="a"} 1700000000.0',
    '# TYPE temp gauge',
    'temp 21.5',
    '# EOF',
    '',
  ].join('\n');
  const e = parseExposition(text, big);
  assert.equal(e.types.orders_total, 'counter');
  assert.equal(e.samples.find((s) => s.name === 'orders_total')?.value, 7);
  assert.equal(
    e.samples.some((s) => s.name === 'orders_created'),
    false,
  );
  assert.equal(e.samples.find((s) => s.name === 'temp')?.value, 21.5);
});

test('garbage is a note, never a throw; a cut body loses its partial line; past the cap series are dropped', () => {
  const garbage = parseExposition('<html>{"a": is [not]\n\u0000 }}} ===\n', big);
  assert.equal(garbage.samples.length, 0);
  assert.match(garbage.notes[0] ?? '', /^not the Prometheus text format: /);
  assert.doesNotMatch(garbage.notes[0] ?? '', /\u0000/);

  const cut = parseExposition('a_total 1\nb_total 2\nc_tot', { maxSeries: 10, cutAtBytes: 1 << 20 });
  assert.deepEqual(
    cut.samples.map((s) => s.name),
    ['a_total', 'b_total'],
  );
  assert.match(cut.notes[0] ?? '', /cut at 1 MiB/);

  const lines = Array.from({ length: 5000 }, (_, i) => `m_total{id="${i}"} ${i}`).join('\n');
  const capped = parseExposition(`# TYPE m_total counter\n${lines}\n`, { maxSeries: 100 });
  assert.equal(capped.samples.length, 100);
  assert.match(capped.notes[0] ?? '', /5,000 series: only the first 100 are kept/);
});

test('increase across a counter reset, as Prometheus: the value before the reset is added back', () => {
  const s = 1000;
  // 10 -> 20, then the process restarts and counts 3, 13
  const pts: [number, number][] = [
    [0, 10],
    [5 * s, 20],
    [10 * s, 3],
    [15 * s, 13],
  ];
  assert.equal(extrapolatedIncrease(pts, 0, 15 * s), 23);
  // extrapolated to the window's edges (5 s each side, within 1.1 intervals), and toward 0 at most
  const ramp: [number, number][] = [5, 10, 15, 20, 25].map((t) => [t * s, t * 2]);
  assert.equal(extrapolatedIncrease(ramp, 0, 30 * s), 60);
  assert.equal(extrapolatedIncrease(ramp, 0, 30 * s, true), 2);
  assert.equal(extrapolatedIncrease(ramp.slice(0, 1), 0, 30 * s), null);
});

test('histogram_quantile: interpolation inside the bucket, the highest finite bound in +Inf', () => {
  const b = [
    { le: 0.1, count: 50 },
    { le: 0.5, count: 90 },
    { le: Infinity, count: 100 },
  ];
  assert.equal(histogramQuantile(0.5, b), 0.1);
  assert.ok(Math.abs((histogramQuantile(0.7, b) ?? 0) - 0.3) < 1e-12);
  assert.equal(histogramQuantile(0.95, b), 0.5);
  assert.equal(histogramQuantile(0.5, b.slice(0, 2)), null, 'no +Inf bucket');
  assert.equal(
    histogramQuantile(0.5, [
      { le: 0.1, count: 0 },
      { le: Infinity, count: 0 },
    ]),
    null,
  );
});

/** A pod that answers `perScrape` requests on / between scrapes, 5 s apart, from t0. */
function podView(
  pod: string,
  deployment: string,
  version: string,
  perScrape: number,
  scrapes: number,
): PodRingView {
  const ring = newRing(120, 1000);
  for (let i = 0; i < scrapes; i++) {
    const n = i * perScrape;
    const fast = Math.round(n * 0.9);
    const text = [
      '# TYPE http_requests_total counter',
      `http_requests_total{path="/",code="200"} ${n}`,
      `http_requests_total{path="/",code="503"} ${i}`,
      `http_requests_total{path="/healthz",code="200"} ${i * 100}`,
      '# TYPE http_request_duration_seconds histogram',
      `http_request_duration_seconds_bucket{path="/",le="0.01"} ${fast}`,
      `http_request_duration_seconds_bucket{path="/",le="0.1"} ${n + i}`,
      `http_request_duration_seconds_bucket{path="/",le="+Inf"} ${n + i}`,
      '',
    ].join('\n');
    pushScrape(ring, i * 5000, parseExposition(text, big));
  }
  return { pod, deployment, version, ring };
}

test('series per version: request and error rates without the probes, p50 and p95 from the buckets', () => {
  const pods = [
    podView('a-1', 'a', 'h1', 50, 13),
    podView('a-2', 'a', 'h1', 50, 13),
    podView('a-3', 'a', 'h2', 25, 13),
  ];
  const now = 60_000;
  const req = assembleSeries(pods, 'requests', 30_000, now, 5000);
  const h1 = req.find((s) => s.version === 'h1');
  assert.equal(h1?.pod, null);
  // 2 pods x (50 + 1 failed) requests / 5 s = 20.4/s (the /healthz series left out)
  assert.ok(h1 && h1.points.every(([, v]) => Math.abs(v - 20.4) < 1e-9), JSON.stringify(h1?.points));
  assert.ok(Math.abs((req.find((s) => s.version === 'h2')?.points.at(-1)?.[1] ?? 0) - 5.2) < 1e-9);
  const err = assembleSeries(pods, 'errors', 30_000, now, 5000);
  assert.ok(Math.abs((err.find((s) => s.version === 'h1')?.points.at(-1)?.[1] ?? 0) - 0.4) < 1e-9);
  const p50 = assembleSeries(pods, 'p50', 30_000, now, 5000).find((s) => s.version === 'h1');
  const p95 = assembleSeries(pods, 'p95', 30_000, now, 5000).find((s) => s.version === 'h1');
  const last50 = p50?.points.at(-1)?.[1] ?? -1;
  const last95 = p95?.points.at(-1)?.[1] ?? -1;
  assert.ok(last50 > 0 && last50 <= 0.01, `p50 ${last50}`);
  assert.ok(last95 > 0.01 && last95 <= 0.1, `p95 ${last95}`);
  assert.deepEqual(assembleSeries(pods, 'no_such_metric', 30_000, now, 5000), []);
  // no 5xx series at all: errors are 0, not missing
  const healthy = podView('b-1', 'b', 'h3', 10, 13);
  for (const s of healthy.ring.series.values()) if (s.labels.code === '503') s.values.fill(NaN);
  const none = assembleSeries([healthy], 'errors', 30_000, now, 5000);
  assert.ok(none[0] && none[0].points.every(([, v]) => v === 0), JSON.stringify(none));
});

test('the observed split: 3 stable pods and 1 canary pod serving alike give 75 % within the range', () => {
  const pods = [
    ...['s-1', 's-2', 's-3'].map((p) => podView(p, 'stable', 'h1', 10, 13)),
    podView('c-1', 'canary', 'h2', 10, 13),
  ];
  const served = requestsServed(pods, 60_000, 60_000);
  const split = observedSplit(
    [
      { deployment: 'stable', expected: 0.75 },
      { deployment: 'canary', expected: 0.25 },
    ],
    served,
  );
  // 12 intervals of 10 + 1 failed per pod, extrapolated to the 60 s window: 132 per pod
  assert.equal(split.requests, 528);
  const stable = split.shares.find((s) => s.deployment === 'stable');
  assert.equal(stable?.responses, 396);
  assert.equal(stable?.measured, 0.75);
  assert.equal(stable?.outside, false);
});

test('a counter that appears between two scrapes counted from 0 (a burst is not lost to its first sample)', () => {
  const ring = newRing(120, 1000);
  const scrape = (lines: string[]) =>
    parseExposition(['# TYPE http_requests_total counter', ...lines, ''].join('\n'), big);
  // scrapes every 5 s; the /version series is born with a burst of 150 between the 2nd and 3rd
  pushScrape(ring, 0, scrape(['http_requests_total{path="/metrics",code="200"} 1']));
  pushScrape(ring, 5_000, scrape(['http_requests_total{path="/metrics",code="200"} 2']));
  pushScrape(
    ring,
    10_000,
    scrape([
      'http_requests_total{path="/metrics",code="200"} 3',
      'http_requests_total{path="/version",code="200"} 150',
    ]),
  );
  pushScrape(
    ring,
    15_000,
    scrape([
      'http_requests_total{path="/metrics",code="200"} 4',
      'http_requests_total{path="/version",code="200"} 150',
    ]),
  );
  const served = requestsServed([{ pod: 'p', deployment: 'web', version: 'h', ring }], 60_000, 15_000);
  assert.equal(served.web, 150);
  // a gauge born late is not given a 0 before it
  pushScrape(
    ring,
    20_000,
    parseExposition('# TYPE websocket_connections gauge\nwebsocket_connections 7\n', big),
  );
  const gauge = [...ring.series.values()].find((x) => x.name === 'websocket_connections');
  assert.deepEqual(
    [...(gauge?.values.slice(0, 5) ?? [])].map((v) => (Number.isNaN(v) ? null : v)),
    [null, null, null, null, 7],
  );
});

test('chart rows: a column per version, a row per time, versions named with their Deployment in a canary', () => {
  const rows = appChartRows([
    {
      key: 'requests',
      pod: null,
      version: 'h2',
      deployment: 'web',
      points: [
        [10, 1],
        [15, 2],
      ],
    },
    {
      key: 'requests',
      pod: null,
      version: 'h1',
      deployment: 'web',
      points: [
        [5, 4],
        [10, 3],
      ],
    },
  ]);
  assert.deepEqual(
    rows.lines.map((l) => l.name),
    ['h1', 'h2'],
  );
  assert.deepEqual(rows.rows, [
    { t: 5, l0: 4, l1: null },
    { t: 10, l0: 3, l1: 1 },
    { t: 15, l0: null, l1: 2 },
  ]);
  const canary = appChartRows([
    { key: 'requests', pod: null, version: 'a', deployment: 'stable', points: [[1, 1]] },
    { key: 'requests', pod: null, version: 'b', deployment: 'canary', points: [[1, 1]] },
  ]);
  assert.deepEqual(
    canary.lines.map((l) => l.name),
    ['canary b', 'stable a'],
  );
});
