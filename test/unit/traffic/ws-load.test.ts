import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredDelay, type DelayDeclaringDeployment } from '../../../lib/models/message-delay';
import { applyTraffic, runOf } from '../../../lib/models/traffic-reducer';
import type { TrafficRun, WsLoadRun } from '../../../lib/models/traffic';
import {
  WS_MAX_POD_ROWS,
  closeGraceMs,
  closeKey,
  idealRunMs,
  newWsTally,
  spreadRatio,
  wsClosed,
  wsConnecting,
  wsEchoed,
  wsFailed,
  wsOpened,
  wsPods,
  wsRtt,
  wsSecond,
  wsSent,
} from '../../../lib/models/ws-load';

/** One client's whole life: connect to `pod`, `n` round trips of `rtt` ms, closed with `code`. */
function client(
  t: ReturnType<typeof newWsTally>,
  pod: string,
  n: number,
  rtt: number,
  code: number,
  byApp = false,
) {
  wsConnecting(t);
  wsOpened(t, pod, 1_000);
  for (let i = 0; i < n; i++) {
    wsSent(t);
    wsEchoed(t, pod, rtt);
  }
  wsClosed(t, pod, code, byApp, 2_000);
}

describe('the WebSocket load tally', () => {
  it('counts connections per pod, messages, echoes and closes by code', () => {
    const t = newWsTally(0);
    for (let i = 0; i < 3; i++) client(t, 'echo-a', 6, 100 + i, 1000);
    client(t, 'echo-b', 2, 300, 1001, true);
    client(t, 'echo-b', 0, 0, 1006);
    client(t, 'echo-b', 1, 50, 4000);
    const c = t.counts;
    assert.deepEqual([c.connected, c.open, c.connecting, c.sent, c.echoed], [6, 0, 0, 21, 21]);
    assert.deepEqual(c.closes, { '1000': 3, '1001': 1, '1006': 1, other: 1 });
    assert.equal(c.closedByApp, 1);
    assert.deepEqual(
      wsPods(t).map((p) => [p.pod, p.opened, p.open, p.echoed, p.closes['1001']]),
      [
        ['echo-a', 3, 0, 18, 0],
        ['echo-b', 3, 0, 3, 1],
      ],
    );
  });

  it('open now goes up on open and down on close, per pod too', () => {
    const t = newWsTally(0);
    wsConnecting(t);
    wsConnecting(t);
    assert.equal(t.counts.connecting, 2);
    wsOpened(t, 'p1', 10);
    wsOpened(t, null, 12);
    assert.deepEqual([t.counts.connecting, t.counts.open, t.counts.firstOpenAt], [0, 2, 10]);
    assert.deepEqual(
      wsPods(t).map((p) => [p.pod, p.open]),
      [
        ['p1', 1],
        ['(unknown pod)', 1],
      ],
    );
    wsClosed(t, 'p1', 1000, false, 20);
    assert.deepEqual([t.counts.open, t.counts.lastEndAt], [1, 20]);
  });

  it('a failed handshake is no connection, counted by kind', () => {
    const t = newWsTally(0);
    wsConnecting(t);
    wsConnecting(t);
    wsFailed(t, 'not-upgraded', 5);
    wsFailed(t, 'no-endpoints', 6);
    assert.deepEqual([t.counts.connected, t.counts.failed, t.counts.connecting], [0, 2, 0]);
    assert.deepEqual(t.counts.failures, { 'not-upgraded': 1, 'no-endpoints': 1 });
    assert.equal(wsSecond(t).errors, 2);
  });

  it('round-trip percentiles over the whole run, and a point per second', () => {
    const t = newWsTally(1_000);
    for (let i = 1; i <= 100; i++) client(t, 'p', 1, i, 1000);
    assert.deepEqual(wsRtt(t), { count: 100, p50: 50, p95: 95, p99: 99 });
    const first = wsSecond(t);
    assert.deepEqual([first.t, first.requests, first.p50, first.open], [1_000, 100, 50, 0]);
    const second = wsSecond(t);
    assert.deepEqual([second.t, second.requests, second.p50], [2_000, 0, null]);
    assert.deepEqual(wsRtt(newWsTally(0)), { count: 0, p50: null, p95: null, p99: null });
  });

  it('keeps at most WS_MAX_POD_ROWS pods apart, the rest in one row', () => {
    const t = newWsTally(0);
    for (let i = 0; i < WS_MAX_POD_ROWS + 5; i++) client(t, `p-${String(i).padStart(4, '0')}`, 1, 1, 1000);
    const pods = wsPods(t);
    assert.equal(pods.length, WS_MAX_POD_ROWS + 1);
    assert.deepEqual([pods.at(-1)?.pod, pods.at(-1)?.opened], ['(other pods)', 5]);
  });

  it('close codes: 1000, 1001 and 1006 apart, every other code together', () => {
    assert.deepEqual([1000, 1001, 1006, 1011, 4000, 1005].map(closeKey), [
      '1000',
      '1001',
      '1006',
      'other',
      'other',
      'other',
    ]);
  });
});

describe('the ideal run time of a perfect spread', () => {
  it('the story: 500 clients over 10 pods × 6 messages × 100 ms = 30 s', () => {
    assert.equal(idealRunMs({ clients: 500, messages: 6, readyPods: 10, delayMs: 100, pauseMs: 0 }), 30_000);
  });
  it('an uneven split waits for the busiest pod; a pause can make one client the floor', () => {
    assert.equal(
      idealRunMs({ clients: 41, messages: 3, readyPods: 4, delayMs: 100, pauseMs: 0 }),
      11 * 3 * 100,
    );
    assert.equal(
      idealRunMs({ clients: 4, messages: 3, readyPods: 4, delayMs: 100, pauseMs: 1_000 }),
      300 + 2_000,
    );
  });
  it('unknown without a declared delay or a ready pod', () => {
    assert.equal(idealRunMs({ clients: 5, messages: 1, readyPods: 2, delayMs: null, pauseMs: 0 }), null);
    assert.equal(idealRunMs({ clients: 5, messages: 1, readyPods: 0, delayMs: 100, pauseMs: 0 }), null);
  });
  it("a finished client waits for the pod's close frame as long as the pod may be busy echoing others", () => {
    // 200 clients × 100 ms: a pod holding all of them answers the last close after 20 s of echoes
    assert.equal(closeGraceMs(200, 100), 22_000);
    assert.equal(closeGraceMs(500, 100), 30_000);
    assert.equal(closeGraceMs(500, null), 2_000);
  });
  it('the spread: the busiest pod against its fair share', () => {
    const t = newWsTally(0);
    for (let i = 0; i < 6; i++) client(t, i < 4 ? 'a' : 'b', 1, 1, 1000);
    assert.equal(spreadRatio(wsPods(t), 2), 4 / 3);
    assert.equal(spreadRatio([], 2), null);
  });
});

describe('the delay an app declares', () => {
  const dep = (
    name: string,
    o: { annotation?: string; env?: { name: string; value?: string; valueFrom?: unknown }[] },
  ): DelayDeclaringDeployment => ({
    metadata: { name, annotations: o.annotation ? { 'podium.dev/message-delay-ms': o.annotation } : {} },
    spec: { template: { spec: { containers: [{ env: o.env ?? [] }] } } },
  });
  it('the demo app’s ECHO_DELAY_MS, or the annotation first', () => {
    assert.deepEqual(declaredDelay([dep('echo', { env: [{ name: 'ECHO_DELAY_MS', value: '100' }] })]), {
      delayMs: 100,
      source: 'ECHO_DELAY_MS of deployment echo',
    });
    const both = declaredDelay([
      dep('echo', { annotation: '250', env: [{ name: 'ECHO_DELAY_MS', value: '100' }] }),
    ]);
    assert.equal(both.delayMs, 250);
  });
  it('unknown when absent, from a secret, malformed, or different between Deployments', () => {
    assert.equal(declaredDelay([dep('echo', {})]).delayMs, null);
    assert.match(declaredDelay([dep('echo', {})]).source, /declares no delay/);
    assert.equal(
      declaredDelay([dep('e', { env: [{ name: 'ECHO_DELAY_MS', valueFrom: { secretKeyRef: {} } }] })])
        .delayMs,
      null,
    );
    assert.equal(declaredDelay([dep('e', { env: [{ name: 'ECHO_DELAY_MS', value: '1e3' }] })]).delayMs, null);
    const mixed = declaredDelay([
      dep('a', { env: [{ name: 'ECHO_DELAY_MS', value: '100' }] }),
      dep('b', { env: [{ name: 'ECHO_DELAY_MS', value: '50' }] }),
    ]);
    assert.deepEqual(mixed.delayMs, null);
    assert.match(mixed.source, /different delays/);
    assert.equal(declaredDelay([]).delayMs, null);
  });
});

describe('the browser keeps a WebSocket run from the stream', () => {
  const run = (id: string, points: WsLoadRun['points'], open: number): TrafficRun =>
    ({ kind: 'ws', id, service: 'echo', open, points }) as unknown as TrafficRun;
  const point = (t: number, requests: number) => ({
    t,
    requests,
    errors: 0,
    p50: 1,
    p95: 1,
    p99: 1,
    open: 1,
  });
  it('appends each update’s points to the run and takes its counts', () => {
    let s = applyTraffic({}, { type: 'snapshot', namespace: 'ns', runs: [run('r1', [point(0, 1)], 5)] });
    s = applyTraffic(s, { type: 'update', run: run('r1', [point(1_000, 2)], 4) });
    s = applyTraffic(s, { type: 'update', run: run('r1', [point(1_000, 3)], 3) });
    const r = runOf(s, 'ws', 'echo');
    assert.deepEqual([r?.open, r?.points.map((p) => p.requests)], [3, [1, 3]]);
    s = applyTraffic(s, { type: 'update', run: run('r2', [], 0) });
    assert.deepEqual(runOf(s, 'ws', 'echo')?.points, []);
  });
});
