// The traffic routes' contract, shared by the routes (app/api/namespaces/[namespace]/traffic/) and
// the browser (lib/api/traffic.ts): what they accept and answer.
import type { TrafficRun, TrafficTransport } from './traffic';

export type TrafficAction = 'traffic' | 'canary' | 'ingressWeight' | 'httpRouteWeight';

export type TrafficPermissions = Record<TrafficAction, { allowed: boolean; reason: string }>;

/** GET /api/namespaces/{ns}/traffic */
export interface TrafficInfo {
  namespace: string;
  transport: TrafficTransport;
  /** the sentence the UI shows about the path requests take */
  transportText: string;
  permissions: TrafficPermissions;
  readOnly: boolean;
  /** where a route's sample goes (PODIUM_GATEWAY_URL, scheme://host:port only), or why nowhere */
  gateway: { entry: string; error: null } | { entry: null; error: string };
}

/** POST .../traffic/{service}/probe|split|load|ws: the run, without its series (they come on the stream). */
export interface TrafficStarted {
  ok: true;
  joined: boolean;
  run: TrafficRun;
}

export interface ProbeRequest {
  port?: string;
  path?: string;
  intervalMs?: number;
  durationSeconds?: number;
}

export interface RouteSplitRequest {
  rule?: number;
  path?: string;
  samples?: number;
}

export interface SplitRequest {
  port?: string;
  path?: string;
  samples?: number;
}

export interface LoadRequest {
  port?: string;
  path: string;
  concurrency?: number;
  rate?: number | null;
  durationSeconds?: number;
  keepAlive?: boolean;
}

export interface WsLoadRequest {
  port?: string;
  path?: string;
  clients?: number;
  messages?: number;
  pauseMs?: number;
  durationSeconds?: number;
}

export type CanaryRequest =
  | { action: 'replicas'; deployment: string; replicas: number }
  | { action: 'ratio'; stable: string; canary: string; stableReplicas: number; canaryReplicas: number }
  | { action: 'promote'; stable: string; canary: string }
  | { action: 'abort'; canary: string };

export interface WeightRequest {
  /** ingress-nginx canary-weight (0..total), or an HTTPRoute backendRef weight */
  weight: number;
  /** HTTPRoute only: which rule and backendRef */
  rule?: number;
  backend?: number;
}

/** What the path of a loop may be: absolute, a few safe characters, an optional simple query. */
export const TRAFFIC_PATH_RE = /^\/[A-Za-z0-9._~/-]*(\?[A-Za-z0-9._~=&-]*)?$/;

/** The run key of a route's sample on the traffic stream (a Service's sample is keyed by its name). */
export const routeRunKey = (route: string) => `httproute/${route}`;
