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
