import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startServer } from '../../demo/src/server.ts';
import {
  REPO_ROOT,
  closed,
  eventually,
  metricValue,
  nextMessage,
  openWebSocket,
  withTimeout,
} from './helpers.ts';

/** fetch that gives up after ms; resolves to the status, or "no answer" */
async function statusWithin(url: string, ms: number): Promise<number | 'no answer'> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(ms) });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') return 'no answer';
    throw err;
  }
}

describe('readiness', () => {
  test('/readyz is 503 during the start-up delay, then 200; /healthz is 200 all along', async (t) => {
    const app = await startServer({ host: '127.0.0.1', port: 0, startupDelayMs: 1500 });
    t.after(() => app.close());
    const early = await fetch(`${app.url}/readyz`);
    assert.equal(early.status, 503);
    assert.deepEqual(await early.json(), { status: 'not ready', reason: 'starting' });
    assert.equal(await statusWithin(`${app.url}/healthz`, 5000), 200);
    await eventually(
      async () => ((await statusWithin(`${app.url}/readyz`, 5000)) === 200 ? true : undefined),
      15_000,
      'ready',
    );
  });
  test('while starting, the real work answers 503 (probes, metrics and failure buttons do not)', async (t) => {
    const app = await startServer({ host: '127.0.0.1', port: 0, startupDelayMs: 60_000 });
    t.after(() => app.close());
    for (const [path, method, status] of [
      ['/', 'GET', 503],
      ['/version', 'GET', 503],
      ['/echo', 'POST', 503],
      ['/cpu?ms=10', 'GET', 503],
      ['/healthz', 'GET', 200],
      ['/metrics', 'GET', 200],
    ] as const) {
      const res = await fetch(app.url + path, { method, body: method === 'POST' ? 'x' : undefined });
      assert.equal(res.status, status, path);
      await res.arrayBuffer();
    }
    await assert.rejects(openWebSocket(app.url), /503/);
  });
});

describe('/inemuri', () => {
  test('answers at once, then nothing answers (healthz, metrics, WebSocket) until the sleep ends', async (t) => {
    const app = await startServer({ host: '127.0.0.1', port: 0, inemuriMs: 2500 });
    t.after(() => app.close());
    const ws = await openWebSocket(app.url);

    const res = await fetch(`${app.url}/inemuri`, { signal: AbortSignal.timeout(2000) });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      status: 'sleeping',
      seconds: 2.5,
      pod: 'local',
      message: 'Sleeping for 2.5s',
    });

    ws.send('are you there?');
    let echoArrived = false;
    const echoed = nextMessage(ws, 15_000);
    echoed.then(
      () => (echoArrived = true),
      () => undefined,
    );
    const [healthz, metrics] = await Promise.all([
      statusWithin(`${app.url}/healthz`, 1000),
      statusWithin(`${app.url}/metrics`, 1000),
    ]);
    assert.equal(healthz, 'no answer', 'a liveness probe with a 1 s timeout must fail');
    assert.equal(metrics, 'no answer');
    assert.equal(echoArrived, false, 'no echo while asleep');

    // the held message is echoed once the app wakes up, and probes pass again
    assert.equal(await echoed, 'are you there?');
    await eventually(
      async () => ((await statusWithin(`${app.url}/healthz`, 1000)) === 200 ? true : undefined),
      15_000,
      'healthz back',
    );
    const page = await (await fetch(`${app.url}/metrics`)).text();
    assert.equal(metricValue(page, 'inemuri_active'), 0);
    assert.equal(metricValue(page, 'inemuri_total'), 1);
    ws.close();
    await closed(ws);
  });
});

describe('liveness exec probe (node demo/src/liveness.ts)', () => {
  function runProbe(port: number): Promise<number | null> {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'demo', 'src', 'liveness.ts')], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port), LIVENESS_TIMEOUT_MS: '1000' },
      stdio: 'ignore',
    });
    return withTimeout(new Promise((resolve) => child.once('exit', resolve)), 15_000, 'probe did not exit');
  }

  test('exits 0 when healthy, 1 while asleep, 1 when nothing listens', async (t) => {
    const app = await startServer({ host: '127.0.0.1', port: 0, inemuriMs: 5000 });
    t.after(() => app.close());
    assert.equal(await runProbe(app.port), 0);
    await (await fetch(`${app.url}/inemuri`)).arrayBuffer();
    assert.equal(await runProbe(app.port), 1);
    await app.close();
    assert.equal(await runProbe(app.port), 1);
  });
});
