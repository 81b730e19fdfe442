// Traffic Podium sends to an app through a Service, and what came back: the shapes the server's
// request loops (lib/k8s/traffic/) publish on the live stream, and their hard limits. The loops run
// on the server only; the browser starts and stops them and draws what they measured.

/** How a request reaches the Service's pods. */
export type TrafficTransport = 'apiserver-proxy' | 'cluster-ip' | 'gateway';

export const TRANSPORT_TEXT: Record<TrafficTransport, string> = {
  'apiserver-proxy':
    "through the API server's services/proxy: Podium runs outside the cluster, and the API server picks a ready endpoint for each request",
  'cluster-ip':
    "straight to the Service's ClusterIP: Podium runs in the cluster, and kube-proxy spreads the connections",
  gateway:
    "through the gateway's entry (PODIUM_GATEWAY_URL) with the route's Host header: the gateway controller picks each request's backend by the route's weights",
};

/** Limits the server enforces whatever the browser asks (or if it disappears). */
export const TRAFFIC_LIMITS = {
  probe: {
    intervalMsDefault: 200,
    intervalMsMin: 100,
    intervalMsMax: 5_000,
    durationSecondsDefault: 600,
    durationSecondsMax: 600,
    /** a request slower than this counts as failed (a hang) */
    timeoutMs: 2_000,
    /** samples kept per run: 10 min at 200 ms */
    keepSamples: 3_000,
  },
  split: {
    samplesDefault: 200,
    samplesMax: 2_000,
    concurrency: 8,
    timeoutMs: 3_000,
    /** the whole sampling gives up after this long */
    durationSecondsMax: 60,
  },
  load: {
    concurrencyDefault: 10,
    concurrencyMax: 100,
    durationSecondsDefault: 60,
    durationSecondsMax: 600,
    /** requests per second; absent = as fast as `concurrency` connections allow */
    rateMax: 5_000,
    /** no run sends more than this many requests, whatever its rate and duration */
    requestsMax: 500_000,
    timeoutMs: 5_000,
  },
  ws: {
    clientsDefault: 50,
    clientsMax: 1_000,
    messagesDefault: 6,
    messagesMax: 100,
    /** pause between a client's echo and its next message */
    pauseMsMax: 10_000,
    durationSecondsDefault: 120,
    durationSecondsMax: 600,
    /** a handshake that takes longer fails (500 at once through a busy API server take seconds) */
    handshakeTimeoutMs: 30_000,
  },
  /** a run whose namespace has no viewer left stops after this long (a page reload keeps it) */
  viewerGraceMs: 10_000,
} as const;

/** Why a request did not get an answer from the app. */
export type TrafficErrorKind =
  /** the Service has no ready endpoint (API server: "no endpoints available") */
  | 'no-endpoints'
  /** the pod refused or reset the connection */
  | 'refused'
  /** no answer within the timeout: the app hangs */
  | 'timeout'
  /** the app answered, with a 5xx */
  | 'server-error'
  /** the app answered, with a 4xx (404: the path does not exist) */
  | 'client-error'
  /** the Service itself does not exist, or the API server refused the proxy (RBAC) */
  | 'proxy-error'
  /** a WebSocket handshake answered with plain HTTP: the path does not upgrade */
  | 'not-upgraded'
  | 'network';

/** One request of an availability probe. */
export interface ProbeSample {
  /** epoch ms when the request was sent */
  t: number;
  /** latency in ms (up to the timeout for a failure) */
  ms: number;
  ok: boolean;
  /** HTTP status of the app's answer, null when none came */
  status: number | null;
  /** who answered: the version the app reports, else the pod's ReplicaSet; null for a failure */
  answeredBy: string | null;
  pod: string | null;
  error: TrafficErrorKind | null;
}

export type RunState = 'running' | 'done' | 'stopped' | 'failed';

/** Why a run ended, in words: "stopped by a viewer", "time limit (10 min) reached", ... */
export interface RunEnd {
  at: number;
  reason: string;
}

interface RunBase {
  id: string;
  namespace: string;
  service: string;
  port: string;
  path: string;
  transport: TrafficTransport;
  state: RunState;
  startedAt: number;
  /** the hard deadline */
  endsAt: number;
  end: RunEnd | null;
  /** a sentence about the target, e.g. 'the Service "web" has no ready endpoint' */
  message: string | null;
}

export interface ProbeRun extends RunBase {
  intervalMs: number;
  sent: number;
  failures: number;
  /** longest stretch of consecutive failed requests, in ms (first failure to the next success) */
  longestOutageMs: number;
  samples: ProbeSample[];
}

/** One member's share in a measured split. */
export interface SplitShare {
  deployment: string;
  expected: number;
  responses: number;
  measured: number;
  /** 95 % interval of the share a sample of this size would show if traffic followed `expected` */
  low: number;
  high: number;
  /** measured lies outside [low, high] */
  outside: boolean;
}

export interface SplitRun extends RunBase {
  requested: number;
  /** answers attributed to a member, the sample size of the statistics */
  answered: number;
  failed: number;
  /** answers from a pod of none of the members */
  unattributed: number;
  shares: SplitShare[];
  /** the replicas per member when the sample was taken, so "after each scale" can be told apart */
  replicas: Record<string, number>;
}

/** One second of a load run. */
export interface LoadPoint {
  /** epoch ms, start of the second */
  t: number;
  requests: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface LoadRun extends RunBase {
  concurrency: number;
  /** requests per second, null = unlimited */
  rate: number | null;
  durationSeconds: number;
  maxRequests: number;
  sent: number;
  errors: number;
  /** errors by kind, for the message under the chart */
  errorKinds: Partial<Record<TrafficErrorKind, number>>;
  inFlight: number;
  points: LoadPoint[];
  /** Podium's own CPU time spent while the run ran, ms (process.cpuUsage) */
  cpuMs: number;
}

/** How the WebSocket connections of a run ended, by close code (RFC 6455 §7.4.1). */
export type WsCloseKey = '1000' | '1001' | '1006' | 'other';

/** One pod's connections: the pod named itself in the handshake's X-Pod-Name header. */
export interface WsPodTally {
  pod: string;
  open: number;
  opened: number;
  echoed: number;
  closes: Record<WsCloseKey, number>;
}

/** One second of a WebSocket run: echoes and their round trips, failed handshakes, open connections. */
export interface WsPoint extends LoadPoint {
  open: number;
}

export interface WsLoadCounts {
  /** handshakes under way */
  connecting: number;
  /** connections open now */
  open: number;
  /** handshakes that succeeded */
  connected: number;
  /** handshakes that failed: no connection */
  failed: number;
  failures: Partial<Record<TrafficErrorKind, number>>;
  sent: number;
  echoed: number;
  closes: Record<WsCloseKey, number>;
  /** closes the app started (its close frame came first), e.g. 1001 on SIGTERM */
  closedByApp: number;
  firstOpenAt: number | null;
  /** the last connection's end (or failed handshake) */
  lastEndAt: number | null;
}

/** The websockets story's load: `clients` connections, each sending `messages` and awaiting the echoes. */
export interface WsLoadRun extends RunBase, WsLoadCounts {
  clients: number;
  messages: number;
  pauseMs: number;
  durationSeconds: number;
  pods: WsPodTally[];
  rtt: { count: number; p50: number | null; p95: number | null; p99: number | null };
  /** ready endpoints of the Service when the run started */
  readyPods: number;
  /** the app's declared delay per message (env ECHO_DELAY_MS or annotation), null = unknown */
  delayMs: number | null;
  /** where the delay was read, e.g. "ECHO_DELAY_MS of deployment echo" */
  delaySource: string | null;
  /** the perfect spread's run time (lib/models/ws-load.ts: idealRunMs), null = unknown */
  idealMs: number | null;
  points: WsPoint[];
  /** Podium's own CPU time spent while the run ran, ms */
  cpuMs: number;
}

export type TrafficRun =
  | ({ kind: 'probe' } & ProbeRun)
  | ({ kind: 'split' } & SplitRun)
  | ({ kind: 'load' } & LoadRun)
  | ({ kind: 'ws' } & WsLoadRun);
export type TrafficKind = TrafficRun['kind'];

/**
 * The traffic channel of the live stream: every run of the namespace first, then updates. An update
 * carries the run without its series and the series' new entries only.
 */
export type TrafficMessage =
  { type: 'snapshot'; namespace: string; runs: TrafficRun[] } | { type: 'update'; run: TrafficRun };
