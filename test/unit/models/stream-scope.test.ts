// The live stream's scopes (lib/models/stream-scope.ts) on objects recorded from a real cluster: a
// canary pair of Deployments (stable and canary, with overlapping selectors) and their pods.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toDeploymentSummary, type RawDeployment } from '@/lib/models/deployment';
import { toPodRow, type RawPod } from '@/lib/models/pod';
import { emptyCounts } from '@/lib/models/pod-view';
import {
  OVERVIEW_POD_LIMIT,
  createScoper,
  podCountsByDeployment,
  scopeOfPath,
  streamScopeUrl,
  type ScopedOutput,
} from '@/lib/models/stream-scope';
import type { Change } from '@/lib/models/stream';
import type { DeploymentSummary, EventRow, PodRow } from '@/lib/models/types';
import { describeIssue, streamQuery } from '@/lib/validation';
import canaryDeployments from '../../fixtures/k8s/canary-deployments.json' with { type: 'json' };
import canaryPods from '../../fixtures/k8s/canary-pods.json' with { type: 'json' };
import { replicaSet } from '../../helpers/summaries';

const deployments = (canaryDeployments as { items: RawDeployment[] }).items.map(toDeploymentSummary);
const pods = (canaryPods as { items: RawPod[] }).items.map(toPodRow);

// the ReplicaSets the recorded pods name as their owners, owned as the deployment controller does
const replicaSets = [...new Set(pods.map((p) => p.owner!))].map((name) =>
  replicaSet(name, { owner: name.startsWith('dummy-api-canary') ? 'dummy-api-canary' : 'dummy-api-stable' }),
);

function event(kind: string, name: string): EventRow {
  return {
    uid: `ev-${kind}-${name}`,
    name: `${name}.1`,
    namespace: 'demo',
    resourceVersion: '1',
    createdAt: '2026-01-01T00:00:00Z',
    type: 'Normal',
    reason: 'Test',
    message: '',
    involved: { kind, name, uid: null, fieldPath: null },
    count: 1,
    firstSeen: null,
    lastSeen: null,
    source: null,
  };
}

const names = (out: ScopedOutput[], kind: string) =>
  out.flatMap((o) => (o.type === 'snapshot' && o.kind === kind ? o.items.map((i) => i.name) : []));
const changeNames = (out: ScopedOutput[] | Change[]) =>
  (out as (ScopedOutput | Change)[]).flatMap((o) =>
    'changes' in o
      ? o.changes.map((c) => `${c.type} ${c.object.name}`)
      : 'object' in o
        ? [`${o.type} ${o.object.name}`]
        : [],
  );

describe('streamQuery (GET /api/stream)', () => {
  it('takes a namespace and at most one scope', () => {
    assert.deepEqual(streamQuery.parse({ namespace: 'demo', deployment: 'web' }), {
      namespace: 'demo',
      deployment: 'web',
    });
    assert.deepEqual(streamQuery.parse({ namespace: 'demo', view: 'overview' }), {
      namespace: 'demo',
      view: 'overview',
    });
  });
  it('says what is wrong with a bad query', () => {
    const why = (q: Record<string, string>) => {
      const r = streamQuery.safeParse(q);
      return r.success ? 'ok' : describeIssue(r.error, 'query');
    };
    assert.match(why({ namespace: 'demo', deployment: 'Web_1' }), /^deployment: must be lower-case/);
    assert.equal(why({ namespace: 'demo', view: 'all' }), 'view: must be "overview" (or left out)');
    assert.equal(
      why({ namespace: 'demo', deployment: 'web', view: 'overview' }),
      'view: give either deployment=<name> or view=overview, not both',
    );
    assert.equal(why({ namespace: 'demo', pods: 'all' }), 'query: Unrecognized key: "pods"');
    assert.match(why({ namespace: '' }), /^namespace: must not be empty/);
  });
});

describe('streamScopeUrl and scopeOfPath', () => {
  it('gives each page its URL, which the browser keys its one stream by', () => {
    assert.equal(streamScopeUrl(scopeOfPath('demo', '/ns/demo')), '/api/stream?namespace=demo&view=overview');
    assert.equal(
      streamScopeUrl(scopeOfPath('demo', '/ns/demo/deployments/web/projector')),
      '/api/stream?namespace=demo&deployment=web',
    );
    assert.equal(streamScopeUrl(scopeOfPath('demo', '/ns/demo/lessons/001')), '/api/stream?namespace=demo');
    assert.equal(
      streamScopeUrl(scopeOfPath('demo', '/ns/other/deployments/web')),
      '/api/stream?namespace=demo',
    );
  });
});

describe('a deployment scope', () => {
  it('sends only its ReplicaSets, pods and their events, once the ReplicaSets are known', () => {
    const s = createScoper({ namespace: 'demo', deployment: 'dummy-api-canary' });
    assert.deepEqual(
      s.accept('pods', { type: 'snapshot', items: pods }),
      [],
      'pods wait for the ReplicaSets',
    );
    assert.deepEqual(
      s.accept('events', {
        type: 'snapshot',
        items: [
          event('Pod', pods[0]!.name),
          event('Pod', pods[4]!.name),
          event('Deployment', 'dummy-api-canary'),
        ],
      }),
      [],
    );
    const out = s.accept('replicasets', { type: 'snapshot', items: replicaSets });
    assert.deepEqual(names(out, 'replicasets'), [
      'dummy-api-canary-5d8c7b9f64',
      'dummy-api-canary-6c9d8e7f55',
    ]);
    assert.deepEqual(names(out, 'pods'), [
      'dummy-api-canary-5d8c7b9f64-r6hfp',
      'dummy-api-canary-6c9d8e7f55-b2n4c',
    ]);
    assert.deepEqual(names(out, 'events'), [`${pods[4]!.name}.1`, 'dummy-api-canary.1']);
    // the other kinds pass as they are
    assert.deepEqual(
      names(s.accept('deployments', { type: 'snapshot', items: deployments }), 'deployments').length,
      2,
    );
  });

  it('follows changes: a stable pod is dropped, a pod of a new ReplicaSet is sent, one orphaned is taken back', () => {
    const s = createScoper({ namespace: 'demo', deployment: 'dummy-api-canary' });
    s.accept('replicasets', { type: 'snapshot', items: replicaSets });
    s.accept('pods', { type: 'snapshot', items: pods });
    const stable = pods[0]!;
    const canary = pods[3]!;
    assert.deepEqual(
      changeNames(
        s.accept('pods', { type: 'changes', changes: [{ kind: 'pods', type: 'MODIFIED', object: stable }] }),
      ),
      [],
    );
    // a pod whose ReplicaSet has not arrived yet: the deployment controller's naming tells
    const early: PodRow = {
      ...canary,
      uid: 'new',
      name: 'dummy-api-canary-77aa-x',
      owner: 'dummy-api-canary-77aa',
      podTemplateHash: '77aa',
    };
    assert.deepEqual(
      changeNames(
        s.accept('pods', { type: 'changes', changes: [{ kind: 'pods', type: 'ADDED', object: early }] }),
      ),
      ['ADDED dummy-api-canary-77aa-x'],
    );
    const orphan: PodRow = { ...canary, owner: null, resourceVersion: '99' };
    assert.deepEqual(
      changeNames(
        s.accept('pods', { type: 'changes', changes: [{ kind: 'pods', type: 'MODIFIED', object: orphan }] }),
      ),
      [`DELETED ${canary.name}`],
    );
  });

  it('re-filters pods when a ReplicaSet changes hands', () => {
    const s = createScoper({ namespace: 'demo', deployment: 'dummy-api-canary' });
    s.accept('replicasets', { type: 'snapshot', items: replicaSets });
    s.accept('pods', { type: 'snapshot', items: pods });
    const adopted = { ...replicaSets[0]!, owner: 'dummy-api-canary', resourceVersion: '2' }; // the stable's RS
    const out = s.accept('replicasets', {
      type: 'changes',
      changes: [{ kind: 'replicasets', type: 'MODIFIED', object: adopted }],
    });
    assert.deepEqual(changeNames(out).sort(), [
      `ADDED ${pods[0]!.name}`,
      `ADDED ${pods[1]!.name}`,
      `ADDED ${pods[2]!.name}`,
      `MODIFIED ${adopted.name}`,
    ]);
  });

  it("sends only its pods' usage and history", () => {
    const s = createScoper({ namespace: 'demo', deployment: 'dummy-api-stable' });
    const usage = pods.map((p) => ({ pod: p.name, cpuMilli: 1, memoryBytes: 1, timestamp: '' }));
    assert.equal(s.usage(usage)?.length, 3);
    const point = s.historyPoint({
      t: 1,
      deployments: {},
      hpas: {},
      pods: Object.fromEntries(usage.map((u) => [u.pod, u])),
    });
    assert.equal(Object.keys(point?.pods ?? {}).length, 3);
  });
});

describe('the overview scope', () => {
  const many = (n: number): PodRow[] =>
    Array.from({ length: n }, (_, i) => ({ ...pods[i % 3]!, uid: `p${i}`, name: `p${i}`, restarts: i % 2 }));

  it("counts every deployment's pods, by ownerReferences", () => {
    const counts = podCountsByDeployment(pods, replicaSets);
    assert.equal(counts.get('dummy-api-stable')?.total, 3);
    assert.equal(counts.get('dummy-api-canary')?.total, 2);
  });

  it('sends counts instead of the pods when the namespace is large, and counts each batch once', () => {
    const s = createScoper({ namespace: 'demo', view: 'overview' });
    const first = s.accept('deployments', { type: 'snapshot', items: deployments });
    assert.equal(
      (first[0] as { items: DeploymentSummary[] }).items[0]?.podCounts,
      undefined,
      'no "0 pods" before the pods are known',
    );
    s.accept('replicasets', { type: 'snapshot', items: replicaSets });
    const big = many(OVERVIEW_POD_LIMIT + 1);
    const out = s.accept('pods', { type: 'snapshot', items: big });
    assert.deepEqual(out, [{ type: 'snapshot', kind: 'pods', items: [] }], 'a large namespace: no pods');
    assert.equal(s.hasDue, true);
    const due = s.due();
    const stable = due.find((c) => c.object.name === 'dummy-api-stable')!.object as DeploymentSummary;
    assert.equal(stable.podCounts?.total, OVERVIEW_POD_LIMIT + 1);
    assert.equal(stable.podCounts?.restarts, Math.floor((OVERVIEW_POD_LIMIT + 1) / 2));
    assert.deepEqual(s.due(), [], 'nothing new, nothing sent');

    // a restart leaves the Deployment object alone, yet the card's count moves
    const restarted = { ...big[0]!, restarts: 5, resourceVersion: '2' };
    assert.deepEqual(
      s.accept('pods', { type: 'changes', changes: [{ kind: 'pods', type: 'MODIFIED', object: restarted }] }),
      [],
    );
    const next = s.due();
    assert.deepEqual(changeNames(next), ['MODIFIED dummy-api-stable']);
    assert.equal((next[0]!.object as DeploymentSummary).podCounts?.restarts, stable.podCounts!.restarts + 5);
  });

  it('sends the pods of a small namespace, and takes them back when it grows', () => {
    const s = createScoper({ namespace: 'demo', view: 'overview' });
    assert.deepEqual(names(s.accept('pods', { type: 'snapshot', items: pods }), 'pods').length, 5);
    const grow = many(OVERVIEW_POD_LIMIT).map((p) => ({ kind: 'pods', type: 'ADDED', object: p }) as Change);
    assert.deepEqual(s.accept('pods', { type: 'changes', changes: grow }), [
      { type: 'snapshot', kind: 'pods', items: [] },
    ]);
    const events = s.accept('events', {
      type: 'snapshot',
      items: [event('Pod', 'p1'), event('Deployment', 'x')],
    });
    assert.deepEqual(names(events, 'events'), ['x.1'], 'no pod events on the overview');
    assert.equal(s.usage([]), null);
  });
});

describe('the overview’s counts follow pod changes without counting the namespace again', () => {
  const many = (n: number): PodRow[] =>
    Array.from({ length: n }, (_, i) => ({ ...pods[i % 5]!, uid: `q${i}`, name: `q${i}`, restarts: 0 }));

  it('match a full count after a random churn of adds, changes, deletions and a new ReplicaSet', () => {
    const s = createScoper({ namespace: 'demo', view: 'overview' });
    s.accept('deployments', { type: 'snapshot', items: deployments });
    let owned = replicaSets;
    s.accept('replicasets', { type: 'snapshot', items: owned });
    const live = new Map(many(600).map((p) => [p.uid, p]));
    s.accept('pods', { type: 'snapshot', items: [...live.values()] });
    s.due();
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const sentCounts = new Map<string, DeploymentSummary>();
    for (let round = 0; round < 50; round++) {
      const changes: Change[] = [];
      for (let k = 0; k < 20; k++) {
        const uids = [...live.keys()];
        const pick = live.get(uids[rnd(uids.length)]!)!;
        const op = rnd(3);
        if (op === 0) {
          live.delete(pick.uid);
          changes.push({ kind: 'pods', type: 'DELETED', object: pick });
        } else if (op === 1) {
          const next = {
            ...pick,
            restarts: pick.restarts + 1,
            ready: !pick.ready,
            resourceVersion: `r${round}-${k}`,
          };
          live.set(pick.uid, next);
          changes.push({ kind: 'pods', type: 'MODIFIED', object: next });
        } else {
          const added = { ...pods[rnd(5)]!, uid: `n${round}-${k}`, name: `n${round}-${k}` };
          live.set(added.uid, added);
          changes.push({ kind: 'pods', type: 'ADDED', object: added });
        }
      }
      s.accept('pods', { type: 'changes', changes });
      if (round === 25) {
        // a ReplicaSet changes hands: the canary's pods now count for the stable Deployment
        const moved = replicaSets.map((r) =>
          r.owner === 'dummy-api-canary' ? { ...r, owner: 'dummy-api-stable', resourceVersion: '2' } : r,
        );
        s.accept('replicasets', { type: 'snapshot', items: moved });
        owned = moved;
      }
      for (const c of s.due()) sentCounts.set(c.object.name, c.object as DeploymentSummary);
    }
    const full = podCountsByDeployment(live.values(), owned);
    for (const d of deployments) {
      assert.deepEqual(sentCounts.get(d.name)?.podCounts, full.get(d.name) ?? emptyCounts(), d.name);
    }
  });

  it('a batch that touches one Deployment’s pods sends only that Deployment', () => {
    const s = createScoper({ namespace: 'demo', view: 'overview' });
    s.accept('deployments', { type: 'snapshot', items: deployments });
    s.accept('replicasets', { type: 'snapshot', items: replicaSets });
    s.accept('pods', { type: 'snapshot', items: pods });
    s.due();
    const canaryPod = pods.find((p) => p.owner?.startsWith('dummy-api-canary'))!;
    s.accept('pods', {
      type: 'changes',
      changes: [
        { kind: 'pods', type: 'MODIFIED', object: { ...canaryPod, restarts: 9, resourceVersion: 'z' } },
      ],
    });
    assert.deepEqual(changeNames(s.due()), ['MODIFIED dummy-api-canary']);
  });
});

describe('a deployment page’s events: the newest 200', () => {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  const podEvent = (i: number): EventRow => ({
    ...event('Pod', `${replicaSets[0]!.name}-x${i}`),
    uid: `e${i}`,
    name: `e${i}`,
    lastSeen: at(i),
    firstSeen: at(i),
  });

  it('sends the newest 200 in the snapshot, and takes the oldest back as new ones come', () => {
    const owner = replicaSets[0]!.owner!;
    const s = createScoper({ namespace: 'demo', deployment: owner });
    s.accept('replicasets', { type: 'snapshot', items: replicaSets });
    const first = s.accept('events', {
      type: 'snapshot',
      items: Array.from({ length: 1000 }, (_, i) => podEvent(i)),
    });
    const sent = names(first, 'events');
    assert.equal(sent.length, 200);
    assert.deepEqual(new Set(sent), new Set(Array.from({ length: 200 }, (_, i) => `e${800 + i}`)));
    const held = new Set(sent);
    for (let i = 1000; i < 1100; i++) {
      const out = s.accept('events', {
        type: 'changes',
        changes: [{ kind: 'events', type: 'ADDED', object: podEvent(i) }],
      });
      for (const c of out.flatMap((o) => (o.type === 'changes' ? o.changes : []))) {
        if (c.type === 'DELETED') held.delete(c.object.name);
        else held.add(c.object.name);
      }
      assert.ok(held.size <= 250, `at most 250 held (${held.size})`);
    }
    assert.ok(held.has('e1099'), 'the newest is there');
    assert.ok(!held.has('e800'), 'the oldest went');
  });
});
