import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toPodRow } from '../../../lib/models/pod';
import {
  applyChanges,
  applySnapshot,
  byCreation,
  orderedItems,
  stateSize,
  type KeyedChange,
  type KindState,
} from '../../../lib/models/reducer';
import type { Change } from '../../../lib/models/stream';
import type { AnySummary, PodRow } from '../../../lib/models/types';
import crashloop from '../../fixtures/k8s/pod-echo-crashloop.json' with { type: 'json' };
import creating from '../../fixtures/k8s/pod-echo-creating.json' with { type: 'json' };
import restarted from '../../fixtures/k8s/pod-echo-restarted.json' with { type: 'json' };

const a = toPodRow(restarted);
const b = toPodRow(crashloop);
const c = toPodRow(creating);
/** The same pod at a later resourceVersion, as a MODIFIED event carries it. */
const bumped = (row: PodRow, rv: string, patch: Partial<PodRow> = {}): PodRow => ({
  ...row,
  ...patch,
  resourceVersion: rv,
});
const ev = (type: Change['type'], object: PodRow): KeyedChange<PodRow> => ({ type, object });

describe('applySnapshot', () => {
  it('keys items by uid', () => {
    const state = applySnapshot([a, b]);
    assert.deepEqual(Object.keys(state).sort(), [a.uid, b.uid].sort());
    assert.equal(state[a.uid], a);
  });

  it('returns the previous state itself when a relist changed nothing', () => {
    const first = applySnapshot([a, b]);
    assert.equal(applySnapshot([{ ...a }, { ...b }], first), first);
  });

  it('keeps unchanged objects and drops vanished ones on a relist', () => {
    const first = applySnapshot([a, b]);
    const b2 = bumped(b, '49999', { restarts: 6 });
    const next = applySnapshot([{ ...a }, b2, c], first);
    assert.notEqual(next, first);
    assert.equal(next[a.uid], a, 'same resourceVersion keeps the old reference');
    assert.equal(next[b.uid], b2);
    assert.equal(next[c.uid], c);
    assert.equal(applySnapshot([a], next)[b.uid], undefined);
  });
});

describe('applyChanges', () => {
  const start = applySnapshot([a, b]);

  it('ADDED inserts, MODIFIED replaces, DELETED removes, in batch order', () => {
    const b2 = bumped(b, '50001', { status: 'Running' });
    const next = applyChanges(start, [ev('ADDED', c), ev('MODIFIED', b2), ev('DELETED', a)]);
    assert.deepEqual(Object.keys(next).sort(), [b.uid, c.uid].sort());
    assert.equal(next[b.uid]?.status, 'Running');
  });

  it('never mutates the input state', () => {
    const frozen = Object.freeze({ ...start });
    applyChanges(frozen, [ev('ADDED', c), ev('DELETED', a)]);
    assert.deepEqual(Object.keys(frozen).sort(), [a.uid, b.uid].sort());
  });

  it('returns the same object when nothing changed', () => {
    assert.equal(applyChanges(start, []), start);
    assert.equal(applyChanges(start, [ev('MODIFIED', { ...a })]), start, 'same resourceVersion');
    assert.equal(applyChanges(start, [ev('ADDED', { ...b })]), start, 'duplicate ADDED');
    assert.equal(applyChanges(start, [ev('DELETED', c)]), start, 'DELETED of an unknown uid');
  });

  it('is idempotent: the same batch twice gives the same state, the second time by reference', () => {
    const batch = [ev('ADDED', c), ev('MODIFIED', bumped(a, '50010')), ev('DELETED', b)];
    const once = applyChanges(start, batch);
    const twice = applyChanges(once, batch);
    assert.equal(twice, once);
  });

  it('compares resourceVersion only for equality, never as numbers', () => {
    // a lower-looking version is still a different version: replace, do not ignore
    const older = bumped(a, '9');
    assert.equal(applyChanges(start, [ev('MODIFIED', older)])[a.uid], older);
    const opaque = bumped(a, 'etcd-rev-0x1f');
    assert.equal(applyChanges(start, [ev('MODIFIED', opaque)])[a.uid]?.resourceVersion, 'etcd-rev-0x1f');
  });

  it('MODIFIED for an object it never saw inserts it (an ADDED lost before a snapshot)', () => {
    assert.equal(applyChanges({}, [ev('MODIFIED', c)])[c.uid], c);
  });

  it('the last event of a batch wins for one uid; different uids commute', () => {
    const a2 = bumped(a, '50020', { restarts: 4 });
    const a3 = bumped(a, '50021', { restarts: 5 });
    assert.equal(applyChanges(start, [ev('MODIFIED', a2), ev('MODIFIED', a3)])[a.uid], a3);
    assert.equal(applyChanges(start, [ev('MODIFIED', a2), ev('DELETED', a2)])[a.uid], undefined);
    assert.equal(
      applyChanges(start, [ev('DELETED', a), ev('ADDED', a2)])[a.uid],
      a2,
      're-created after delete',
    );
    const x = applyChanges(start, [ev('ADDED', c), ev('DELETED', b)]);
    const y = applyChanges(start, [ev('DELETED', b), ev('ADDED', c)]);
    assert.deepEqual(x, y);
  });

  it('accepts the stream’s Change objects for the multiplexed kinds', () => {
    const changes: Change[] = [{ kind: 'pods', type: 'ADDED', object: c }];
    const state: KindState<AnySummary> = applyChanges<AnySummary>({}, changes);
    assert.equal(state[c.uid], c);
  });
});

describe('byCreation', () => {
  const state = applySnapshot([c, a, b]);

  it('puts the newest pod last, ties broken by name', () => {
    assert.equal(Object.values(state).sort(byCreation).at(-1)?.name, 'echo-6f7d8c9b5d-zx9vb');
    const t = '2026-01-01T00:00:00Z';
    assert.deepEqual(
      [
        { createdAt: t, name: 'b' },
        { createdAt: t, name: 'a' },
      ]
        .sort(byCreation)
        .map((x) => x.name),
      ['a', 'b'],
    );
  });
});

describe('orderedItems (useKind’s list, kept across batches)', () => {
  const pods = Array.from({ length: 50 }, (_, i) => ({
    ...a,
    uid: `u${i}`,
    name: `web-abc-${String(i).padStart(3, '0')}`,
    createdAt: `2026-01-01T10:00:${String(59 - Math.floor(i / 2)).padStart(2, '0')}Z`,
  }));
  const sorted = (state: KindState<PodRow>) => Object.values(state).sort(byCreation);
  const first = applySnapshot(pods);
  const items = orderedItems(first);

  it('orders a fresh state oldest first, then by name', () => {
    assert.deepEqual(items, sorted(first));
  });

  it('gives back the same list for the same state', () => {
    assert.equal(orderedItems(first, { state: first, items }), items);
  });

  it('keeps the order through a batch of modifications, with the new versions', () => {
    const next = applyChanges(first, [ev('MODIFIED', bumped(pods[7]!, '9', { status: 'CrashLoopBackOff' }))]);
    const out = orderedItems(next, { state: first, items });
    assert.deepEqual(out, sorted(next));
    assert.equal(out.find((p) => p.uid === 'u7')?.status, 'CrashLoopBackOff');
  });

  it('sorts again when a batch adds or removes (even one of each: same count, other uids)', () => {
    const added = { ...a, uid: 'new', name: 'web-abc-new', createdAt: '2026-01-01T09:00:00Z' };
    const swap = applyChanges(first, [ev('DELETED', pods[3]!), ev('ADDED', added)]);
    const out = orderedItems(swap, { state: first, items });
    assert.deepEqual(out, sorted(swap));
    assert.equal(out[0]?.uid, 'new');
    const removed = applyChanges(first, [ev('DELETED', pods[0]!)]);
    assert.deepEqual(orderedItems(removed, { state: first, items }), sorted(removed));
  });
});

describe('stateSize', () => {
  it('follows snapshots and batches without counting keys again', () => {
    const s1 = applySnapshot([a, b, a]);
    assert.equal(stateSize(s1), 2);
    const s2 = applyChanges(s1, [ev('ADDED', c), ev('MODIFIED', bumped(a, '99')), ev('DELETED', b)]);
    assert.equal(stateSize(s2), Object.keys(s2).length);
    assert.equal(stateSize(s2), 2);
    assert.equal(stateSize(applyChanges(s2, [ev('DELETED', b)])), 2); // nothing to delete: same state
    assert.equal(stateSize({ x: a }), 1); // a state the reducer did not make
  });
});
