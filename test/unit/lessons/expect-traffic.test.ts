import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_STATE, type LiveState } from '../../../lib/lessons/expect';
import { routeSampled, wsGoingAway, wsLoadFinished } from '../../../lib/lessons/expect-traffic';
import type { TrafficRun } from '../../../lib/models/traffic';

const run = (id: string, o: Record<string, unknown>): TrafficRun =>
  ({
    kind: 'ws',
    id,
    service: 'echo',
    state: 'running',
    clients: 500,
    messages: 6,
    echoed: 0,
    startedAt: 1_000,
    lastEndAt: null,
    idealMs: 30_000,
    pods: Array.from({ length: 10 }, (_, i) => ({ pod: `echo-${i}` })),
    closes: { '1000': 0, '1001': 0, '1006': 0, other: 0 },
    ...o,
  }) as unknown as TrafficRun;
const state = (at: number, r?: TrafficRun): LiveState => ({
  ...EMPTY_STATE,
  at,
  traffic: r ? { 'ws/echo': r } : {},
});

describe('the websockets story’s lesson steps read the WebSocket runs', () => {
  it('a new run on the Service that echoed every message: done, with its time beside the ideal', () => {
    const e = wsLoadFinished('echo');
    const before = state(1);
    assert.equal(e.met(state(2, run('a', { echoed: 1_000 })), before), false, 'still running');
    const done = state(3, run('a', { state: 'done', echoed: 3_000, lastEndAt: 37_500 }));
    assert.equal(e.met(done, before), true);
    assert.equal(e.detail?.(done, before), '500 × 6 over 10 pods in 36.5 s, ideal 30.0 s');
    assert.equal(e.met(state(3, run('a', { state: 'done', echoed: 2_990 })), before), false, 'messages lost');
    assert.equal(e.met(done, done), false, 'the run the step began with does not count');
  });

  it('1001 closes of a new run', () => {
    const e = wsGoingAway('echo');
    const r = run('b', { closes: { '1000': 0, '1001': 12, '1006': 0, other: 0 } });
    assert.equal(e.met(state(2, r), state(1)), true);
    assert.equal(e.detail?.(state(2, r), state(1)), '12 closed with 1001, 0 with 1006');
    assert.equal(e.met(state(2, run('b', {})), state(1)), false);
    assert.equal(e.met(state(2, r), state(1, run('b', {}))), false);
  });
});

describe('the canary story’s weight step reads the sample through the gateway', () => {
  const sample = (id: string, state: string, canary: number): TrafficRun =>
    ({
      kind: 'split',
      id,
      service: 'httproute/echo',
      state,
      answered: 200,
      shares: [
        { deployment: 'echo-stable', measured: 1 - canary },
        { deployment: 'echo-canary', measured: canary },
      ],
    }) as unknown as TrafficRun;
  const at = (t: number, r?: TrafficRun): LiveState => ({
    ...EMPTY_STATE,
    at: t,
    traffic: r ? { 'split/httproute/echo': r } : {},
  });

  it('a new finished sample with the canary near its weight, not a Service sample nor an old one', () => {
    const e = routeSampled('echo', 'echo-canary', 0.03, 0.2);
    assert.equal(e.met(at(2, sample('a', 'done', 0.1)), at(1)), true);
    assert.equal(
      e.detail?.(at(2, sample('a', 'done', 0.1)), at(1)),
      'echo-canary answered 10 % of 200 requests',
    );
    assert.equal(e.met(at(2, sample('a', 'running', 0.1)), at(1)), false, 'still running');
    assert.equal(e.met(at(2, sample('a', 'done', 0.5)), at(1)), false, 'the replicas’ 50 %');
    assert.equal(e.met(at(2, sample('a', 'done', 0.1)), at(1, sample('a', 'done', 0.1))), false, 'not new');
    const service = { ...EMPTY_STATE, at: 2, traffic: { 'split/echo': sample('s', 'done', 0.1) } };
    assert.equal(e.met(service, at(1)), false, 'a sample through the Service');
  });
});
