// The state the live worker keeps per stream (lib/live/stream-state.ts): the tabs' own reducers
// applied in the worker, and a replay that rebuilds the same state in a tab that starts from nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamMessage } from '../../../lib/live/protocol';
import { applyMessage, emptyState, replay, type StreamState } from '../../../lib/live/stream-state';
import { probe } from '../traffic/fixtures/probe-run';
import { contents, pods } from './fakes';

const fold = (messages: StreamMessage[], from: StreamState = emptyState()) =>
  messages.reduce(applyMessage, from);

describe('live stream state', () => {
  it('a relist that changes nothing keeps the held objects', () => {
    const once = fold([{ event: 'snapshot', data: { kind: 'pods', namespace: 'shop', items: pods } }]);
    const again = applyMessage(once, {
      event: 'snapshot',
      data: { kind: 'pods', namespace: 'shop', items: structuredClone(pods) },
    });
    assert.equal(again.kinds.pods, once.kinds.pods);
  });

  it('traffic updates accumulate into the runs a replay sends as one snapshot', () => {
    const s = fold([
      { event: 'traffic', data: { type: 'snapshot', namespace: 'shop', runs: [probe('a', [0])] } },
      { event: 'traffic', data: { type: 'update', run: probe('a', [200]) } },
      { event: 'traffic', data: { type: 'update', run: probe('a', [400]) } },
    ]);
    const sent = replay(s).filter((m) => m.event === 'traffic');
    assert.equal(sent.length, 1);
    const run =
      sent[0]!.event === 'traffic' && sent[0]!.data.type === 'snapshot' ? sent[0]!.data.runs[0] : null;
    assert.deepEqual(run?.kind === 'probe' && run.samples.map((x) => x.t), [0, 200, 400]);
  });

  it('replay rebuilds the same state from nothing, snapshots first and the status last', () => {
    const s = fold([
      { event: 'status', data: { state: 'live', message: null, source: 'in-cluster', lastEventAt: 5 } },
      { event: 'snapshot', data: { kind: 'pods', namespace: 'shop', items: pods } },
      { event: 'snapshot', data: { kind: 'services', namespace: 'shop', items: [] } },
      { event: 'changes', data: [{ kind: 'pods', type: 'DELETED', object: pods[1]! }] },
      { event: 'history', data: [{ t: 1, deployments: {}, hpas: {}, pods: {} }] },
      { event: 'sample', data: { t: 2, deployments: {}, hpas: {}, pods: {} } },
      { event: 'kindError', data: { kind: 'events', status: 403, message: 'forbidden' } },
    ]);
    const messages = replay(s);
    assert.deepEqual(contents(fold(messages)), contents(s));
    assert.deepEqual(
      messages.map((m) => m.event),
      ['snapshot', 'snapshot', 'kindError', 'history', 'status'],
    );
    assert.equal(s.kinds.pods?.byUid.size, pods.length - 1);
  });

  it('an empty stream replays nothing', () => {
    assert.deepEqual(replay(emptyState()), []);
  });
});
