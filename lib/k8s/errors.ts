import 'server-only';

/**
 * The one error type for everything that goes wrong talking to Kubernetes. `status` is the HTTP
 * status Podium answers with: the API server's own 4xx (403, 404, 409, 422) pass through with its
 * reason; a cluster that does not answer becomes 503.
 */
export class K8sError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'K8sError';
  }
}

interface ApiStatus {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
}

export async function errorFromResponse(res: Response, what: string): Promise<K8sError> {
  let body: ApiStatus = {};
  try {
    body = (await res.json()) as ApiStatus;
  } catch {
    // not JSON (e.g. a proxy's HTML page): fall back to the status line
  }
  const reason = body.reason || res.statusText || 'Error';
  const message = body.message || `${what}: HTTP ${res.status}`;
  return new K8sError(res.status, reason, message);
}

/** Network-level failures (refused, reset, TLS, DNS, timeout) as a 503 a person can act on. */
export function errorFromThrown(err: unknown, server: string): K8sError {
  if (err instanceof K8sError) return err;
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code;
  const detail = e.cause?.message ?? e.message ?? String(err);
  const text =
    code === 'ECONNREFUSED'
      ? `the API server at ${server} refused the connection (is the cluster running?)`
      : code === 'ENOTFOUND'
        ? `the API server host in ${server} does not resolve`
        : `cannot reach the API server at ${server}: ${detail}`;
  return new K8sError(503, 'Unreachable', text);
}
