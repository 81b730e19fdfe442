// The small, plain shapes Podium sends to the browser. Raw Kubernetes objects are reshaped into
// these on the server (lib/models/<kind>.ts), so the browser never receives managedFields, specs
// it does not render, or anything secret (env values are never copied, only env names).

/** The kinds the watch hub keeps live, by the name used in URLs and the stream. */
export const WATCHED_KINDS = [
  'deployments',
  'replicasets',
  'pods',
  'services',
  'endpointslices',
  'hpas',
  'events',
  'ingresses',
  'httproutes',
  'gateways',
] as const;
export type WatchedKind = (typeof WATCHED_KINDS)[number];

export interface ObjectRef {
  uid: string;
  name: string;
  namespace: string;
  resourceVersion: string;
  /** ISO 8601 */
  createdAt: string;
}

export interface Resources {
  /** millicores, null when not set */
  cpuMilli: number | null;
  /** bytes, null when not set */
  memoryBytes: number | null;
}

export type ProbeKind = 'httpGet' | 'tcpSocket' | 'exec' | 'grpc';
export interface ProbeSummary {
  kind: ProbeKind;
  /** e.g. "GET :8080/healthz", "tcp :8080", "exec cat /tmp/ready", "grpc :9000" */
  target: string;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
}

export interface ContainerSpecSummary {
  name: string;
  image: string;
  ports: { name: string | null; containerPort: number; protocol: string }[];
  /** names only: values may be secret */
  envNames: string[];
  /** value of a plain (non-secret, literal) env var named by the deployment's version-env annotation */
  versionEnv: { name: string; value: string } | null;
  requests: Resources;
  limits: Resources;
  liveness: ProbeSummary | null;
  readiness: ProbeSummary | null;
  startup: ProbeSummary | null;
}

export interface ConditionSummary {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string | null;
  message: string | null;
  lastTransitionTime: string | null;
}

/** A probe-failure endpoint a deployment allows Podium to call through pods/proxy. */
export interface PodEndpoint {
  /** stable id used by the action route, e.g. "inemuri" */
  id: string;
  label: string;
  /** absolute path, validated: /[A-Za-z0-9._~/-]* without ".." */
  path: string;
  /** container port number; null = the first container's first port */
  port: number | null;
}

export interface DeploymentSummary extends ObjectRef {
  labels: Record<string, string>;
  selector: Record<string, string>;
  /** spec.template.metadata.labels: what a Service selector matches (canary groups) */
  templateLabels: Record<string, string>;
  /** spec.replicas */
  desired: number;
  /** status.replicas (all pods incl. old RS) */
  current: number;
  ready: number;
  updated: number;
  available: number;
  unavailable: number;
  /** deployment.kubernetes.io/revision */
  revision: number | null;
  generation: number;
  observedGeneration: number;
  paused: boolean;
  strategy: { type: string; maxSurge: string | null; maxUnavailable: string | null };
  containers: ContainerSpecSummary[];
  conditions: ConditionSummary[];
  /** probe-failure endpoints: declared by annotation podium.dev/endpoints, else the defaults */
  endpoints: PodEndpoint[];
  /** env var name that "roll out a new version" may change (annotation podium.dev/version-env) */
  versionEnvName: string | null;
  /** "Progressing" with reason/message, or a rollout state computed in lib/models/rollout.ts */
  templateHash: string | null;
  /**
   * Its pods counted on the server: set only on the overview's stream (lib/models/stream-scope.ts),
   * which does not send a large namespace's pods themselves.
   */
  podCounts?: PodCounts;
}

/** A set of pods counted (lib/models/pod-view.ts): a grid's summary block, a deployment card. */
export interface PodCounts {
  total: number;
  ready: number;
  restarts: number;
  /** pods with at least one restart */
  restarted: number;
  /** by the colour a pod has on screen (lib/models/pod-view.ts: podLook) */
  byLook: { ready: number; starting: number; failing: number; terminating: number; done: number };
  /** by status.phase */
  byPhase: Record<string, number>;
}

export interface ReplicaSetSummary extends ObjectRef {
  /** name of the owning Deployment, if any */
  owner: string | null;
  revision: number | null;
  podTemplateHash: string | null;
  images: string[];
  /**
   * The literal value of the version env (annotation podium.dev/version-env, which the deployment
   * controller copies onto its ReplicaSets) in this revision's first container that sets it.
   */
  version: string | null;
  desired: number;
  current: number;
  ready: number;
  available: number;
}

export type ContainerStateName = 'running' | 'waiting' | 'terminated' | 'unknown';

export interface TerminationSummary {
  reason: string | null;
  exitCode: number | null;
  /** the signal that ended the process, when the runtime reports it (containerd rarely does: 128+n) */
  signal: number | null;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ContainerStatusSummary {
  name: string;
  image: string;
  ready: boolean;
  started: boolean | null;
  restartCount: number;
  state: ContainerStateName;
  /** waiting.reason or terminated.reason, e.g. CrashLoopBackOff */
  stateReason: string | null;
  lastTermination: TerminationSummary | null;
}

export interface PodRow extends ObjectRef {
  labels: Record<string, string>;
  /** owning ReplicaSet name */
  owner: string | null;
  podTemplateHash: string | null;
  phase: string;
  /** what kubectl shows in STATUS: Running, Pending, ContainerCreating, CrashLoopBackOff, Terminating, Completed, OOMKilled, ... */
  status: string;
  ready: boolean;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  /** the most recent lastState.terminated over all containers */
  lastTermination: (TerminationSummary & { container: string }) | null;
  node: string | null;
  ip: string | null;
  deleting: boolean;
  /** when the pod turned Ready (Ready condition lastTransitionTime when True) */
  readySince: string | null;
  startedAt: string | null;
  containers: ContainerStatusSummary[];
  /** container ports of the spec, for the probe-failure triggers */
  ports: number[];
  requests: Resources;
}

export interface ServiceSummary extends ObjectRef {
  type: string;
  selector: Record<string, string>;
  ports: { name: string | null; port: number; targetPort: string; protocol: string }[];
  clusterIP: string | null;
}

export interface EndpointSliceSummary extends ObjectRef {
  service: string | null;
  endpoints: { ip: string; ready: boolean; serving: boolean; terminating: boolean; pod: string | null }[];
}

export interface HpaMetricSummary {
  /** Resource | ContainerResource | Pods | Object | External */
  type: string;
  /** cpu, memory, or the metric name */
  name: string;
  /** "Utilization" | "AverageValue" | "Value" */
  targetType: string;
  /** percent for Utilization, else the raw quantity as a number in base units (cores, bytes) */
  target: number | null;
  current: number | null;
  /** the current average value in base units where the API reports it */
  currentAverageValue: number | null;
}

export interface HpaSummary extends ObjectRef {
  target: { kind: string; name: string; apiVersion: string };
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
  metrics: HpaMetricSummary[];
  conditions: ConditionSummary[];
  lastScaleTime: string | null;
  /** effective scale-down stabilization window (default 300 s) */
  scaleDownStabilizationSeconds: number;
  scaleUpStabilizationSeconds: number;
}

export interface EventRow extends ObjectRef {
  type: string;
  reason: string;
  message: string;
  /** fieldPath names a pod's container, e.g. spec.containers{app}: which one a probe or kill was about */
  involved: { kind: string; name: string; uid: string | null; fieldPath: string | null };
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  source: string | null;
}

export interface KindSummaryMap {
  deployments: DeploymentSummary;
  replicasets: ReplicaSetSummary;
  pods: PodRow;
  services: ServiceSummary;
  endpointslices: EndpointSliceSummary;
  hpas: HpaSummary;
  events: EventRow;
  ingresses: IngressSummary;
  /** empty when the Gateway API CRDs are not installed */
  httproutes: HttpRouteSummary;
  /** empty when the Gateway API CRDs are not installed */
  gateways: GatewaySummary;
}
export type AnySummary = KindSummaryMap[WatchedKind];

/** Per-pod usage from metrics.k8s.io, polled by one shared loop per namespace. */
export interface PodUsage {
  pod: string;
  cpuMilli: number;
  memoryBytes: number;
  /** ISO timestamp of the sample */
  timestamp: string;
}

/** One point of the namespace's history, sampled on the server every few seconds. */
export interface HistoryPoint {
  /** epoch ms */
  t: number;
  deployments: Record<string, { desired: number; ready: number; updated: number }>;
  hpas: Record<string, { current: number | null; target: number | null; replicas: number; desired: number }>;
  pods: Record<string, { cpuMilli: number; memoryBytes: number }>;
  /** why metrics.k8s.io could not be read at this sample (absent when it could) */
  metricsError?: string;
}

// ---- traffic routes: Gateway API HTTPRoutes and Ingresses (lib/models/httproute.ts, ingress.ts) ----

export interface HttpRouteBackend {
  kind: string;
  name: string;
  /** null = the route's namespace */
  namespace: string | null;
  port: number | null;
  weight: number;
}

export interface HttpRouteRule {
  /** index in spec.rules, for an edit */
  index: number;
  /** e.g. "PathPrefix /", "header x-canary=always" */
  matches: string[];
  backends: HttpRouteBackend[];
}

/** One condition a gateway controller wrote on a route, for one parent (Gateway). */
export interface RouteCondition {
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

export interface GatewayListener {
  name: string;
  port: number | null;
  protocol: string;
  hostname: string | null;
  /** routes the controller attached to it; null until it reports */
  attachedRoutes: number | null;
  accepted: RouteCondition | null;
  programmed: RouteCondition | null;
}

export interface GatewaySummary extends ObjectRef {
  className: string;
  addresses: string[];
  accepted: RouteCondition | null;
  programmed: RouteCondition | null;
  listeners: GatewayListener[];
}

/** What the controller of one parent Gateway says of the route (status.parents[]). */
export interface RouteParentStatus {
  /** the Gateway, as in `parents`: "gw" or "infra/gw" */
  parent: string;
  controller: string;
  /** the route is attached to the Gateway (its listeners allow it, the parent exists) */
  accepted: RouteCondition | null;
  /** every backendRef resolved to an object the controller may send to */
  resolvedRefs: RouteCondition | null;
}

export interface HttpRouteSummary extends ObjectRef {
  hostnames: string[];
  parents: string[];
  rules: HttpRouteRule[];
  /** one entry per parent a controller reported on; empty: no controller has looked at the route */
  status: RouteParentStatus[];
}

export interface IngressBackend {
  service: string;
  /** port name or number, as text */
  port: string | null;
}

export interface IngressPath extends IngressBackend {
  host: string | null;
  path: string;
  pathType: string;
}

export interface NginxCanary {
  /** nginx.ingress.kubernetes.io/canary is true */
  enabled: boolean;
  /** the weight ingress-nginx uses: a malformed or absent value is 0 */
  weight: number;
  /** canary-weight-total, default 100 */
  weightTotal: number;
  byHeader: string | null;
  byHeaderValue: string | null;
  byHeaderPattern: string | null;
  byCookie: string | null;
  /** malformed or out-of-range values, in words */
  problems: string[];
}

export interface IngressSummary extends ObjectRef {
  className: string | null;
  paths: IngressPath[];
  defaultBackend: IngressBackend | null;
  /** null when the Ingress carries no canary annotation at all */
  canary: NginxCanary | null;
}
