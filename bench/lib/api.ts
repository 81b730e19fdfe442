// The benchmarks' own client of the local cluster's API server: the admin certificate of
// .cluster/pki, straight to 127.0.0.1 (no kubectl start-up inside a measurement). Every request
// goes to the loopback API server; every loop that calls these is bounded by its caller.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { CLUSTER_DIR, KUBECONFIG } from '../../test/helpers/cluster';

function apiServer(): string {
  const m = existsSync(KUBECONFIG)
    ? /server:\s*"?(https:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(KUBECONFIG, 'utf8'))
    : null;
  return m?.[1] ?? `https://127.0.0.1:${process.env.PODIUM_API_PORT ?? '16443'}`;
}

let agent: Agent | undefined;
function dispatcher(): Agent {
  const pki = (f: string) => readFileSync(join(CLUSTER_DIR, 'pki', f));
  agent ??= new Agent({
    connect: { ca: pki('ca.crt'), cert: pki('admin.crt'), key: pki('admin.key') },
    connections: 32,
  });
  return agent;
}

export async function closeApi(): Promise<void> {
  const a = agent;
  agent = undefined;
  await a?.close();
}

async function call(
  method: 'GET' | 'PATCH',
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<string> {
  const res = await request(`${apiServer()}${path}`, {
    method,
    dispatcher: dispatcher(),
    headers: body === undefined ? {} : { 'content-type': 'application/merge-patch+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const text = await res.body.text();
  if (res.statusCode >= 300)
    throw new Error(`${method} ${path}: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
  return text;
}

export const apiGet = (path: string, timeoutMs?: number) => call('GET', path, undefined, timeoutMs);
export const apiPatch = (path: string, body: unknown) => call('PATCH', path, body);

/** Fails with what to do when the local cluster does not answer. */
export async function requireCluster(): Promise<void> {
  const hint =
    'The benchmarks need the local cluster running: `npm run cluster:up` (after a one-time `npm run cluster:build`; see docs/local-cluster.md).';
  if (!existsSync(join(CLUSTER_DIR, 'pki', 'admin.crt')))
    throw new Error(`no cluster in ${CLUSTER_DIR}. ${hint}`);
  try {
    const ready = await apiGet('/readyz', 5_000);
    if (!ready.startsWith('ok')) throw new Error(ready.slice(0, 200));
  } catch (err) {
    throw new Error(`the API server at ${apiServer()} is not ready (${(err as Error).message}). ${hint}`);
  }
}

/** Pod names of a namespace, paged like a client should (limit/continue); terminating ones only with `all`. */
export async function listPodNames(ns: string, selector?: string, all = false): Promise<Set<string>> {
  // A continue token lives about 5 minutes (etcd compaction): under load a 10,000-pod list can
  // outlive it, and the API server answers 410 Expired. Start over then, at most 3 times.
  for (let attempt = 1; ; attempt++) {
    try {
      return await listPodNamesOnce(ns, selector, all);
    } catch (err) {
      if (attempt >= 3 || !/: HTTP 410 /.test((err as Error).message)) throw err;
    }
  }
}

async function listPodNamesOnce(
  ns: string,
  selector: string | undefined,
  all: boolean,
): Promise<Set<string>> {
  const names = new Set<string>();
  let cont = '';
  for (let page = 0; page < 100; page++) {
    const q = new URLSearchParams({ limit: '2000' });
    if (cont) q.set('continue', cont);
    if (selector) q.set('labelSelector', selector);
    const list = JSON.parse(await apiGet(`/api/v1/namespaces/${ns}/pods?${q}`)) as {
      metadata: { continue?: string };
      items: { metadata: { name: string; deletionTimestamp?: string } }[];
    };
    for (const p of list.items) if (all || !p.metadata.deletionTimestamp) names.add(p.metadata.name);
    cont = list.metadata.continue ?? '';
    if (!cont) break;
  }
  return names;
}

export async function scaleDeployment(ns: string, name: string, replicas: number): Promise<void> {
  await apiPatch(`/apis/apps/v1/namespaces/${ns}/deployments/${name}/scale`, { spec: { replicas } });
}

/**
 * Namespace-scoped WATCH requests the API server is holding, from its own /metrics. The controllers
 * watch cluster-wide, so these are the dashboards' and tests' watches: the caller takes a
 * difference against a baseline taken before Podium started.
 */
export async function namespacedWatches(): Promise<number> {
  const text = await apiGet('/metrics');
  let n = 0;
  for (const line of text.split('\n')) {
    if (
      line.startsWith('apiserver_longrunning_requests{') &&
      line.includes('verb="WATCH"') &&
      line.includes('scope="namespace"')
    ) {
      n += Number(line.split(' ').pop());
    }
  }
  return n;
}

export interface WatchedPod {
  type: string;
  name: string;
  /** Date.now() when this process read the event off the API server's watch */
  at: number;
}

/**
 * The bench's own watch of the pods of `selector` (from now on: the list's resourceVersion): the
 * reference time of every change. Ends when `stop` is called; one request, no retry.
 */
export async function watchPods(
  ns: string,
  selector: string,
  onEvent: (e: WatchedPod) => void,
): Promise<() => void> {
  const q = new URLSearchParams({ labelSelector: selector, limit: '500' });
  const list = JSON.parse(await apiGet(`/api/v1/namespaces/${ns}/pods?${q}`)) as {
    metadata: { resourceVersion: string };
  };
  const w = new URLSearchParams({
    labelSelector: selector,
    watch: '1',
    resourceVersion: list.metadata.resourceVersion,
    timeoutSeconds: '1800',
  });
  const abort = new AbortController();
  const res = await request(`${apiServer()}/api/v1/namespaces/${ns}/pods?${w}`, {
    dispatcher: dispatcher(),
    signal: abort.signal,
    bodyTimeout: 0,
  });
  if (res.statusCode >= 300) throw new Error(`watch pods: HTTP ${res.statusCode}`);
  void (async () => {
    let buf = '';
    try {
      for await (const chunk of res.body) {
        const at = Date.now();
        buf += (chunk as Buffer).toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (!line.trim()) continue;
          const e = JSON.parse(line) as { type: string; object: { metadata?: { name?: string } } };
          if (e.object.metadata?.name) onEvent({ type: e.type, name: e.object.metadata.name, at });
        }
      }
    } catch {
      // aborted by stop()
    }
  })();
  return () => abort.abort();
}
