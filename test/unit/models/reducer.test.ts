import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toPodRow } from '../../../lib/models/pod';
import {
  applyChanges,
  applySnapshot,
  byCreation,
  orderedItems,
  emptyKindState,
  itemsOf,
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

const get = <T>(state: KindState<T>, uid: string) => state.byUid.get(uid);
const uids = (state: KindState<unknown>) => [...state.byUid.keys()].sort();

describe('applySnapshot', () => {
  it('keys items by uid', () => {
    const state = applySnapshot([a, b]);
    assert.deepEqual(uids(state), [a.uid, b.uid].sort());
    assert.equal(get(state, a.uid), a);
  });

  it('returns the previous state itself when a relist changed nothing', () => {
    const first = applySnapshot([a, b]);
    assert.equal(applySnapshot([{ ...a }, { ...b }], first), first);
    assert.notEqual(applySnapshot([{ ...a }], first), first, 'one gone is a change');
  });

  it('keeps unchanged objects and drops vanished ones on a relist, in a new Map', () => {
    const first = applySnapshot([a, b]);
    const b2 = bumped(b, '49999', { restarts: 6 });
    const next = applySnapshot([{ ...a }, b2, c], first);
    assert.notEqual(next, first);
    assert.notEqual(next.byUid, first.byUid, 'a snapshot never writes into the state it replaces');
    assert.equal(get(next, a.uid), a, 'same resourceVersion keeps the old reference');
    assert.equal(get(next, b.uid), b2);
    assert.equal(get(next, c.uid), c);
    assert.equal(get(applySnapshot([a], next), b.uid), undefined);
  });
});

describe('applyChanges', () => {
  // each test starts from its own state: applyChanges supersedes the state it is given
  const fresh = () => applySnapshot([a, b]);

  it('ADDED inserts, MODIFIED replaces, DELETED removes, in batch order', () => {
    const b2 = bumped(b, '50001', { status: 'Running' });
    const next = applyChanges(fresh(), [ev('ADDED', c), ev('MODIFIED', b2), ev('DELETED', a)]);
    assert.deepEqual(uids(next), [b.uid, c.uid].sort());
    assert.equal(get(next, b.uid)?.status, 'Running');
  });

  it('returns a new state, one version on, that records what changed in order', () => {
    const start = fresh();
    const b2 = bumped(b, '50001');
    const next = applyChanges(start, [ev('ADDED', c), ev('MODIFIED', b2), ev('DELETED', a)]);
    assert.notEqual(next, start);
    assert.equal(next.version, start.version + 1);
    assert.deepEqual(next.delta, [
      { type: 'put', object: c },
      { type: 'put', object: b2 },
      { type: 'removed', object: a },
    ]);
  });

  it('returns the same object when nothing changed', () => {
    const start = fresh();
    assert.equal(applyChanges(start, []), start);
    assert.equal(applyChanges(start, [ev('MODIFIED', { ...a })]), start, 'same resourceVersion');
    assert.equal(applyChanges(start, [ev('ADDED', { ...b })]), start, 'duplicate ADDED');
    assert.equal(applyChanges(start, [ev('DELETED', c)]), start, 'DELETED of an unknown uid');
  });

  it('is idempotent: the same batch twice gives the same state, the second time by reference', () => {
    const batch = [ev('ADDED', c), ev('MODIFIED', bumped(a, '50010')), ev('DELETED', b)];
    const once = applyChanges(fresh(), batch);
    const twice = applyChanges(once, batch);
    assert.equal(twice, once);
  });

  it('compares resourceVersion only for equality, never as numbers', () => {
    // a lower-looking version is still a different version: replace, do not ignore
    const older = bumped(a, '9');
    assert.equal(get(applyChanges(fresh(), [ev('MODIFIED', older)]), a.uid), older);
    const opaque = bumped(a, 'etcd-rev-0x1f');
    assert.equal(
      get(applyChanges(fresh(), [ev('MODIFIED', opaque)]), a.uid)?.resourceVersion,
      'etcd-rev-0x1f',
    );
  });

  it('MODIFIED for an object it never saw inserts it (an ADDED lost before a snapshot)', () => {
    assert.equal(get(applyChanges(emptyKindState<PodRow>(), [ev('MODIFIED', c)]), c.uid), c);
  });

  it('the last event of a batch wins for one uid; different uids commute', () => {
    const a2 = bumped(a, '50020', { restarts: 4 });
    const a3 = bumped(a, '50021', { restarts: 5 });
    assert.equal(get(applyChanges(fresh(), [ev('MODIFIED', a2), ev('MODIFIED', a3)]), a.uid), a3);
    assert.equal(get(applyChanges(fresh(), [ev('MODIFIED', a2), ev('DELETED', a2)]), a.uid), undefined);
    assert.equal(
      get(applyChanges(fresh(), [ev('DELETED', a), ev('ADDED', a2)]), a.uid),
      a2,
      're-created after delete',
    );
    const x = applyChanges(fresh(), [ev('ADDED', c), ev('DELETED', b)]);
    const y = applyChanges(fresh(), [ev('DELETED', b), ev('ADDED', c)]);
    assert.deepEqual(new Map(x.byUid), new Map(y.byUid));
  });

  it('accepts the stream’s Change objects for the multiplexed kinds', () => {
    const changes: Change[] = [{ kind: 'pods', type: 'ADDED', object: c }];
    const state: KindState<AnySummary> = applyChanges<AnySummary>(emptyKindState(), changes);
    assert.equal(get(state, c.uid), c);
  });

  it('touches only the changed object at 10,000 pods: O(change), not O(namespace)', () => {
    const pods = Array.from({ length: 10_000 }, (_, i) => ({ ...a, uid: `u${i}`, name: `web-${i}` }));
    const state = applySnapshot(pods);
    // count every read and write of the state's Map while one batch of one change is applied
    const map = state.byUid as Map<string, PodRow>;
    const touched: string[] = [];
    for (const op of ['get', 'set', 'delete', 'has', 'forEach', 'keys', 'values', 'entries'] as const) {
      const original = map[op].bind(map) as (...args: unknown[]) => unknown;
      Object.defineProperty(map, op, {
        value: (...args: unknown[]) => (touched.push(op), original(...args)),
      });
    }
    const iterate = map[Symbol.iterator].bind(map);
    Object.defineProperty(map, Symbol.iterator, { value: () => (touched.push('iterate'), iterate()) });
    const next = applyChanges(state, [ev('MODIFIED', bumped(pods[4321]!, 'r2', { restarts: 9 }))]);
    assert.deepEqual(touched, ['get', 'set'], 'one look-up and one write');
    assert.equal(next.byUid.size, 10_000);
    assert.equal(get(next, 'u4321')?.restarts, 9);
  });
});

describe('byCreation', () => {
  const state = applySnapshot([c, a, b]);

  it('puts the newest pod last, ties broken by name', () => {
    assert.equal(itemsOf(state).sort(byCreation).at(-1)?.name, 'echo-6f7d8c9b5d-zx9vb');
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
  const sorted = (state: KindState<PodRow>) => itemsOf(state).sort(byCreation);
  const fresh = () => {
    const state = applySnapshot(pods);
    return { state, items: orderedItems(state) };
  };

  it('orders a fresh state oldest first, then by name', () => {
    const { state, items } = fresh();
    assert.deepEqual(items, sorted(state));
  });

  it('gives back the same list for the same state', () => {
    const previous = fresh();
    assert.equal(orderedItems(previous.state, previous), previous.items);
  });

  it('keeps the order through a batch of modifications, with the new versions', () => {
    const previous = fresh();
    const before = previous.items.slice();
    const next = applyChanges(previous.state, [
      ev('MODIFIED', bumped(pods[7]!, '9', { status: 'CrashLoopBackOff' })),
    ]);
    const out = orderedItems(next, previous);
    assert.deepEqual(out, sorted(next));
    assert.equal(out.find((p) => p.uid === 'u7')?.status, 'CrashLoopBackOff');
    assert.deepEqual(previous.items, before, 'the list given to readers before is not changed');
  });

  it('inserts and removes in place (even one of each: same count, other uids)', () => {
    const added = { ...a, uid: 'new', name: 'web-abc-new', createdAt: '2026-01-01T09:00:00Z' };
    const previous = fresh();
    const swap = applyChanges(previous.state, [ev('DELETED', pods[3]!), ev('ADDED', added)]);
    const out = orderedItems(swap, previous);
    assert.deepEqual(out, sorted(swap));
    assert.equal(out[0]?.uid, 'new');
    const second = { state: swap, items: out };
    const removed = applyChanges(swap, [ev('DELETED', pods[0]!), ev('DELETED', added)]);
    assert.deepEqual(orderedItems(removed, second), sorted(removed));
  });

  it('follows a delete and a re-create of one uid in one batch', () => {
    const previous = fresh();
    const again = bumped(pods[10]!, '77', { status: 'Pending' });
    const next = applyChanges(previous.state, [ev('DELETED', pods[10]!), ev('ADDED', again)]);
    const out = orderedItems(next, previous);
    assert.deepEqual(out, sorted(next));
    assert.equal(out.filter((p) => p.uid === 'u10').length, 1);
  });

  it('sorts again when it missed a version (a hidden tab that read nothing for a while)', () => {
    const previous = fresh();
    const v1 = applyChanges(previous.state, [ev('DELETED', pods[1]!)]);
    const v2 = applyChanges(v1, [ev('DELETED', pods[2]!)]);
    assert.deepEqual(orderedItems(v2, previous), sorted(v2));
  });
});
