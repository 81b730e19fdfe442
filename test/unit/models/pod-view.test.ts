import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_POD_QUERY,
  countPods,
  PodListCounter,
  describeCounts,
  groupPodsByNode,
  groupPodsByReplicaSet,
  isFiltered,
  parsePodQuery,
  podFacets,
  podQueryParams,
  queryPods,
  toRows,
  type PodQuery,
} from '@/lib/models/pod-view';
import { toPodRow, type RawPod } from '@/lib/models/pod';
import type { PodRow } from '@/lib/models/types';
import recorded from '../../fixtures/k8s/pod-echo-restarted.json' with { type: 'json' };

// Real-shaped pods: a recorded pod, renamed and re-stated per case.
const base = toPodRow(recorded as RawPod);

function pod(name: string, over: Partial<PodRow> = {}): PodRow {
  return { ...base, uid: `uid-${name}`, name, restarts: 0, ...over };
}

const q = (over: Partial<PodQuery> = {}): PodQuery => ({ ...DEFAULT_POD_QUERY, ...over });

describe('parsePodQuery and podQueryParams', () => {
  it('reads what a shared link says and writes it back the same way', () => {
    const url = new URLSearchParams(
      'phase=Pending&ready=not-ready&node=kwok-node-1&q=web&sort=restarts&desc=1',
    );
    const query = parsePodQuery(url);
    assert.deepEqual(query, {
      phase: 'Pending',
      ready: 'not-ready',
      node: 'kwok-node-1',
      text: 'web',
      sort: 'restarts',
      desc: true,
    });
    assert.equal(podQueryParams(query).toString(), url.toString());
  });
  it('drops values it does not know instead of breaking the page', () => {
    const query = parsePodQuery(new URLSearchParams('phase=Sleeping&ready=maybe&sort=colour&desc=yes'));
    assert.deepEqual(query, DEFAULT_POD_QUERY);
    assert.equal(isFiltered(query), false);
  });
  it('keeps the other parameters of the page and leaves defaults out', () => {
    const params = podQueryParams(q({ text: '  ', ready: 'ready' }), 'tab=pods&phase=Running');
    assert.equal(params.toString(), 'tab=pods&ready=ready');
  });
  it('keeps an empty node, which means "not scheduled"', () => {
    const params = podQueryParams(q({ node: '' }));
    assert.equal(params.toString(), 'node=');
    assert.equal(parsePodQuery(params).node, '');
  });
});

describe('queryPods', () => {
  const pods = [
    pod('web-a', {
      phase: 'Running',
      ready: true,
      node: 'n1',
      restarts: 3,
      createdAt: '2026-01-01T10:00:02Z',
    }),
    pod('web-b', {
      phase: 'Pending',
      status: 'ContainerCreating',
      ready: false,
      node: 'n2',
      createdAt: '2026-01-01T10:00:01Z',
    }),
    pod('api-c', {
      phase: 'Pending',
      status: 'Pending',
      ready: false,
      node: null,
      createdAt: '2026-01-01T10:00:03Z',
    }),
    pod('web-d', { phase: 'Running', status: 'CrashLoopBackOff', ready: false, node: 'n1', restarts: 9 }),
  ];
  const names = (list: readonly PodRow[]) => list.map((p) => p.name);

  it('filters by phase, readiness, node and text together', () => {
    assert.deepEqual(names(queryPods(pods, q({ phase: 'Pending' }))), ['web-b', 'api-c']);
    assert.deepEqual(names(queryPods(pods, q({ ready: 'ready' }))), ['web-a']);
    assert.deepEqual(names(queryPods(pods, q({ node: '' }))), ['api-c']);
    assert.deepEqual(names(queryPods(pods, q({ node: 'n1', ready: 'not-ready' }))), ['web-d']);
    assert.deepEqual(names(queryPods(pods, q({ text: 'CRASH' }))), ['web-d'], 'the status word matches too');
  });
  it('sorts by the chosen column, ties oldest first, and reverses', () => {
    assert.deepEqual(names(queryPods(pods, q({ sort: 'restarts', desc: true }))), [
      'web-d',
      'web-a',
      'web-b',
      'api-c',
    ]);
    assert.deepEqual(names(queryPods(pods, q({ sort: 'name' }))), ['api-c', 'web-a', 'web-b', 'web-d']);
    // failing pods come first when sorted by status: they are what a person looks for
    assert.equal(queryPods(pods, q({ sort: 'status' }))[0]?.name, 'web-d');
  });
  it('gives back the very list when it is already in the default order, else sorts a copy', () => {
    const oldestFirst = queryPods(pods, q({}));
    assert.deepEqual(names(oldestFirst), ['web-b', 'web-a', 'api-c', 'web-d']);
    assert.notEqual(oldestFirst, pods, 'an unsorted list is sorted into a copy');
    assert.equal(queryPods(oldestFirst, q({})), oldestFirst, 'a sorted list comes back as it is: no copy');
  });
  it('never changes the list it was given', () => {
    const before = names(pods);
    queryPods(pods, q({ sort: 'name', desc: true }));
    assert.deepEqual(names(pods), before);
  });
});

describe('podFacets', () => {
  it('offers each phase and node present with its count, unscheduled as ""', () => {
    const facets = podFacets([
      pod('a', { node: 'n2' }),
      pod('b', { node: 'n1' }),
      pod('c', { node: null, phase: 'Pending' }),
    ]);
    assert.deepEqual(facets.nodes, [
      ['', 1],
      ['n1', 1],
      ['n2', 1],
    ]);
    assert.deepEqual(facets.phases, [
      ['Pending', 1],
      ['Running', 2],
    ]);
  });
});

describe('counts per ReplicaSet', () => {
  it('counts 10,000 pods by look, phase, readiness and restarts', () => {
    const pods = Array.from({ length: 10_000 }, (_, i) =>
      pod(`big-${i}`, {
        ready: i % 100 !== 0,
        status: i % 100 === 0 ? 'CrashLoopBackOff' : 'Running',
        restarts: i % 100 === 0 ? 2 : 0,
        owner: i < 9_000 ? 'big-new' : 'big-old',
      }),
    );
    const groups = groupPodsByReplicaSet(pods);
    assert.deepEqual(
      groups.map((g) => [g.key, g.pods.length]),
      [
        ['big-new', 9_000],
        ['big-old', 1_000],
      ],
    );
    const counts = countPods(pods);
    assert.equal(counts.total, 10_000);
    assert.equal(counts.ready, 9_900);
    assert.equal(counts.restarts, 200);
    assert.equal(counts.restarted, 100);
    assert.deepEqual(counts.byLook, { ready: 9_900, starting: 0, failing: 100, terminating: 0, done: 0 });
    assert.equal(counts.byPhase.Running, 10_000);
    assert.equal(describeCounts(counts), '9,900 ready · 100 failing');
    assert.equal(describeCounts(countPods([])), 'no pods');
  });
  it('follows a list that changes a few pods at a time as a fresh count would (PodListCounter)', () => {
    const counter = new PodListCounter();
    let pods = Array.from({ length: 50 }, (_, i) => pod(`c-${i}`, { ready: i % 5 !== 0 }));
    assert.deepEqual(counter.count(pods), countPods(pods));
    const change = (i: number, over: Partial<PodRow>) =>
      (pods = pods.map((p, j) => (j === i ? { ...p, ...over } : p)));
    change(3, { status: 'CrashLoopBackOff', ready: false, restarts: 4 });
    change(7, { phase: 'Pending', status: 'ContainerCreating', ready: false });
    assert.deepEqual(counter.count(pods), countPods(pods), 'two pods changed in place');
    change(7, { phase: 'Running', status: 'Running', ready: true });
    change(3, { deleting: true });
    assert.deepEqual(counter.count(pods), countPods(pods), 'changed back, and one terminating');
    pods = pods.slice(1);
    assert.deepEqual(counter.count(pods), countPods(pods), 'a pod gone: counted afresh');
    const given = counter.count(pods);
    given.byLook.ready = -1;
    assert.deepEqual(counter.count(pods), countPods(pods), 'what it returned is the caller’s to change');
  });
  it('counts looks and phases, whatever the order of the phases', () => {
    const pods = ['Running', 'Pending', 'Running', 'Running', 'Succeeded', 'Pending'].map((phase, i) =>
      pod(`p-${i}`, {
        phase,
        status: phase === 'Succeeded' ? 'Completed' : phase === 'Pending' ? 'ContainerCreating' : 'Running',
        ready: phase === 'Running' && i !== 3,
        restarts: i % 2,
      }),
    );
    assert.deepEqual(countPods(pods).byPhase, { Running: 3, Pending: 2, Succeeded: 1 });
    assert.deepEqual(countPods(pods).byLook, { ready: 2, starting: 3, failing: 0, terminating: 0, done: 1 });
  });
});

describe('groupPodsByNode', () => {
  it('groups by node name, the pods not scheduled yet last', () => {
    const groups = groupPodsByNode([
      pod('a', { node: null }),
      pod('b', { node: 'n2' }),
      pod('c', { node: 'n1' }),
      pod('d', { node: 'n2' }),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.key, g.pods.map((p) => p.name).join()]),
      [
        ['n1', 'c'],
        ['n2', 'b,d'],
        ['', 'a'],
      ],
    );
  });
});

describe('toRows', () => {
  it('cuts tiles into rows of the grid width', () => {
    assert.deepEqual(toRows([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(toRows([1, 2], 0), [[1], [2]], 'at least one column');
    assert.deepEqual(toRows([], 4), []);
  });
});
