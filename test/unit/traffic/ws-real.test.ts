// The WebSocket load against the real demo app on 127.0.0.1 (the stand-in for a ClusterIP): real
// sockets, the `ws` client, bounded in count and time. Through the API server's proxy to real pods:
// test/integration/ws-load.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, spawnDemo, type DemoProcess } from '../../demo/helpers';
import { stopAllTraffic, subscribeTraffic } from '../../../lib/k8s/traffic/runs';
import { openClientSockets } from '../../../lib/k8s/traffic/ws-clients';
import { startWsLoad } from '../../../lib/k8s/traffic/ws-load';
import { applyTraffic, runOf, type TrafficState } from '../../../lib/models/traffic-reducer';

let demo: DemoProcess;
before(async () => {
  process.env.PODIUM_TRAFFIC_GRACE_MS = '500';
  demo = await spawnDemo({ POD_NAME: 'echo-5f7c9-abcde', ECHO_DELAY_MS: '20' });
});
after(async () => {
  await stopAllTraffic();
  demo.child.kill('SIGKILL');
});

const until = async (what: string, check: () => boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const metric = async (name: string) => {
  const text = await (await fetch(`${demo.url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1]);
};

/** The app's own gauge of open WebSockets drops to 0 (its close events run after ours). */
const noneOnTheApp = () =>
  eventually(
    async () => ((await metric('websocket_connections')) === 0 ? true : undefined),
    5_000,
    'no WebSocket open on the app',
  );

/** A run straight to `app` in its own namespace, watched through the browser's reducer. */
async function startOn(
  ns: string,
  app: { url: string; delayMs: number | null },
  o: { path?: string; clients: number; messages: number; durationSeconds: number },
) {
  const w = watch(ns);
  const direct = { baseUrl: app.url, readyPods: 1, delayMs: app.delayMs };
  const started = await startWsLoad({
    ...o,
    namespace: ns,
    service: 'echo',
    path: o.path ?? '/ws',
    pauseMs: 0,
    direct,
  });
  return { w, ...started };
}

function watch(ns: string) {
  // the browser's reducer keeps the run from the stream's messages
  let state: TrafficState = {};
  const unsubscribe = subscribeTraffic(ns, (m) => (state = applyTraffic(state, m)));
  const last = () => runOf(state, 'ws', 'echo');
  return { unsubscribe, last };
}

describe('WebSocket load over real sockets (demo app on 127.0.0.1)', () => {
  it('20 clients × 3 messages: every message echoed, the pod named, closed 1000, no socket left', async () => {
    const { w, run, done } = await startOn(
      'ws-ok',
      { url: demo.url, delayMs: 20 },
      { clients: 20, messages: 3, durationSeconds: 30 },
    );
    assert.deepEqual([run.kind, run.state, run.transport], ['ws', 'running', 'cluster-ip']);
    await done;
    const r = w.last()!;
    assert.deepEqual([r.state, r.connected, r.failed, r.sent, r.echoed, r.open], ['done', 20, 0, 60, 60, 0]);
    assert.deepEqual(r.closes, { '1000': 20, '1001': 0, '1006': 0, other: 0 });
    assert.deepEqual(
      r.pods.map((p) => [p.pod, p.opened, p.echoed]),
      [['echo-5f7c9-abcde', 20, 60]],
    );
    assert.equal(r.rtt.count, 60);
    // one pod, 20 ms per message, one at a time: the last echo waits for the 59 before it
    assert.equal(r.idealMs, 20 * 3 * 20);
    assert.ok(r.rtt.p99! >= 20 && r.rtt.p99! > r.rtt.p50!, JSON.stringify(r.rtt));
    assert.equal(r.end?.reason, 'all 20 clients finished');
    assert.ok(r.points.length >= 1 && r.points.some((p) => p.requests > 0));
    assert.equal(openClientSockets(), 0);
    await noneOnTheApp();
    w.unsubscribe();
  });

  it('a path that does not upgrade: every handshake fails, and the run says why', async () => {
    const { w, done } = await startOn(
      'ws-plain',
      { url: demo.url, delayMs: null },
      { path: '/version', clients: 5, messages: 1, durationSeconds: 10 },
    );
    await done;
    const r = w.last()!;
    assert.deepEqual([r.state, r.connected, r.failed, r.failures], ['failed', 0, 5, { 'not-upgraded': 5 }]);
    assert.match(r.message ?? '', /does not upgrade to a WebSocket: the app answered HTTP 404/);
    assert.match(r.end?.reason ?? '', /no client could connect/);
    assert.equal(r.idealMs, null);
    assert.equal(openClientSockets(), 0);
    w.unsubscribe();
  });

  it('stopped mid-run (what SIGTERM does to Podium): every client closed, none left open on either side', async () => {
    // 30 clients × 50 messages × 20 ms on one pod would take 30 s
    const { w, done } = await startOn(
      'ws-stop',
      { url: demo.url, delayMs: 20 },
      { clients: 30, messages: 50, durationSeconds: 60 },
    );
    await until('30 open', () => (w.last()?.open ?? 0) === 30 && openClientSockets() === 30);
    assert.equal(await metric('websocket_connections'), 30);
    await stopAllTraffic('Podium is stopping');
    await done;
    const r = w.last()!;
    assert.deepEqual([r.state, r.end?.reason, r.open, r.connected], ['stopped', 'Podium is stopping', 0, 30]);
    assert.ok(r.echoed < 1_500, `${r.echoed} echoed`);
    assert.equal(r.closes['1000'], 30, JSON.stringify(r.closes));
    assert.equal(openClientSockets(), 0);
    await noneOnTheApp();
    w.unsubscribe();
  });

  it('the app shuts down mid-run: its connections close with 1001, started by the app', async () => {
    const sigterm = await spawnDemo({ POD_NAME: 'echo-old', ECHO_DELAY_MS: '20' });
    const { w, done } = await startOn(
      'ws-term',
      { url: sigterm.url, delayMs: 20 },
      { clients: 10, messages: 100, durationSeconds: 60 },
    );
    await until('10 open', () => (w.last()?.open ?? 0) === 10);
    sigterm.child.kill('SIGTERM');
    await done;
    const r = w.last()!;
    assert.deepEqual(r.closes, { '1000': 0, '1001': 10, '1006': 0, other: 0 });
    assert.equal(r.closedByApp, 10);
    assert.match(r.end?.reason ?? '', /^all 10 connections ended, \d+ messages never sent or answered$/);
    assert.deepEqual(
      r.pods.map((p) => [p.pod, p.closes['1001']]),
      [['echo-old', 10]],
    );
    assert.equal(openClientSockets(), 0);
    w.unsubscribe();
  });
});
