// The live worker's core (lib/live/hub.ts): one EventSource per stream URL for all tabs, the state
// replayed to a tab that joins late, silent or departed tabs dropped, a stream nobody wants closed
// after its linger, and a fresh snapshot after a reconnect replacing what the worker held.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHub, type LiveHub } from '../../../lib/live/hub';
import { isStreamUrl, type StreamMessage, type WorkerMessage } from '../../../lib/live/protocol';
import { streamScopeUrl } from '../../../lib/models/stream-scope';
import { applyMessage, emptyState, type StreamState } from '../../../lib/live/stream-state';
import type { HistoryPoint, PodRow } from '../../../lib/models/types';
import { contents, FakePort, FakeSource, pods } from './fakes';

const URL_A = streamScopeUrl({ namespace: 'shop' });
const point = (t: number): HistoryPoint => ({ t, deployments: {}, hpas: {}, pods: {} });
const status = { state: 'live', message: null, source: 'KUBECONFIG=/k (context c)', lastEventAt: 1 } as const;

/** What a tab holds after these worker messages: the same reducers the tab applies. */
function stateOf(messages: WorkerMessage[]): StreamState {
  let s = emptyState();
  for (const m of messages) if (m.type === 'messages') for (const msg of m.messages) s = applyMessage(s, msg);
  return s;
}

const phases = (messages: WorkerMessage[]) => messages.filter((m) => m.type === 'phase').map((m) => m.phase);

describe('live hub', () => {
  let now: number;
  let opened: FakeSource[];
  let hub: LiveHub;
  beforeEach(() => {
    now = 0;
    opened = [];
    hub = createHub({
      open: (url) => {
        const s = new FakeSource(url);
        opened.push(s);
        return s;
      },
      accept: (url) => isStreamUrl(url, 'http://127.0.0.1:3000'),
      now: () => now,
      lingerMs: 5_000,
      portTimeoutMs: 75_000,
      reopenMs: 5_000,
    });
  });

  it('opens one EventSource per stream URL, however many tabs want it, and forwards to each', () => {
    const tabs = Array.from({ length: 20 }, () => new FakePort());
    for (const t of tabs) hub.receive(t, { type: 'want', urls: [URL_A] });
    assert.equal(opened.length, 1);
    opened[0]!.open();
    opened[0]!.emit('snapshot', { kind: 'pods', namespace: 'shop', items: pods });
    for (const t of tabs) {
      const got = t.take();
      assert.deepEqual(phases(got).at(-1), 'open');
      assert.deepEqual(
        [...(stateOf(got).kinds.pods?.byUid.keys() ?? [])].sort(),
        pods.map((p) => p.uid).sort(),
      );
    }
  });

  it('passes on to the tabs what its reduction changed: a replayed batch reaches no tab', () => {
    const tab = new FakePort();
    hub.receive(tab, { type: 'want', urls: [URL_A] });
    const es = opened[0]!;
    es.open();
    es.emit('snapshot', { kind: 'pods', namespace: 'shop', items: pods });
    tab.take();
    const changed = { ...pods[0]!, resourceVersion: 'r2', restarts: 3 };
    const batch = [
      { kind: 'pods', type: 'MODIFIED', object: changed },
      { kind: 'pods', type: 'MODIFIED', object: pods[1]! }, // the version held already
    ] as const;
    es.emit('changes', [...batch]);
    const got = tab.take().flatMap((m) => (m.type === 'messages' ? m.messages : []));
    assert.deepEqual(got, [
      { event: 'changes', data: [{ kind: 'pods', type: 'MODIFIED', object: changed }] },
    ]);
    es.emit('changes', [...batch]);
    assert.deepEqual(tab.take(), [], 'the same batch again changes nothing: nothing posted');
  });

  it('keys streams by the whole URL: another query is another stream', () => {
    const t = new FakePort();
    hub.receive(t, {
      type: 'want',
      urls: [
        URL_A,
        streamScopeUrl({ namespace: 'shop', deployment: 'web' }),
        streamScopeUrl({ namespace: 'other' }),
      ],
    });
    assert.deepEqual(
      opened.map((s) => s.url),
      [URL_A, '/api/stream?namespace=shop&deployment=web', '/api/stream?namespace=other'],
    );
  });

  it('refuses what is not Podium stream on its own origin', () => {
    hub.receive(new FakePort(), {
      type: 'want',
      urls: ['https://elsewhere.example/api/stream', '/api/session'],
    });
    assert.equal(opened.length, 0);
  });

  it('replays the current state to a tab that joins an open stream, equal to what the first tab holds', () => {
    const first = new FakePort();
    hub.receive(first, { type: 'want', urls: [URL_A] });
    const es = opened[0]!;
    es.open();
    es.emit('status', status);
    es.emit('snapshot', { kind: 'pods', namespace: 'shop', items: pods });
    es.emit('snapshot', { kind: 'deployments', namespace: 'shop', items: [] });
    const changed = { ...pods[0]!, resourceVersion: '999', restarts: 7 };
    es.emit('changes', [
      { kind: 'pods', type: 'MODIFIED', object: changed },
      { kind: 'pods', type: 'DELETED', object: pods[2]! },
    ]);
    es.emit('usage', [
      { pod: pods[0]!.name, cpuMilli: 12, memoryBytes: 3e6, timestamp: '2026-01-01T00:00:00Z' },
    ]);
    es.emit('history', [point(1000), point(2000)]);
    es.emit('sample', point(3000));
    es.emit('kindError', { kind: 'events', status: 403, message: 'events is forbidden' });
    es.emit('traffic', { type: 'snapshot', namespace: 'shop', runs: [] });

    const late = new FakePort();
    hub.receive(late, { type: 'want', urls: [URL_A] });
    const got = late.take();
    assert.deepEqual(phases(got), ['open'], 'the joining tab is told the stream is open');
    assert.equal(got.filter((m) => m.type === 'messages').length, 1, 'the state comes in one message');
    const joined = stateOf(got);
    assert.deepEqual(contents(joined), contents(stateOf(first.take())));
    assert.equal((joined.kinds.pods?.byUid.get(pods[0]!.uid) as PodRow | undefined)?.restarts, 7);
    assert.equal(joined.kinds.pods?.byUid.get(pods[2]!.uid), undefined);
    assert.deepEqual(
      joined.history?.map((p) => p.t),
      [1000, 2000, 3000],
    );
    assert.equal(joined.kindErrors.events?.status, 403);
    assert.equal(joined.status?.state, 'live');
    assert.equal(opened.length, 1, 'no second connection for the second tab');

    // and from then on it gets what everyone gets
    es.emit('sample', point(4000));
    assert.deepEqual(late.take(), [
      { type: 'messages', url: URL_A, messages: [{ event: 'sample', data: point(4000) } as StreamMessage] },
    ]);
  });

  it('a tab joining before the first message is told "connecting" and gets nothing else yet', () => {
    hub.receive(new FakePort(), { type: 'want', urls: [URL_A] });
    const late = new FakePort();
    hub.receive(late, { type: 'want', urls: [URL_A] });
    assert.deepEqual(late.take(), [{ type: 'phase', url: URL_A, phase: 'connecting' }]);
  });

  it('after a reconnect the new snapshot replaces the held state, and every tab sees "reconnecting" then "open"', () => {
    const tab = new FakePort();
    hub.receive(tab, { type: 'want', urls: [URL_A] });
    const es = opened[0]!;
    es.open();
    es.emit('snapshot', { kind: 'pods', namespace: 'shop', items: pods });
    es.fail(0);
    es.open();
    es.emit('snapshot', { kind: 'pods', namespace: 'shop', items: pods.slice(0, 1) });
    const got = tab.take();
    assert.deepEqual(phases(got), ['connecting', 'open', 'reconnecting', 'open']);
    assert.deepEqual([...(stateOf(got).kinds.pods?.byUid.keys() ?? [])], [pods[0]!.uid]);
    assert.deepEqual([...(hub.streams().get(URL_A)!.state.kinds.pods?.byUid.keys() ?? [])], [pods[0]!.uid]);
  });

  it('drops a silent tab after the timeout and keeps one that pings', () => {
    const silent = new FakePort();
    const pinging = new FakePort();
    hub.receive(silent, { type: 'want', urls: [URL_A] });
    hub.receive(pinging, { type: 'want', urls: [URL_A] });
    for (now = 5_000; now <= 80_000; now += 5_000) {
      hub.receive(pinging, { type: 'want', urls: [URL_A] });
      hub.sweep();
    }
    assert.equal(hub.ports(), 1);
    assert.equal(hub.streams().get(URL_A)?.ports, 1);
    assert.equal(opened[0]!.closed, false);
  });

  it('closes the EventSource only after the linger once no tab wants it; a reload within it reuses it', () => {
    const tab = new FakePort();
    hub.receive(tab, { type: 'want', urls: [URL_A] });
    hub.receive(tab, { type: 'bye' });
    now = 4_000;
    hub.sweep();
    assert.equal(opened[0]!.closed, false, 'still lingering');
    const reloaded = new FakePort();
    hub.receive(reloaded, { type: 'want', urls: [URL_A] });
    now = 20_000;
    hub.sweep();
    assert.equal(opened.length, 1);
    assert.equal(opened[0]!.closed, false);

    hub.drop(reloaded); // its Web Lock was released: the tab crashed
    now = 24_999;
    hub.sweep();
    assert.equal(opened[0]!.closed, false);
    now = 25_000;
    hub.sweep();
    assert.equal(opened[0]!.closed, true, 'closed 5 s after the last tab left');
    assert.equal(hub.streams().size, 0);
  });

  it('a tab that stops wanting a URL leaves it, and a tab dropped for silence comes back with a replay', () => {
    const tab = new FakePort();
    hub.receive(tab, { type: 'want', urls: [URL_A] });
    opened[0]!.emit('snapshot', { kind: 'pods', namespace: 'shop', items: pods });
    hub.receive(tab, { type: 'want', urls: [] });
    assert.equal(hub.streams().get(URL_A)?.ports, 0);
    hub.receive(tab, { type: 'want', urls: [URL_A] });
    now = 100_000; // throttled in the background for longer than the timeout
    hub.sweep();
    assert.equal(hub.ports(), 0);
    tab.take();
    hub.receive(tab, { type: 'want', urls: [URL_A] });
    assert.equal(Object.keys(stateOf(tab.take()).kinds.pods ?? {}).length, pods.length);
  });

  it('opens a new EventSource some time after the browser gave up on one (an HTTP error)', () => {
    hub.receive(new FakePort(), { type: 'want', urls: [URL_A] });
    opened[0]!.fail(2);
    now = 4_000;
    hub.sweep();
    assert.equal(opened.length, 1);
    now = 5_000;
    hub.sweep();
    assert.equal(opened.length, 2);
    opened[1]!.open();
    assert.equal(hub.streams().get(URL_A)?.phase, 'open');
    // messages of the old source no longer count
    opened[0]!.emit('snapshot', { kind: 'pods', namespace: 'shop', items: pods });
    assert.equal(hub.streams().get(URL_A)?.state.kinds.pods, undefined);
  });
});
