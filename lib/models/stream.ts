// The live stream's protocol, shared by the SSE route (server) and the live hook (browser).
import type { TrafficMessage } from './traffic';
import type { AnySummary, HistoryPoint, PodUsage, WatchedKind } from './types';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  kind: WatchedKind;
  type: ChangeType;
  object: AnySummary;
  /** only with PODIUM_DEBUG_TIMING=1 on the server (bench/freshness.ts): when this change was sent */
  trace?: ChangeTrace;
}

/**
 * A change's times on the server, epoch ms: the watch hub's receipt of its first event (the earliest
 * of the events coalesced into it) and the stream write of its batch. The browser adds its own
 * (lib/live/protocol.ts: TraceEntry).
 */
export interface ChangeTrace {
  hub: number;
  write: number;
}

/**
 * What the watch hub (lib/k8s/watch-hub.ts) tells each listener of one kind in one namespace: the
 * whole state after each list or relist, then the changes, or why the kind cannot be read (e.g.
 * RBAC forbids listing events: the rest of the page still works).
 */
export type HubEvent =
  | { type: 'snapshot'; items: AnySummary[] }
  | { type: 'changes'; changes: Change[] }
  | { type: 'error'; status: number; message: string };
/** The hub's events that carry objects: what a stream's scope filters (lib/models/stream-scope.ts). */
export type HubData = Exclude<HubEvent, { type: 'error' }>;

/** Whole state of one kind in the namespace: sent first, and again after every relist. */
export interface Snapshot {
  kind: WatchedKind;
  namespace: string;
  items: AnySummary[];
}

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'unreachable';

export interface ClusterStatus {
  state: ConnectionState;
  /** a sentence a person can act on, e.g. "connect ECONNREFUSED 127.0.0.1:6443" */
  message: string | null;
  /** where the configuration came from: "in-cluster", "KUBECONFIG=/path (context x)" */
  source: string;
  /** epoch ms of the last event or bookmark received from the API server */
  lastEventAt: number | null;
}

/** SSE event names and their payloads. */
export interface StreamMessages {
  snapshot: Snapshot;
  changes: Change[];
  status: ClusterStatus;
  usage: PodUsage[];
  history: HistoryPoint[];
  sample: HistoryPoint;
  /** one kind cannot be read, e.g. `events is forbidden` for a service account without that right */
  kindError: { kind: WatchedKind; status: number; message: string };
  /** the namespace's traffic runs (availability probe, measured split, load): lib/models/traffic.ts */
  traffic: TrafficMessage;
}
export type StreamEventName = keyof StreamMessages;
