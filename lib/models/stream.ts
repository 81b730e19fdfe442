// The live stream's protocol, shared by the SSE route (server) and the live hook (browser).
import type { TrafficMessage } from './traffic';
import type { AnySummary, HistoryPoint, PodUsage, WatchedKind } from './types';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  kind: WatchedKind;
  type: ChangeType;
  object: AnySummary;
}

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
