import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../demo/src/server.ts';
import { closed, eventually, metricValue, nextMessage, openWebSocket } from './helpers.ts';

test('/metrics counts requests by path and code, WebSockets and messages', async (t) => {
  const app = await startServer({ host: '127.0.0.1', port: 0, version: '1.2.3' });
  t.after(() => app.close());
  const scrape = async () => {
    const res = await fetch(`${app.url}/metrics`);
    assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    return res.text();
  };

  for (let i = 0; i < 3; i++) await (await fetch(`${app.url}/healthz`)).arrayBuffer();
  await (await fetch(`${app.url}/cpu?ms=0`)).arrayBuffer();
  await (await fetch(`${app.url}/no/such/path`)).arrayBuffer();
  await (await fetch(`${app.url}/another`)).arrayBuffer();
  const ws = await openWebSocket(app.url);
  for (const m of ['a', 'b']) {
    ws.send(m);
    await nextMessage(ws);
  }

  let page = await scrape();
  assert.equal(metricValue(page, 'http_requests_total{path="/healthz",code="200"}'), 3);
  assert.equal(metricValue(page, 'http_requests_total{path="/cpu",code="400"}'), 1);
  assert.equal(
    metricValue(page, 'http_requests_total{path="other",code="404"}'),
    2,
    'unknown paths share one series',
  );
  assert.equal(metricValue(page, 'websocket_connections'), 1);
  assert.equal(metricValue(page, 'websocket_messages_total'), 2);
  assert.equal(metricValue(page, 'inemuri_active'), 0);
  assert.equal(metricValue(page, 'app_ready'), 1);
  assert.equal(metricValue(page, 'app_info{version="1.2.3"}'), 1);
  assert.ok((metricValue(page, 'process_uptime_seconds') ?? -1) >= 0);
  assert.doesNotMatch(page, /no\/such/);

  ws.close();
  await closed(ws);
  page = await eventually(
    async () => {
      const p = await scrape();
      return metricValue(p, 'websocket_connections') === 0 ? p : undefined;
    },
    5000,
    'websocket_connections back to 0',
  );
  // earlier scrapes are counted once they have been answered
  assert.ok((metricValue(page, 'http_requests_total{path="/metrics",code="200"}') ?? 0) >= 1);
  // every line is HELP, TYPE or a sample: name{labels} value
  for (const line of page.trim().split('\n')) {
    assert.match(line, /^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.]+)$/, line);
  }
});

test('/metrics has a latency histogram per path: cumulative buckets, +Inf equal to the count', async (t) => {
  const app = await startServer({ host: '127.0.0.1', port: 0 });
  t.after(() => app.close());
  for (let i = 0; i < 4; i++) await (await fetch(`${app.url}/version`)).arrayBuffer();
  await (await fetch(`${app.url}/cpu?ms=30`)).arrayBuffer();
  const page = await eventually(
    async () => {
      const p = await (await fetch(`${app.url}/metrics`)).text();
      return metricValue(p, 'http_request_duration_seconds_count{path="/cpu"}') === 1 ? p : undefined;
    },
    5000,
    'the /cpu request observed',
  );
  assert.equal(metricValue(page, 'http_request_duration_seconds_count{path="/version"}'), 4);
  assert.equal(metricValue(page, 'http_request_duration_seconds_bucket{path="/version",le="+Inf"}'), 4);
  // 30 ms of CPU is above the 25 ms bucket's bound and within the 5 s one
  assert.equal(metricValue(page, 'http_request_duration_seconds_bucket{path="/cpu",le="0.025"}'), 0);
  assert.equal(metricValue(page, 'http_request_duration_seconds_bucket{path="/cpu",le="5"}'), 1);
  assert.ok((metricValue(page, 'http_request_duration_seconds_sum{path="/cpu"}') ?? 0) >= 0.03);
  let previous = 0;
  for (const le of ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf']) {
    const v = metricValue(page, `http_request_duration_seconds_bucket{path="/version",le="${le}"}`) ?? -1;
    assert.ok(v >= previous, `bucket ${le} is cumulative`);
    previous = v;
  }
});

test('the misbehaving metrics endpoints answer only with METRICS_DEBUG=1', async (t) => {
  const off = await startServer({ host: '127.0.0.1', port: 0 });
  t.after(() => off.close());
  assert.equal((await fetch(`${off.url}/debug/metrics/garbage`)).status, 404);
  const on = await startServer({ host: '127.0.0.1', port: 0, metricsDebug: true });
  t.after(() => on.close());
  assert.match(await (await fetch(`${on.url}/debug/metrics/garbage`)).text(), /not \[the exposition format/);
  const series = await (await fetch(`${on.url}/debug/metrics/series`)).text();
  assert.equal(series.trim().split('\n').length, 100_001);
  const huge = await fetch(`${on.url}/debug/metrics/huge`);
  let bytes = 0;
  for await (const chunk of huge.body!) bytes += (chunk as Uint8Array).byteLength;
  assert.ok(bytes >= 50 * 1024 * 1024 * 0.99, `${bytes} bytes`);
  const hang = await fetch(`${on.url}/debug/metrics/hang`, { signal: AbortSignal.timeout(500) });
  assert.equal(hang.status, 200);
  await assert.rejects(hang.text(), /abort|timeout/i);
});
