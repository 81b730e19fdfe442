// The browser–server contract of Podium's own API, outside the live stream (lib/models/stream.ts)
// and the summaries it carries (lib/models/types.ts): what the session, permission, action and
// lesson routes answer, and the header every action sends. The routes (lib/routes/, app/api/) and
// the browser (lib/api/, lib/hooks/) both import these, so neither side writes them out again.

/** The request header carrying the CSRF token (double submit with the podium_csrf cookie). */
export const CSRF_HEADER = 'x-podium-csrf';

/** GET /api/session: the browser's session with Podium. */
export interface Session {
  csrfToken: string;
  readOnly: boolean;
  actionTokenRequired: boolean;
  unlocked: boolean;
  maxReplicas: number;
  /**
   * Class mode (PODIUM_CLASS): a browser that has not entered the action token is a student's and
   * sees no action at all, only a small "teacher" unlock.
   */
  classMode: boolean;
}

/** GET /api/class?path=…: the link students open to follow the page `path`, never a loopback one. */
export interface StudentLinkInfo {
  /** null when no student can reach this Podium (`reason` says why and what to do) */
  url: string | null;
  /** further addresses of this machine that lead to the same page */
  alternatives: string[];
  /** where the address comes from: PODIUM_CLASS_ADDRESS, the machine's LAN addresses, the request's own Host */
  source: 'class-address' | 'lan' | 'host' | 'none';
  reason: string | null;
}

/** Every error a route returns has this shape: a status, a reason word and a sentence for people. */
export interface ApiError {
  error: { status: number; reason: string; message: string };
}

/** The actions whose permission the UI checks before anyone clicks. */
export type ActionName =
  'scale' | 'restart' | 'rollout' | 'rollback' | 'deletePod' | 'endpoint' | 'hpaBounds';

export interface Permission {
  allowed: boolean;
  /** why not (or the authorizer's own words when it gives them) */
  reason: string;
}
export type Permissions = Record<ActionName, Permission>;

/** GET /api/namespaces/{ns}/permissions */
export interface PermissionsAnswer {
  namespace: string;
  readOnly: boolean;
  actions: Permissions;
  /** the Logs panel: off (PODIUM_LOGS=off), or whether the credentials may get pods/log */
  logs: { enabled: boolean } & Permission;
}

/** What a pod answered when one of its declared endpoints was called through pods/proxy. */
export interface EndpointAnswer {
  endpoint: string;
  path: string;
  port: number;
  /** the pod's HTTP status */
  status: number;
  /** the first 2 KB of the pod's answer, as text */
  body: string;
  truncated: boolean;
}

/** GET /api/lessons */
export interface LessonsInfo {
  prefix: string;
  lessons: { id: string; namespace: string; allowed: boolean }[];
  /**
   * Which nodes are simulated (kwok): Simulate is offered for a lesson whose pods all sit on them;
   * where they run for real (the built-in cluster's real node, any real cluster) the app's own
   * endpoints and real load are used. See lib/models/simulation.ts.
   */
  cluster: { simulated: boolean; simulatedNodes: string[]; realNode: string | null; reason: string };
}

export const RESTART_REASONS = ['Error', 'OOMKilled', 'Liveness'] as const;
export type RestartReason = (typeof RESTART_REASONS)[number];

/** POST /api/namespaces/{ns}/lessons/simulate: one simulation on the built-in (kwok) cluster. */
export type Simulation =
  | { simulation: 'restart'; pod: string; reason: RestartReason }
  | { simulation: 'ready'; pod: string; ready: boolean }
  | { simulation: 'cpu'; deployment: string; cpuMilli: number };
