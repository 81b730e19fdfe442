import 'server-only';
import { fetch } from 'undici';
import type { RawPod } from '../../models/pod';
import { apiUrl, getCluster, k8sRequest, prepare } from '../client';
import { K8sError, errorFromResponse, errorFromThrown } from '../errors';

// The API server's pods/log, the only way Podium reads logs (never a generic proxy): with the one
// KubeConfig's credentials and connection pool (lib/k8s/client.ts), answering a K8sError with the
// API server's own reason when it refuses.
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#get-read-log-of-the-specified-pod

export interface LogQuery {
  container: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

export const logPath = (ns: string, pod: string) => `/api/v1/namespaces/${ns}/pods/${pod}/log`;

/** Opens pods/log with timestamps; resolves with the body once the API server answered 200. */
export async function openLog(
  ns: string,
  pod: string,
  q: LogQuery,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const url = apiUrl(logPath(ns, pod), { ...q, timestamps: true });
  let res;
  try {
    const { headers, dispatcher } = await prepare(url, 'GET');
    res = await fetch(url, { headers, dispatcher, signal });
  } catch (err) {
    if (signal.aborted) throw err;
    throw errorFromThrown(err, getCluster().server);
  }
  if (!res.ok)
    throw await errorFromResponse(res as unknown as Response, `read the logs of ${pod}/${q.container}`);
  if (!res.body) throw new K8sError(502, 'NoBody', `the logs of ${pod}/${q.container} came without a body`);
  return res.body as ReadableStream<Uint8Array>;
}

export function getPod(ns: string, pod: string): Promise<RawPod> {
  return k8sRequest<RawPod>(`/api/v1/namespaces/${ns}/pods/${pod}`, { what: `get pod ${pod}` });
}

/** The kubelet's "container is waiting to start" (ContainerCreating, PodInitializing, a pull...). */
export function isNotStarted(err: K8sError): boolean {
  return err.status === 400 && /waiting to start|ContainerCreating|PodInitializing/i.test(err.message);
}

/** "previous terminated container ... not found": the container never restarted. */
export function isNoPrevious(err: K8sError): boolean {
  return err.status === 400 && /previous terminated container .* not found/i.test(err.message);
}

/** The container is not one of the pod's. */
export function isNoSuchContainer(err: K8sError): boolean {
  return (
    err.status === 400 &&
    /is not valid for pod|container .* not found/i.test(err.message) &&
    !isNoPrevious(err)
  );
}
