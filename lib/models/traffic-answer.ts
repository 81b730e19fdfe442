// What one request through a Service came back with: the app's own answer (and who gave it), or
// the reason there was none. Through the API server's services/proxy, a failure to reach a pod is
// the API server's own Status object (503 "no endpoints available for service", "error trying to
// reach service: dial tcp ...: connection refused"); the app's answers pass through unchanged.
import type { TrafficErrorKind } from './traffic';

/** Headers the demo app sets on every response (demo/src/server.ts). */
export const VERSION_HEADER = 'x-app-version';
export const POD_HEADER = 'x-pod-name';

export interface RawAnswer {
  status: number;
  /** lower-case header names */
  headers: Record<string, string | undefined>;
  /** the first bytes of the body, as text */
  body: string;
  /** the request went through the API server's proxy (its Status objects can then appear) */
  viaApiServer: boolean;
}

export interface Answer {
  ok: boolean;
  status: number | null;
  error: TrafficErrorKind | null;
  version: string | null;
  pod: string | null;
  /** a sentence for a failure */
  message: string | null;
}

interface ApiStatus {
  kind?: unknown;
  apiVersion?: unknown;
  status?: unknown;
  message?: unknown;
  version?: unknown;
  pod?: unknown;
}

function parseJson(body: string): ApiStatus | null {
  const text = body.trim();
  if (!text.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as ApiStatus) : null;
  } catch {
    return null;
  }
}

const short = (s: string, max = 200) => (s.length > max ? `${s.slice(0, max)}…` : s);
const text = (v: unknown, max = 128): string | null =>
  typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null;

export function classifyAnswer(raw: RawAnswer): Answer {
  const json = parseJson(raw.body);
  const version = text(raw.headers[VERSION_HEADER]) ?? text(json?.version);
  const pod = text(raw.headers[POD_HEADER], 253) ?? text(json?.pod, 253);
  const fromApp = version !== null || pod !== null;
  const isStatus = json?.kind === 'Status' && json.apiVersion === 'v1' && json.status === 'Failure';
  if (raw.viaApiServer && isStatus && !fromApp) {
    const message = typeof json.message === 'string' ? json.message : `HTTP ${raw.status}`;
    return { ok: false, status: null, version: null, pod: null, ...proxyFailure(raw.status, message) };
  }
  if (raw.status >= 200 && raw.status < 400)
    return { ok: true, status: raw.status, error: null, version, pod, message: null };
  const error: TrafficErrorKind = raw.status >= 500 ? 'server-error' : 'client-error';
  const why =
    raw.status === 404 ? 'the path does not exist in the app (404)' : `the app answered HTTP ${raw.status}`;
  const detail = text((json as { error?: unknown } | null)?.error);
  return {
    ok: false,
    status: raw.status,
    error,
    version,
    pod,
    message: detail ? `${why}: ${short(detail)}` : why,
  };
}

function proxyFailure(status: number, message: string): { error: TrafficErrorKind; message: string } {
  if (/no endpoints available/i.test(message)) {
    return { error: 'no-endpoints', message: `the Service has no ready endpoint (${short(message)})` };
  }
  if (/no route to host|network is unreachable|host is unreachable/i.test(message)) {
    // e.g. a pod on the built-in cluster's simulated (kwok) nodes: it has an address but no process
    return { error: 'network', message: `the pod's address cannot be reached (${short(message)})` };
  }
  if (/connection refused|connection reset|EOF/i.test(message)) {
    return { error: 'refused', message: `the pod refused the connection (${short(message)})` };
  }
  if (/timeout|deadline/i.test(message))
    return { error: 'timeout', message: `the pod did not answer in time (${short(message)})` };
  if (status === 404) return { error: 'proxy-error', message: `not found: ${short(message)}` };
  if (status === 403 || status === 401)
    return { error: 'proxy-error', message: `the API server refused the proxy: ${short(message)}` };
  return { error: 'proxy-error', message: `the API server could not reach the Service: ${short(message)}` };
}

/** A request that got no HTTP answer at all: an abort by our timeout, a refused or reset socket. */
export function classifyThrown(err: unknown, timeoutMs: number): Answer {
  const e = err as {
    name?: string;
    code?: string;
    cause?: { code?: string; message?: string };
    message?: string;
  } | null;
  const code = e?.code ?? e?.cause?.code ?? '';
  const base = { ok: false, status: null, version: null, pod: null } as const;
  if (
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return {
      ...base,
      error: 'timeout',
      message: `no answer within ${timeoutMs} ms: the app hangs or is overloaded`,
    };
  }
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { ...base, error: 'refused', message: `the connection was refused or cut (${code})` };
  }
  return { ...base, error: 'network', message: short(e?.cause?.message ?? e?.message ?? String(err)) };
}
