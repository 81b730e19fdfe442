import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type DemoServer } from '../../demo/src/server.ts';

let app: DemoServer;
before(async () => (app = await startServer({ host: '127.0.0.1', port: 0 })));
after(() => app.close());

test('/cpu?ms=N uses at least N ms of CPU time', async () => {
  const cpuBefore = process.cpuUsage();
  const res = await fetch(`${app.url}/cpu?ms=300`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { requestedMs: number; burnedMs: number };
  assert.equal(body.requestedMs, 300);
  assert.ok(body.burnedMs >= 300, `burned ${body.burnedMs} ms`);
  // the server runs in this process: its CPU time must have grown by most of that
  const used = process.cpuUsage(cpuBefore);
  assert.ok(
    (used.user + used.system) / 1000 >= 200,
    `process used ${(used.user + used.system) / 1000} ms CPU`,
  );
});

test('ms outside 1..10000, missing or not an integer is a 400 that burns nothing', async () => {
  for (const query of ['ms=0', 'ms=10001', 'ms=-5', 'ms=1.5', 'ms=abc', '']) {
    const started = performance.now();
    const res = await fetch(`${app.url}/cpu?${query}`);
    assert.equal(res.status, 400, query);
    assert.match(((await res.json()) as { error: string }).error, /1\.\.10000/);
    assert.ok(performance.now() - started < 5000, query);
  }
});

test('the bounds themselves are accepted', async () => {
  assert.equal((await fetch(`${app.url}/cpu?ms=1`)).status, 200);
});

test('the app stays responsive while burning: /healthz answers during a long /cpu', async () => {
  const burning = fetch(`${app.url}/cpu?ms=1500`);
  const started = performance.now();
  const res = await fetch(`${app.url}/healthz`);
  assert.equal(res.status, 200);
  const healthzMs = performance.now() - started;
  assert.equal((await burning).status, 200);
  assert.ok(healthzMs < 1000, `healthz took ${healthzMs} ms while /cpu burned`);
});
