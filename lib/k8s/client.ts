import 'server-only';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, RequestContext, HttpMethod } from '@kubernetes/client-node';
import { Agent, fetch, type Dispatcher } from 'undici';
import { getConfig } from '../config';
import { K8sError, errorFromResponse, errorFromThrown } from './errors';

// The one KubeConfig of the process: in-cluster inside a pod, else $KUBECONFIG, else ~/.kube/config;
// PODIUM_CONTEXT picks the context. Credentials stay here: nothing from this module reaches the browser.

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

interface Cluster {
  kc: KubeConfig;
  /** what was tried, e.g. "KUBECONFIG=/x/kubeconfig (context podium-local)" */
  source: string;
  server: string;
  /** set when no usable configuration was found */
  error: string | null;
  dispatcher: Dispatcher | undefined;
}

const g = globalThis as typeof globalThis & { __podiumCluster?: Cluster };

function loadCluster(): Cluster {
  const kc = new KubeConfig();
  const { context } = getConfig();
  let source: string;
  try {
    if (
      process.env.KUBERNETES_SERVICE_HOST &&
      existsSync(/*turbopackIgnore: true*/ SA_TOKEN) &&
      !process.env.KUBECONFIG
    ) {
      kc.loadFromCluster();
      source = 'in-cluster service account';
    } else {
      const path = process.env.KUBECONFIG || join(homedir(), '.kube', 'config');
      const first = path.split(':')[0] ?? path;
      if (!existsSync(/*turbopackIgnore: true*/ first)) {
        return broken(
          kc,
          `${process.env.KUBECONFIG ? 'KUBECONFIG=' : ''}${path}`,
          `no kubeconfig file at ${first}`,
        );
      }
      kc.loadFromDefault();
      if (context) kc.setCurrentContext(context);
      source = `${process.env.KUBECONFIG ? 'KUBECONFIG=' : ''}${path} (context ${kc.getCurrentContext()})`;
    }
  } catch (err) {
    return broken(kc, process.env.KUBECONFIG ?? '~/.kube/config', (err as Error).message);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) return broken(kc, source, `the context "${kc.getCurrentContext()}" names no cluster`);
  return { kc, source, server: cluster.server, error: null, dispatcher: undefined };
}

function broken(kc: KubeConfig, source: string, error: string): Cluster {
  return { kc, source, server: '(none)', error, dispatcher: undefined };
}

export function getCluster(): Cluster {
  // A configuration that did not load is tried again at every use: creating the kubeconfig (or
  // fixing it) is then enough, no restart needed.
  if (!g.__podiumCluster || g.__podiumCluster.error) g.__podiumCluster = loadCluster();
  return g.__podiumCluster;
}

/** For tests and a changed environment: forget the loaded configuration. */
export function resetCluster(): void {
  g.__podiumCluster = undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** a few words for error messages, e.g. "scale deployment web" */
  what?: string;
}

/** Auth headers and a shared connection pool for one request to the API server. */
export async function prepare(
  url: string,
  method: string,
): Promise<{ headers: Record<string, string>; dispatcher?: Dispatcher }> {
  const cluster = getCluster();
  if (cluster.error) throw new K8sError(503, 'NoConfig', `${cluster.error} (tried ${cluster.source})`);
  const ctx = new RequestContext(url, method as HttpMethod);
  await cluster.kc.applySecurityAuthentication(ctx);
  // client-node builds a new undici Agent per request; keep the first one so connections are reused.
  cluster.dispatcher ??= ctx.getDispatcher() as Dispatcher | undefined;
  return { headers: ctx.getHeaders(), dispatcher: cluster.dispatcher };
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const cluster = getCluster();
  if (cluster.error) throw new K8sError(503, 'NoConfig', `${cluster.error} (tried ${cluster.source})`);
  const url = new URL(cluster.server.replace(/\/$/, '') + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** A raw request to the API server: JSON in, JSON out, errors as K8sError. */
export async function k8sRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const url = apiUrl(path, opts.query);
  const { headers, dispatcher } = await prepare(url, method);
  headers.Accept = 'application/json';
  if (opts.body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
  let res;
  try {
    res = await fetch(url, {
      method,
      headers,
      dispatcher,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal ?? AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw errorFromThrown(err, getCluster().server);
  }
  if (!res.ok) throw await errorFromResponse(res as unknown as Response, opts.what ?? `${method} ${path}`);
  return (await res.json()) as T;
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

// Close pooled sockets when the process is asked to stop.
export function closeConnections(): Promise<void> {
  const d = g.__podiumCluster?.dispatcher;
  return d instanceof Agent ? d.close() : Promise.resolve();
}
