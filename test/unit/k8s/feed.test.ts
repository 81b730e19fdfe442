// One feed per scope (lib/k8s/feed.ts), fed here by plain sources in place of the watch hub: every
// stream of a scope gets the same bytes, each message serialized once however many streams there
// are, and a stream that joins late gets shared snapshots that bring it to the same state.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFeed, feedStats, type FeedSources, type Sink } from '../../../lib/k8s/feed';
import type { StreamMessage } from '../../../lib/live/protocol';
import { applyMessage, emptyState } from '../../../lib/live/stream-state';
import type { HubEvent } from '../../../lib/models/stream';
import type { PodRow, WatchedKind } from '../../../lib/models/types';
import { contents, pods } from '../live/fakes';

/** Sources whose hub events the test emits; `listeners` counts who is subscribed. */
function sources() {
  const hub = new Map<WatchedKind, Set<(e: HubEvent) => void>>();
  const s: FeedSources & { emit(kind: WatchedKind, e: HubEvent): void; listeners(): number } = {
    subscribe(kind, _ns, listener) {
      let set = hub.get(kind);
      if (!set) hub.set(kind, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    subscribeUsage: () => () => {},
    subscribeHistory: () => () => {},
    emit(kind, e) {
      for (const l of hub.get(kind) ?? []) l(e);
    },
    listeners: () => [...hub.values()].reduce((n, set) => n + set.size, 0),
  };
  return s;
}

/** A sink that keeps what it got, both as the shared byte arrays and as parsed messages. */
function recorder() {
  const chunks: Uint8Array[] = [];
  const sink: Sink = (bytes) => chunks.push(bytes);
  const messages = () =>
    chunks.map((c) => {
      const [event, data] = new TextDecoder().decode(c).trim().split('\n') as [string, string];
      return {
        event: event.slice('event: '.length),
        data: JSON.parse(data.slice('data: '.length)),
      } as StreamMessage;
    });
  const state = () => contents(messages().reduce(applyMessage, emptyState()));
  return { sink, chunks, messages, state };
}

const tick = () => new Promise((r) => setTimeout(r, 250));
const bumped = (p: PodRow, rv: string): PodRow => ({ ...p, resourceVersion: rv, restarts: p.restarts + 1 });

describe('a scope’s feed', () => {
  it('serializes each batch once and hands the same bytes to 30 streams', async () => {
    const src = sources();
    const feed = createFeed({ namespace: 'shop' }, src);
    const viewers = Array.from({ length: 30 }, recorder);
    viewers.forEach((v) => feed.join(v.sink));
    src.emit('pods', { type: 'snapshot', items: pods });
    const before = feedStats().serialized;
    src.emit('pods', {
      type: 'changes',
      changes: [{ kind: 'pods', type: 'MODIFIED', object: bumped(pods[0]!, 'r2') }],
    });
    src.emit('pods', {
      type: 'changes',
      changes: [{ kind: 'pods', type: 'MODIFIED', object: bumped(pods[1]!, 'r3') }],
    });
    await tick();
    assert.equal(feedStats().serialized - before, 1, 'two changes, one batch, one serialization');
    const last = viewers[0]!.chunks.at(-1)!;
    for (const v of viewers) assert.equal(v.chunks.at(-1), last, 'the very same bytes');
    assert.deepEqual(viewers[0]!.messages().at(-1)?.data, [
      { kind: 'pods', type: 'MODIFIED', object: bumped(pods[0]!, 'r2') },
      { kind: 'pods', type: 'MODIFIED', object: bumped(pods[1]!, 'r3') },
    ]);
    feed.close();
  });

  it('gives late joiners one shared set of snapshots, then the batches since, and the same state', async () => {
    const src = sources();
    const feed = createFeed({ namespace: 'shop' }, src);
    const early = recorder();
    feed.join(early.sink);
    src.emit('pods', { type: 'snapshot', items: pods });
    src.emit('services', { type: 'snapshot', items: [] });
    const made = feedStats().snapshotsMade;
    const late1 = recorder();
    const late2 = recorder();
    feed.join(late1.sink);
    feed.join(late2.sink);
    assert.equal(feedStats().snapshotsMade - made, 1, 'made once for both');
    assert.equal(late1.chunks[0], late2.chunks[0], 'shared bytes');
    src.emit('pods', { type: 'changes', changes: [{ kind: 'pods', type: 'DELETED', object: pods[2]! }] });
    // this change is still pending when the next stream joins: it comes with the next batch
    src.emit('pods', {
      type: 'changes',
      changes: [{ kind: 'pods', type: 'MODIFIED', object: bumped(pods[0]!, 'r9') }],
    });
    const late3 = recorder();
    feed.join(late3.sink);
    await tick();
    const late4 = recorder();
    feed.join(late4.sink);
    assert.equal(feedStats().snapshotsMade - made, 1, 'still the same snapshots, with the batches since');
    for (const v of [late1, late2, late3, late4]) assert.deepEqual(v.state().kinds, early.state().kinds);
    assert.deepEqual(
      [...Object.keys(early.state().kinds.pods ?? {})].sort(),
      [pods[0]!.uid, pods[1]!.uid].sort(),
    );
    assert.equal((early.state().kinds.pods?.[pods[0]!.uid] as PodRow).resourceVersion, 'r9');
    feed.close();
  });

  it('makes the snapshots anew after a relist, and the joiner then gets only the new state', async () => {
    const src = sources();
    const feed = createFeed({ namespace: 'shop' }, src);
    feed.join(recorder().sink);
    src.emit('pods', { type: 'snapshot', items: pods });
    feed.join(recorder().sink);
    const made = feedStats().snapshotsMade;
    src.emit('pods', { type: 'snapshot', items: pods.slice(0, 1) });
    const late = recorder();
    feed.join(late.sink);
    assert.equal(feedStats().snapshotsMade - made, 1);
    assert.deepEqual(Object.keys(late.state().kinds.pods ?? {}), [pods[0]!.uid]);
    assert.equal(late.messages().filter((m) => m.event === 'snapshot').length, 1, 'no stale snapshot first');
    feed.close();
  });

  it('stops its subscriptions when the last stream leaves', () => {
    const src = sources();
    let emptied = 0;
    const feed = createFeed({ namespace: 'shop', deployment: 'web' }, src, () => emptied++);
    const leave1 = feed.join(recorder().sink);
    const leave2 = feed.join(recorder().sink);
    assert.ok(src.listeners() > 0);
    leave1();
    assert.ok(src.listeners() > 0, 'one stream still reads it');
    leave2();
    assert.equal(src.listeners(), 0);
    assert.equal(emptied, 1);
  });
});
