// Test helper: the demo app on the local cluster's real node (scripts/cluster/node.sh), and HTTP
// through the API server's services/proxy and pods/proxy with the cluster's admin certificate.
// Every request goes to 127.0.0.1 (the API server), which forwards it to a pod inside the pods'
// own network namespaces; every loop here is bounded in count and time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import WebSocket from 'ws';
import { CLUSTER_DIR, kubectl, kubectlJson, waitFor, waitForValue } from './cluster';

export const REAL_NODE = 'podium-real-1';

/**
 * Whether the tests that need real pods run: false only when the cluster was started without its
 * real node on purpose (PODIUM_REAL_NODE=0). Otherwise the node must be Ready, and a missing or
 * broken node fails the test file instead of skipping it.
 */
export async function expectRealNode(): Promise<boolean> {
  if (process.env.PODIUM_REAL_NODE === '0') return false;
  await waitFor(
    `node ${REAL_NODE} Ready (start the cluster with its real node, or set PODIUM_REAL_NODE=0 to skip these tests)`,
    async () => {
      const node = await kubectlJson<{ status: { conditions?: { type: string; status: string }[] } }>([
        'get',
        'node',
        REAL_NODE,
      ]);
      return node.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    },
    120_000,
    1_000,
  );
  return true;
}
export const NO_REAL_NODE = 'PODIUM_REAL_NODE=0: the cluster runs without its real node';
const API = `https://127.0.0.1:${process.env.PODIUM_API_PORT ?? '16443'}`;

let tls: { ca: Buffer; cert: Buffer; key: Buffer } | undefined;
function clientTls() {
  const pki = join(CLUSTER_DIR, 'pki');
  tls ??= {
    ca: readFileSync(join(pki, 'ca.crt')),
    cert: readFileSync(join(pki, 'admin.crt')),
    key: readFileSync(join(pki, 'admin.key')),
  };
  return tls;
}
let agent: Agent | undefined;
const dispatcher = () => (agent ??= new Agent({ connect: clientTls(), connections: 16 }));
/** Closes the kept-alive connections, so the test file's process can exit (call it in `after`). */
export async function closeConnections(): Promise<void> {
  const a = agent;
  agent = undefined;
  await a?.destroy();
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** GET through the API server; a transport error or a timeout is an answer with status 0. */
export async function apiGet(path: string, timeoutMs = 5_000): Promise<Answer> {
  const t0 = performance.now();
  try {
    const res = await request(`${API}${path}`, {
      dispatcher: dispatcher(),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const body = await res.body.text();
    return { status: res.statusCode, body, ms: performance.now() - t0 };
  } catch (err) {
    return { status: 0, body: err instanceof Error ? err.message : String(err), ms: performance.now() - t0 };
  }
}

export const serviceProxy = (ns: string, svc: string, path: string, port = 'http') =>
  `/api/v1/namespaces/${ns}/services/${svc}:${port}/proxy${path}`;
export const podProxy = (ns: string, pod: string, path: string, port = 8080) =>
  `/api/v1/namespaces/${ns}/pods/${pod}:${port}/proxy${path}`;

export interface LoopResult {
  sent: number;
  ok: number;
  failed: number;
  /** answers per reported version (the demo app's JSON `version`) */
  versions: Record<string, number>;
  /** the failures' statuses (0 = no answer) */
  failures: Record<string, number>;
}

/**
 * Sends GET `path` every `everyMs` (one at a time) until `stop()` resolves true or `maxMs` passes;
 * at most `maxRequests` requests.
 */
export async function requestLoop(
  path: string,
  opts: { everyMs: number; maxMs: number; maxRequests: number; stop?: () => boolean },
): Promise<LoopResult> {
  const r: LoopResult = { sent: 0, ok: 0, failed: 0, versions: {}, failures: {} };
  const deadline = Date.now() + opts.maxMs;
  while (Date.now() < deadline && r.sent < opts.maxRequests && !opts.stop?.()) {
    const started = Date.now();
    const a = await apiGet(path, 2_000);
    r.sent++;
    if (a.status === 200) {
      r.ok++;
      const version = (JSON.parse(a.body) as { version?: string }).version ?? '?';
      r.versions[version] = (r.versions[version] ?? 0) + 1;
    } else {
      r.failed++;
      r.failures[a.status] = (r.failures[a.status] ?? 0) + 1;
    }
    const wait = opts.everyMs - (Date.now() - started);
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
  }
  return r;
}

/** A WebSocket to a pod through pods/proxy; resolves once open, and records how it closed. */
export function podWebSocket(ns: string, pod: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const url = `${API.replace('https', 'wss')}${podProxy(ns, pod, '/ws')}`;
  const ws = new WebSocket(url, { ...clientTls(), handshakeTimeout: 5_000 });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

export interface DemoOptions {
  replicas?: number;
  version?: string;
  labels?: Record<string, string>;
  env?: Record<string, string>;
  /** YAML lines for the container (probes), indented by 8 */
  container?: string;
  /** YAML lines for the Deployment's spec (strategy), indented by 2 */
  spec?: string;
  cpuLimit?: string;
  image?: string;
  /** annotations of the pod template (e.g. prometheus.io/scrape) */
  podAnnotations?: Record<string, string>;
}

/** The demo app as a Deployment pinned to the real node. */
export function demoDeployment(name: string, o: DemoOptions = {}): string {
  const labels = { app: name, ...(o.labels ?? {}) };
  const lab = (n: number) =>
    Object.entries(labels)
      .map(([k, v]) => `${' '.repeat(n)}${k}: ${JSON.stringify(v)}`)
      .join('\n');
  const env = { APP_VERSION: o.version ?? '1.0.0', ...(o.env ?? {}) };
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${o.replicas ?? 1}
${o.spec ?? ''}
  selector:
    matchLabels:
${lab(6)}
  template:
    metadata:
      annotations: ${JSON.stringify(o.podAnnotations ?? {})}
      labels:
${lab(8)}
    spec:
      nodeSelector: {podium.dev/node: real}
      tolerations: [{key: podium.dev/real-node, operator: Exists, effect: NoSchedule}]
      terminationGracePeriodSeconds: 15
      containers:
      - name: app
        image: ${o.image ?? 'podium-demo:1.0.0'}
        imagePullPolicy: IfNotPresent
        ports: [{containerPort: 8080, name: http}]
        env:
${Object.entries(env)
  .map(([k, v]) => `        - {name: ${k}, value: ${JSON.stringify(v)}}`)
  .join('\n')}
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {cpu: ${o.cpuLimit ?? '500m'}, memory: 160Mi}}
${o.container ?? ''}
`;
}

export function serviceYaml(name: string, selector: Record<string, string>): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: ${JSON.stringify(selector)}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;
}

export interface Pod {
  metadata: { name: string; uid: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status: {
    phase: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      ready: boolean;
      restartCount: number;
      state?: { waiting?: { reason: string; message?: string }; running?: { startedAt: string } };
      lastState?: { terminated?: { reason: string; exitCode: number; finishedAt: string } };
    }[];
  };
}

export const podsOf = async (ns: string, selector: string) =>
  (await kubectlJson<{ items: Pod[] }>(['-n', ns, 'get', 'pods', '-l', selector])).items;

export const isReady = (p: Pod) =>
  !p.metadata.deletionTimestamp &&
  p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

export interface KubeEvent {
  reason: string;
  message?: string;
  type: string;
  count?: number;
  involvedObject: { name: string; kind: string };
  source?: { component?: string };
  reportingComponent?: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
}

export const eventsFor = async (ns: string, name: string) =>
  (
    await kubectlJson<{ items: KubeEvent[] }>([
      '-n',
      ns,
      'get',
      'events',
      '--field-selector',
      `involvedObject.name=${name}`,
    ])
  ).items;

/**
 * A one-shot pod on the real node running `node -e script` in the demo image (Node 24): applies
 * it, waits until it ends, and returns its phase and the last line it logged.
 */
export async function runScriptPod(
  ns: string,
  name: string,
  script: string,
  o: { env?: Record<string, string>; serviceAccount?: string } = {},
): Promise<{ phase: string; logs: string; last: string }> {
  const env = Object.entries(o.env ?? {}).map(([k, v]) => ({ name: k, value: v }));
  await kubectl(
    ['-n', ns, 'apply', '-f', '-'],
    `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
${o.serviceAccount ? `  serviceAccountName: ${o.serviceAccount}\n` : ''}  restartPolicy: Never
  nodeSelector: {podium.dev/node: real}
  tolerations: [{key: podium.dev/real-node, operator: Exists, effect: NoSchedule}]
  terminationGracePeriodSeconds: 1
  containers:
  - name: client
    image: podium-demo:1.0.0
    imagePullPolicy: IfNotPresent
    command: [node, -e, ${JSON.stringify(script)}]
    env: ${JSON.stringify(env)}
    resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
`,
  );
  const { phase } = await waitForValue(
    `pod ${name} to finish`,
    async () => {
      const p = await kubectlJson<{ status: { phase?: string } }>(['-n', ns, 'get', 'pod', name]);
      return p.status.phase === 'Succeeded' || p.status.phase === 'Failed' ? { phase: p.status.phase } : null;
    },
    120_000,
    500,
  );
  const logs = (await kubectl(['-n', ns, 'logs', name])).trim();
  return { phase, logs, last: logs.split('\n').at(-1) ?? '' };
}
