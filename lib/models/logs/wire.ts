import type { LogLine } from './line';

// What the logs routes send: the Server-Sent Events of a Deployment's (or one pod's) live logs,
// and the JSON answer of one pod's logs (the previous container's among them).

/** Where a lane (one container of one pod) stands. */
export type LaneStatus = 'connecting' | 'streaming' | 'waiting' | 'retrying' | 'ended';

export interface LaneState {
  lane: string;
  pod: string;
  container: string;
  /** the pod's ReplicaSet (its version is the ReplicaSet's, from the live stream) */
  owner: string | null;
  status: LaneStatus;
  /** why it waits, retries or ended, in words */
  message: string;
}

export interface LogsMessages {
  /** lines in time order within the message; the first one is every lane's recent lines */
  lines: LogLine[];
  /** the lanes followed now, each with its state (sent whole on every change) */
  lanes: LaneState[];
  /** more containers than the cap: the pods whose containers are not followed */
  capped: { limit: number; notFollowed: string[] };
}
export type LogsEventName = keyof LogsMessages;

/** The most containers a Deployment's logs follow at once. */
export const MAX_LANES = 50;
/** tailLines accepted by the routes: per container on the stream, in all for one pod's GET. */
export const MAX_TAIL_LINES = 1000;
export const MAX_POD_TAIL_LINES = 5000;

/** GET /api/namespaces/{ns}/pods/{pod}/logs (JSON: not following) */
export interface PodLogsAnswer {
  pod: string;
  container: string;
  previous: boolean;
  lines: LogLine[];
  /** the previous container's end (or the current one's, when it has ended) */
  termination: { exitCode: number | null; reason: string | null; finishedAt: string | null } | null;
  /** the answer stopped at the byte limit: older lines exist */
  truncated: boolean;
  /**
   * who kept the lines: the kubelet (the container's log file), or Podium, when the kubelet had
   * already removed the previous container and Podium was following it (its last lines only)
   */
  source: 'kubelet' | 'podium';
}
