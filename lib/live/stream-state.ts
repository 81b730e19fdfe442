// The current state of one live stream and the one reducer of its messages (lib/models/reducer.ts,
// traffic-reducer.ts, batch.ts underneath), used by the worker, which replays the state to a tab
// that joins a stream already open (`replay`), and by each tab (lib/hooks/use-live-stream.ts), which
// puts the parts that changed into its SWR cache.
import { appendPoint, groupByKind } from '../models/batch';
import { applyChanges, applySnapshot, emptyKindState, itemsOf, type KindState } from '../models/reducer';
import type { Change, ClusterStatus, StreamMessages } from '../models/stream';
import { applyTraffic, type TrafficState } from '../models/traffic-reducer';
import {
  WATCHED_KINDS,
  type AnySummary,
  type HistoryPoint,
  type PodUsage,
  type WatchedKind,
} from '../models/types';
import type { StreamMessage } from './protocol';

export interface StreamState {
  /** from the snapshots, which carry it; replayed snapshots carry it again */
  namespace: string;
  kinds: Partial<Record<WatchedKind, KindState<AnySummary>>>;
  kindErrors: Partial<Record<WatchedKind, StreamMessages['kindError']>>;
  status: ClusterStatus | null;
  usage: PodUsage[] | null;
  history: HistoryPoint[] | null;
  traffic: { namespace: string; runs: TrafficState } | null;
}

export const emptyState = (): StreamState => ({
  namespace: '',
  kinds: {},
  kindErrors: {},
  status: null,
  usage: null,
  history: null,
  traffic: null,
});

/**
 * The state after one message: what it does not touch keeps its identity; a kind's state that a
 * batch changed is superseded (lib/models/reducer.ts: applyChanges writes into its Map).
 */
export function applyMessage(state: StreamState, msg: StreamMessage): StreamState {
  switch (msg.event) {
    case 'snapshot':
      return {
        ...state,
        namespace: msg.data.namespace,
        kinds: { ...state.kinds, [msg.data.kind]: applySnapshot(msg.data.items, state.kinds[msg.data.kind]) },
      };
    case 'changes': {
      const kinds = { ...state.kinds };
      for (const [kind, list] of groupByKind(msg.data))
        kinds[kind] = applyChanges(kinds[kind] ?? emptyKindState(), list);
      return { ...state, kinds };
    }
    case 'status':
      return { ...state, status: msg.data };
    case 'usage':
      return { ...state, usage: msg.data };
    case 'history':
      return { ...state, history: msg.data };
    case 'sample':
      return { ...state, history: appendPoint(state.history ?? [], msg.data) };
    case 'kindError':
      return { ...state, kindErrors: { ...state.kindErrors, [msg.data.kind]: msg.data } };
    case 'traffic': {
      const namespace = msg.data.type === 'snapshot' ? msg.data.namespace : (state.traffic?.namespace ?? '');
      return { ...state, traffic: { namespace, runs: applyTraffic(state.traffic?.runs ?? {}, msg.data) } };
    }
  }
}

/**
 * What a `changes` message really changed, as the changes a tab applies (the worker's reduction,
 * passed on: duplicates and replays of a version already held are dropped), or null for nothing.
 */
export function changesMade(before: StreamState, after: StreamState): StreamMessage | null {
  const data: Change[] = [];
  for (const kind of WATCHED_KINDS) {
    const state = after.kinds[kind];
    if (!state || state === before.kinds[kind] || !state.delta) continue;
    for (const { type, object } of state.delta)
      data.push({ kind, type: type === 'put' ? 'MODIFIED' : 'DELETED', object } as Change);
  }
  return data.length > 0 ? { event: 'changes', data } : null;
}

/**
 * The state as the messages a fresh connection would have brought: a snapshot per kind received,
 * the kinds' errors, usage, history, the traffic runs, then the cluster status.
 */
export function replay(state: StreamState): StreamMessage[] {
  const out: StreamMessage[] = [];
  for (const kind of WATCHED_KINDS) {
    const held = state.kinds[kind];
    if (held)
      out.push({ event: 'snapshot', data: { kind, namespace: state.namespace, items: itemsOf(held) } });
    const err = state.kindErrors[kind];
    if (err) out.push({ event: 'kindError', data: err });
  }
  if (state.usage) out.push({ event: 'usage', data: state.usage });
  if (state.history) out.push({ event: 'history', data: state.history });
  if (state.traffic) {
    const { namespace, runs } = state.traffic;
    out.push({ event: 'traffic', data: { type: 'snapshot', namespace, runs: Object.values(runs) } });
  }
  if (state.status) out.push({ event: 'status', data: state.status });
  return out;
}

/**
 * The same messages with each run of consecutive `changes` joined into one, in order: a tab that
 * waited a frame applies them as one batch, so its state moves one version and its delta holds
 * them all (a reader then keeps its order from the delta instead of sorting again).
 */
export function joinChanges(messages: readonly StreamMessage[]): StreamMessage[] {
  const out: StreamMessage[] = [];
  for (const msg of messages) {
    const last = out.at(-1);
    if (msg.event === 'changes' && last?.event === 'changes')
      out[out.length - 1] = { event: 'changes', data: [...last.data, ...msg.data] };
    else out.push(msg);
  }
  return out;
}
