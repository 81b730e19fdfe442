import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  answeredBy,
  answerers,
  longestOutageMs,
  replicaSetOfAnswerer,
  replicaSetOfPodName,
  timelineColumns,
  trackSample,
  type OutageTracker,
} from '../../../lib/models/traffic-timeline';
import type { ProbeSample } from '../../../lib/models/traffic';
import type { ReplicaSetSummary } from '../../../lib/models/types';

const ok = (t: number, by = '1.0.0', ms = 5): ProbeSample => ({
  t,
  ms,
  ok: true,
  status: 200,
  answeredBy: by,
  pod: null,
  error: null,
});
const fail = (t: number, ms = 5): ProbeSample => ({
  t,
  ms,
  ok: false,
  status: 503,
  answeredBy: null,
  pod: null,
  error: 'server-error',
});

describe('availability timeline', () => {
  it('who answered: the reported version, else the pod’s ReplicaSet', () => {
    assert.equal(answeredBy({ version: '2.0.0', pod: 'web-7d9f8-abcde' }), '2.0.0');
    assert.equal(answeredBy({ version: null, pod: 'web-7d9f8-abcde' }), 'web-7d9f8');
    assert.equal(
      answeredBy({ version: null, pod: 'web-7d9f8-abcde' }, () => 'web-from-owner'),
      'web-from-owner',
    );
    assert.equal(answeredBy({ version: null, pod: null }), null);
    assert.equal(replicaSetOfPodName('standalone'), null);
  });

  it('longest outage: first failure to the next success; an ongoing one runs to now', () => {
    const s = [ok(0), fail(200), fail(400), ok(600), fail(800), ok(1000), fail(1200)];
    assert.equal(longestOutageMs(s.slice(0, 6)), 400);
    assert.equal(longestOutageMs(s, 2000), 800);
    assert.equal(longestOutageMs([ok(0), ok(200)]), 0);
  });

  it('the server’s running tracker agrees with the whole-series computation', () => {
    const s = [ok(0), fail(200), fail(400), ok(600), fail(800), ok(1000)];
    let t: OutageTracker = { failures: 0, longestOutageMs: 0, outageSince: null };
    for (const x of s) t = trackSample(t, x);
    assert.deepEqual(t, { failures: 3, longestOutageMs: 400, outageSince: null });
  });

  it('columns: counts per slice, the majority answerer, the slowest latency', () => {
    const s = [ok(0, 'a', 3), ok(100, 'b', 9), ok(150, 'b'), fail(600, 2000), ok(950, 'a')];
    const cols = timelineColumns(s, 0, 1000, 2);
    assert.deepEqual(
      cols.map((c) => [c.from, c.ok, c.failed, c.answeredBy, c.maxMs]),
      [
        [0, 3, 0, 'b', 9],
        [500, 1, 1, 'a', 2000],
      ],
    );
    assert.equal(timelineColumns([], 0, 1000, 300).length, 300);
  });

  it('legend order and colours shared with the ReplicaSet bars', () => {
    const s = [ok(0, '1.0.0'), ok(1, '2.0.0'), ok(2, '1.0.0')];
    assert.deepEqual(answerers(s), ['1.0.0', '2.0.0']);
    const rs = (name: string, version: string | null, revision: number) =>
      ({ name, version, revision }) as ReplicaSetSummary;
    const sets = [rs('web-a', '1.0.0', 1), rs('web-b', '2.0.0', 2), rs('web-c', '1.0.0', 3)];
    assert.equal(replicaSetOfAnswerer('1.0.0', sets), 'web-c');
    assert.equal(replicaSetOfAnswerer('web-b', sets), 'web-b');
    assert.equal(replicaSetOfAnswerer('9.9.9', sets), null);
  });
});
