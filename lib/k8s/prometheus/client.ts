import 'server-only';
import { promData, type PromAnswer } from '../../models/prometheus/results';

// The one way Podium asks a Prometheus server (PODIUM_PROMETHEUS_URL) anything: a GET on its HTTP
// API with a timeout and a cap on the body, every failure turned into a sentence the panel can show
// ("unreachable", "timed out", "answered HTTP 404", Prometheus' own error). Queries come from the
// builders of lib/models/prometheus/promql.ts only. https://prometheus.io/docs/prometheus/latest/querying/api/

export const PROMETHEUS_TIMEOUT_MS = 5_000;
/** A 1-hour chart of 50 pods at 300 points is ~1 MiB of JSON; past this the answer is cut and refused. */
export const PROMETHEUS_MAX_BYTES = 8 << 20;

/** The configured server, or null; only http(s). */
export function prometheusUrl(env: NodeJS.ProcessEnv = process.env): URL | null {
  const raw = env.PODIUM_PROMETHEUS_URL?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url;
  } catch {
    return null;
  }
}

/** The server as a message names it: no user name or password, no query. */
export function describeServer(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

async function readCapped(res: Response, maxBytes: number): Promise<string | null> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface PromRequest {
  /** the API path, e.g. /api/v1/query_range */
  path: string;
  params: Record<string, string>;
  timeoutMs?: number;
  maxBytes?: number;
}

/** One API call: its `data`, or why there is none, in words. Never throws. */
export async function prometheusGet(
  base: URL,
  { path, params, timeoutMs = PROMETHEUS_TIMEOUT_MS, maxBytes = PROMETHEUS_MAX_BYTES }: PromRequest,
): Promise<PromAnswer<unknown>> {
  const server = describeServer(base);
  const url = new URL(base);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  url.search = new URLSearchParams(params).toString();
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError')
      return { ok: false, error: `Prometheus at ${server} did not answer within ${timeoutMs / 1000} s` };
    return {
      ok: false,
      error: `Prometheus at ${server} is unreachable (${e.cause?.code ?? e.cause?.message ?? e.message})`,
    };
  }
  let text: string | null;
  try {
    text = await readCapped(res, maxBytes);
  } catch (err) {
    return { ok: false, error: `Prometheus at ${server}: the answer broke off (${(err as Error).message})` };
  }
  if (text === null)
    return { ok: false, error: `Prometheus at ${server} answered more than ${maxBytes >> 20} MiB; cut off` };
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // a 404 from a wrong path or a proxy's HTML page: said below with its status
  }
  const answer = promData(body);
  if (answer.ok && res.ok) return answer;
  if (!answer.ok && body !== null && (body as { status?: unknown }).status === 'error')
    return { ok: false, error: `${answer.error} (HTTP ${res.status} from ${server})` };
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 120);
  return {
    ok: false,
    error: `Prometheus at ${server} answered HTTP ${res.status} for ${path}${snippet ? `: ${snippet}` : ''}`,
  };
}
