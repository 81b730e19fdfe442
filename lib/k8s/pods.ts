import 'server-only';
import { fetch } from 'undici';
import type { EndpointAnswer } from '../models/contract';
import type { RawObjectMeta } from '../models/meta';
import type { RawPod } from '../models/pod';
import { ENDPOINTS_ANNOTATION, parsePodEndpoints } from '../models/pod-endpoints';
import type { PodEndpoint } from '../models/types';
import { dnsLabel, dnsSubdomain } from '../validation';
import { apiUrl, getCluster, k8sRequest, prepare } from './client';
import { K8sError, errorFromThrown } from './errors';
import { fetchPages, listAllPages } from './pager';

// Writes to Pods, and the probe-failure triggers: a GET of an endpoint the pod's Deployment
// declares (annotation podium.dev/endpoints, defaults /inemuri and /seppuku), sent through the
// API server's pods/proxy. Never a path from the browser: the route names an endpoint id only.
// The pods watch, like every watched kind's, is a row of lib/k8s/resources.ts: the one table the
// watch hub (watch-hub.ts) reads.

export const PROXY_TIMEOUT_MS = 5_000;
export const MAX_ANSWER_BYTES = 2048;

/** The namespace's pods (those of `labelSelector`, if given), listed in pages (lib/k8s/pager.ts). */
export async function listPods(ns: string, labelSelector?: string): Promise<RawPod[]> {
  const fetch = fetchPages(`/api/v1/namespaces/${ns}/pods`, {
    query: { labelSelector },
    what: labelSelector ? `list pods ${labelSelector}` : 'list pods',
  });
  return (await listAllPages(fetch, (raw) => raw as RawPod)).items;
}

export async function deletePod(ns: string, name: string): Promise<void> {
  await k8sRequest(`/api/v1/namespaces/${ns}/pods/${name}`, { method: 'DELETE', what: `delete pod ${name}` });
}

/**
 * The pods/proxy path for one endpoint. Checked piece by piece, because the API server resolves
 * what it is given: "..", "." or "//" segments, percent-encodings (%2e%2e, %2f) and anything outside
 * [A-Za-z0-9._~/-] are refused, so the path reaches the pod exactly as declared.
 */
export function buildPodProxyPath(ns: string, pod: string, port: number, path: string): string {
  if (!dnsLabel.safeParse(ns).success)
    throw new K8sError(400, 'BadRequest', `namespace "${ns}" is not a valid name`);
  if (!dnsSubdomain.safeParse(pod).success)
    throw new K8sError(400, 'BadRequest', `pod "${pod}" is not a valid name`);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new K8sError(400, 'BadRequest', `port ${port} is not in 1..65535`);
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(path) || path.length > 256) {
    throw new K8sError(
      400,
      'BadRequest',
      'endpoint path must start with "/" and use only letters, digits and . _ ~ / -',
    );
  }
  const segments = path.slice(1).split('/');
  segments.forEach((s, i) => {
    if (s === '.' || s.includes('..'))
      throw new K8sError(400, 'BadRequest', 'endpoint path must not contain "." or ".." segments');
    if (s === '' && i < segments.length - 1)
      throw new K8sError(400, 'BadRequest', 'endpoint path must not contain "//"');
  });
  return `/api/v1/namespaces/${ns}/pods/${pod}:${port}/proxy${path}`;
}

function controllerOf(meta: RawObjectMeta | undefined, kind: string): string | null {
  return meta?.ownerReferences?.find((o) => o.controller && o.kind === kind)?.name ?? null;
}

/** The declared endpoint with this id, from the Deployment that owns the pod (via its ReplicaSet). */
export async function resolvePodEndpoint(
  ns: string,
  podName: string,
  id: string,
): Promise<{ endpoint: PodEndpoint; port: number }> {
  const pod = await k8sRequest<RawPod>(`/api/v1/namespaces/${ns}/pods/${podName}`, {
    what: `get pod ${podName}`,
  });
  const rsName = controllerOf(pod.metadata, 'ReplicaSet');
  const rs = rsName
    ? await k8sRequest<{ metadata?: RawObjectMeta }>(`/apis/apps/v1/namespaces/${ns}/replicasets/${rsName}`, {
        what: `get replica set ${rsName}`,
      })
    : null;
  const depName = controllerOf(rs?.metadata, 'Deployment');
  if (!depName) {
    throw new K8sError(
      409,
      'NoDeployment',
      `pod ${podName} belongs to no Deployment, so it has no declared endpoints`,
    );
  }
  const dep = await k8sRequest<{ metadata?: RawObjectMeta }>(
    `/apis/apps/v1/namespaces/${ns}/deployments/${depName}`,
    { what: `get deployment ${depName}` },
  );
  const endpoints = parsePodEndpoints(dep.metadata?.annotations?.[ENDPOINTS_ANNOTATION]);
  const endpoint = endpoints.find((e) => e.id === id);
  if (!endpoint) {
    const ids = endpoints.map((e) => e.id).join(', ');
    throw new K8sError(
      404,
      'EndpointNotDeclared',
      `deployment ${depName} declares no endpoint "${id}" (declared: ${ids || 'none'})`,
    );
  }
  const firstPort = pod.spec?.containers
    ?.flatMap((c) => c.ports ?? [])
    .find((p) => p.containerPort)?.containerPort;
  const port = endpoint.port ?? firstPort;
  if (!port)
    throw new K8sError(
      409,
      'NoPort',
      `pod ${podName} declares no container port to call ${endpoint.path} on`,
    );
  return { endpoint, port };
}

/** The first `limit` bytes of a body as text; the rest is not read. */
async function readPrefix(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!body) return { text: '', truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total >= limit) {
      truncated = total > limit;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit)), truncated };
}

interface ApiStatus {
  kind?: string;
  apiVersion?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** An API-server Status object (not the pod's own answer, which pods/proxy passes through as is). */
function asApiStatus(text: string, contentType: string | null): ApiStatus | null {
  if (!contentType?.includes('application/json')) return null;
  try {
    const v = JSON.parse(text) as ApiStatus;
    return v && v.kind === 'Status' && v.apiVersion === 'v1' && v.status === 'Failure' ? v : null;
  } catch {
    return null;
  }
}

export async function callPodEndpoint(
  ns: string,
  podName: string,
  endpointId: string,
): Promise<EndpointAnswer> {
  const { endpoint, port } = await resolvePodEndpoint(ns, podName, endpointId);
  const url = apiUrl(buildPodProxyPath(ns, podName, port, endpoint.path));
  const { headers, dispatcher } = await prepare(url, 'GET');
  let res;
  try {
    res = await fetch(url, {
      method: 'GET',
      headers,
      dispatcher,
      signal: AbortSignal.timeout(PROXY_TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch (err) {
    if ((err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError') {
      throw new K8sError(
        504,
        'PodDidNotAnswer',
        `the pod did not answer: no response within ${PROXY_TIMEOUT_MS / 1000} s`,
      );
    }
    throw errorFromThrown(err, getCluster().server);
  }
  let answer;
  try {
    answer = await readPrefix(res.body as ReadableStream<Uint8Array> | null, MAX_ANSWER_BYTES);
  } catch {
    throw new K8sError(
      504,
      'PodDidNotAnswer',
      `the pod did not answer: its response did not finish within ${PROXY_TIMEOUT_MS / 1000} s`,
    );
  }
  const apiStatus = asApiStatus(answer.text, res.headers.get('content-type'));
  if (apiStatus) {
    // The API server's own failure: the pod unreachable (503/502 "error trying to reach service:
    // dial tcp ...: connection refused"), or RBAC / not found, which keep their status.
    if (res.status === 503 || res.status === 502 || res.status === 504) {
      throw new K8sError(
        502,
        'PodDidNotAnswer',
        `the pod did not answer: ${apiStatus.message ?? `HTTP ${res.status}`}`,
      );
    }
    throw new K8sError(
      res.status,
      apiStatus.reason || 'Error',
      apiStatus.message || `call ${endpoint.path} on pod ${podName}: HTTP ${res.status}`,
    );
  }
  return {
    endpoint: endpoint.id,
    path: endpoint.path,
    port,
    status: res.status,
    body: answer.text,
    truncated: answer.truncated,
  };
}
