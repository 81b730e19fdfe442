import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventsFor, sortEventsNewestFirst, toEventRow } from '../../../lib/models/event';
import coreList from '../../fixtures/k8s/events-core-v1.json' with { type: 'json' };
import newList from '../../fixtures/k8s/events-events-k8s-io-v1.json' with { type: 'json' };

const core = coreList.items.map(toEventRow);
const byReason = (rows: typeof core, reason: string) => rows.find((e) => e.reason === reason);

describe('toEventRow (core/v1)', () => {
  it('reads a kubelet event with count and first/last timestamps', () => {
    const e = byReason(core, 'Unhealthy');
    assert.equal(e?.type, 'Warning');
    assert.match(e?.message ?? '', /^Liveness probe failed/);
    assert.deepEqual(e?.involved, {
      kind: 'Pod',
      name: 'echo-6f7d8c9b5d-nltfh',
      uid: 'a3f1e0d2-6b7c-4d8e-9f01-2a3b4c5d6e7f',
      fieldPath: 'spec.containers{echo}',
    });
    assert.equal(e?.count, 3);
    assert.equal(e?.firstSeen, '2026-03-02T09:20:05Z');
    assert.equal(e?.lastSeen, '2026-03-02T09:20:07Z');
    assert.equal(e?.source, 'kubelet');
  });

  it('falls back to eventTime and count 1 for a singleton written through events.k8s.io', () => {
    const e = byReason(core, 'Scheduled');
    assert.equal(e?.count, 1);
    assert.equal(e?.firstSeen, '2026-03-02T09:45:10.118452Z');
    assert.equal(e?.lastSeen, '2026-03-02T09:45:10.118452Z');
    assert.equal(e?.source, 'default-scheduler');
  });

  it('takes count and last time from series', () => {
    const e = byReason(core, 'FailedScheduling');
    assert.equal(e?.count, 4);
    assert.equal(e?.firstSeen, '2026-03-02T10:03:00.500000Z');
    assert.equal(e?.lastSeen, '2026-03-02T10:06:12.250000Z');
  });
});

describe('toEventRow (events.k8s.io/v1)', () => {
  const rows = newList.items.map(toEventRow);

  it('reads note, regarding and reportingController', () => {
    const e = byReason(rows, 'Scheduled');
    assert.equal(e?.message, 'Successfully assigned podium-demo/echo-6f7d8c9b5d-zx9vb to kwok-node-0');
    assert.equal(e?.involved.name, 'echo-6f7d8c9b5d-zx9vb');
    assert.equal(e?.source, 'default-scheduler');
    assert.equal(e?.count, 1);
  });

  it('reads the deprecated fields of an event recorded by an old client', () => {
    const e = byReason(rows, 'BackOff');
    assert.equal(e?.count, 12);
    assert.equal(e?.firstSeen, '2026-03-02T09:35:12Z');
    assert.equal(e?.lastSeen, '2026-03-02T09:42:01Z');
    assert.equal(e?.source, 'kubelet');
  });

  it('agrees with the core/v1 view of the same events', () => {
    for (const reason of ['Scheduled', 'BackOff', 'FailedScheduling']) {
      const a = byReason(rows, reason);
      const b = byReason(core, reason);
      assert.deepEqual(
        [a?.count, a?.firstSeen, a?.lastSeen, a?.message],
        [b?.count, b?.firstSeen, b?.lastSeen, b?.message],
        reason,
      );
    }
  });
});

describe('sorting', () => {
  it('puts the newest occurrence first', () => {
    assert.deepEqual(
      sortEventsNewestFirst(core).map((e) => e.reason),
      [
        'FailedScheduling',
        'ScalingReplicaSet',
        'Scheduled',
        'BackOff',
        'Killing',
        'Unhealthy',
        'SuccessfulRescale',
      ],
    );
  });

  it('breaks ties by name and sorts events without times last', () => {
    const a = { ...core[0]!, name: 'b', lastSeen: '2026-03-02T09:00:00Z' };
    const b = { ...core[0]!, name: 'a', lastSeen: '2026-03-02T09:00:00Z' };
    const none = toEventRow({ metadata: { name: 'z' } });
    assert.deepEqual(
      sortEventsNewestFirst([none, a, b]).map((e) => e.name),
      ['a', 'b', 'z'],
    );
  });

  it('does not mutate its input', () => {
    const input = [...core];
    sortEventsNewestFirst(input);
    assert.deepEqual(input, core);
  });

  it('filters the events of one object', () => {
    assert.deepEqual(
      eventsFor(core, 'Pod', 'echo-6f7d8c9b5d-nltfh').map((e) => e.reason),
      ['Killing', 'Unhealthy'],
    );
  });
});
