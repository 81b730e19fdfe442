import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyTraffic, runOf } from '../../../lib/models/traffic-reducer';
import type { ProbeRun, TrafficRun } from '../../../lib/models/traffic';
import { probe } from './fixtures/probe-run';

describe('traffic reducer', () => {
  it('a snapshot replaces everything; updates append the new samples of the same run', () => {
    let s = applyTraffic({}, { type: 'snapshot', namespace: 'ns', runs: [probe('a', [0, 200])] });
    s = applyTraffic(s, { type: 'update', run: probe('a', [400], 3) });
    const run = runOf(s, 'probe', 'web');
    assert.deepEqual(
      run?.samples.map((x) => x.t),
      [0, 200, 400],
    );
    assert.equal(run?.sent, 3);
    assert.equal(runOf(s, 'load', 'web'), null);
  });

  it('a new run on the same Service replaces the old one', () => {
    let s = applyTraffic({}, { type: 'update', run: probe('a', [0, 200]) });
    s = applyTraffic(s, { type: 'update', run: probe('b', [1000]) });
    assert.deepEqual(
      runOf(s, 'probe', 'web')?.samples.map((x) => x.t),
      [1000],
    );
  });

  it('load points: the same second is replaced, a new one appended', () => {
    const load = (id: string, pts: [number, number][]): TrafficRun =>
      ({
        ...(probe(id, []) as ProbeRun),
        kind: 'load',
        concurrency: 1,
        rate: null,
        durationSeconds: 10,
        maxRequests: 10,
        sent: 0,
        errors: 0,
        errorKinds: {},
        inFlight: 0,
        cpuMs: 0,
        points: pts.map(([t, requests]) => ({ t, requests, errors: 0, p50: 1, p95: 1, p99: 1 })),
      }) as TrafficRun;
    let s = applyTraffic(
      {},
      {
        type: 'update',
        run: load('l', [
          [0, 5],
          [1000, 3],
        ]),
      },
    );
    s = applyTraffic(s, {
      type: 'update',
      run: load('l', [
        [1000, 9],
        [2000, 1],
      ]),
    });
    assert.deepEqual(
      runOf(s, 'load', 'web')?.points.map((p) => [p.t, p.requests]),
      [
        [0, 5],
        [1000, 9],
        [2000, 1],
      ],
    );
  });
});
