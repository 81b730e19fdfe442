// Test helper: the local cluster (scripts/cluster), started once or reused, and a fresh namespace
// per test file, deleted afterwards. Integration and browser tests import this.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before } from 'node:test';
import { waitFor } from './wait';

export { waitFor, waitForValue, type Value, type Wait } from './wait';

const run = promisify(execFile);
export const ROOT = join(import.meta.dirname, '..', '..');
export const CLUSTER_DIR = process.env.PODIUM_CLUSTER_DIR ?? join(ROOT, '.cluster');
export const KUBECONFIG = join(CLUSTER_DIR, 'kubeconfig');

function cacheDir(): string {
  return (
    process.env.PODIUM_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/root', '.cache'), 'podium')
  );
}

/** The kubectl built with the cluster (v1.36), not whatever is on PATH. */
export function kubectlPath(): string {
  const dir = join(cacheDir(), 'cluster');
  const bins = existsSync(dir)
    ? readdirSync(dir).filter((d) => d.startsWith('bin-') && !d.endsWith('.tmp'))
    : [];
  for (const b of bins) if (existsSync(join(dir, b, '.complete'))) return join(dir, b, 'kubectl');
  throw new Error('the local cluster is not built: run `npm run cluster:build`');
}

/** Starts the cluster unless it is running (idempotent, see scripts/cluster/up.sh). */
export function ensureCluster(): void {
  execFileSync('bash', [join(ROOT, 'scripts/cluster/up.sh'), '--wait'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env.KUBECONFIG = KUBECONFIG;
}

export async function kubectl(args: string[], input?: string): Promise<string> {
  const child = run(kubectlPath(), ['--kubeconfig', KUBECONFIG, ...args], { maxBuffer: 64 << 20 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  const { stdout } = await child;
  return stdout;
}

export async function kubectlJson<T = unknown>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, '-o', 'json'])) as T;
}

/**
 * Ready endpoints of a Service, as both sides see them: its EndpointSlices (kube-proxy, gateways) and
 * its legacy Endpoints, which the API server's services/proxy picks from (pkg/registry/core/service/
 * storage ResourceLocation, Kubernetes 1.36). Each follows the pods' readiness a moment later, on its
 * own controller: the smaller count, so a measure waits until both know every pod.
 */
export async function readyEndpoints(namespace: string, service: string): Promise<number> {
  const [slices, legacy] = await Promise.all([
    kubectlJson<{ items: { endpoints?: { conditions?: { ready?: boolean } }[] }[] }>([
      '-n',
      namespace,
      'get',
      'endpointslices',
      '-l',
      `kubernetes.io/service-name=${service}`,
    ]),
    kubectlJson<{ subsets?: { addresses?: unknown[] }[] }>([
      '-n',
      namespace,
      'get',
      'endpoints',
      service,
    ]).catch(() => ({ subsets: [] })),
  ]);
  const fromSlices = slices.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready).length;
  const fromLegacy = (legacy.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  return Math.min(fromSlices, fromLegacy);
}

export async function apply(namespace: string, yaml: string): Promise<void> {
  await kubectl(['-n', namespace, 'apply', '-f', '-'], yaml);
}

/** Waits for the namespace's default service account, which pods need before they can be created. */
export async function waitForServiceAccount(namespace: string): Promise<void> {
  await waitFor(
    `default service account in ${namespace}`,
    async () => {
      await kubectl(['-n', namespace, 'get', 'sa', 'default']); // throws (not yet) until it exists
      return true;
    },
    30_000,
  );
}

/**
 * Call at the top of a test file: starts (or reuses) the cluster before the tests and gives the
 * file its own namespace, created with its default service account and deleted afterwards.
 */
export function testNamespace(prefix: string): { readonly name: string } {
  const ns = { name: `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}` };
  before(async () => {
    ensureCluster();
    await kubectl(['create', 'namespace', ns.name]);
    await waitForServiceAccount(ns.name);
  });
  after(async () => {
    await kubectl(['delete', 'namespace', ns.name, '--wait=false']).catch(() => undefined);
  });
  return ns;
}

/**
 * A Deployment whose pods kwok runs; annotations on the pod template drive usage and stages.
 * `versionEnv` sets APP_VERSION in the container and names it with podium.dev/version-env.
 */
export interface DeploymentOptions {
  replicas?: number;
  image?: string;
  cpuRequest?: string;
  podAnnotations?: Record<string, string>;
  labels?: Record<string, string>;
  versionEnv?: string;
  extra?: string;
}

export function deploymentYaml(name: string, opts: DeploymentOptions = {}): string {
  const labels = { app: name, ...(opts.labels ?? {}) };
  const ann = {
    'kwok.x-k8s.io/usage-cpu': '10m',
    'kwok.x-k8s.io/usage-memory': '32Mi',
    ...(opts.podAnnotations ?? {}),
  };
  const indent = (o: Record<string, string>, n: number) =>
    Object.entries(o)
      .map(([k, v]) => `${' '.repeat(n)}${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join('\n');
  const version = opts.versionEnv;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${version === undefined ? '' : '  annotations: {podium.dev/version-env: APP_VERSION}\n'}spec:
  replicas: ${opts.replicas ?? 1}
  selector:
    matchLabels:
${indent(labels, 6)}
  template:
    metadata:
      labels:
${indent(labels, 8)}
      annotations:
${indent(ann, 8)}
    spec:
      containers:
      - name: app
        image: ${opts.image ?? 'podium-demo:1.0.0'}
        ports: [{containerPort: 8080, name: http}]
${version === undefined ? '' : `        env: [{name: APP_VERSION, value: ${JSON.stringify(version)}}]\n`}        resources: {requests: {cpu: ${opts.cpuRequest ?? '100m'}, memory: 64Mi}}
${opts.extra ?? ''}`;
}
